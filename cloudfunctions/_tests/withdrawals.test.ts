/**
 * Withdrawals through requestWithdrawal and the operator's decisions: every limit from the rules, a hold that two
 * concurrent requests (or a clawback) can never overdraw, and the hold's release or payout.
 */
import { B, S, balanceOf, byId, paidOrder, reviseCurrentRules, useChainedShop, settleOrder } from './support/commerce';
import { emulatorNow } from './support/operator';
import { DAY_MS, documents, ok, refused } from './support/shopper';

const { emu, ops } = useChainedShop();

/** B ends with `available` settled commission: 15% of what S paid. */
async function settledOrder(productId: string, quantity: number): Promise<string> {
  const orderId = await paidOrder(emu, [{ productId, quantity }]);
  await settleOrder(emu, orderId);
  return orderId;
}

const withdraw = (requestId: string, amountFen: number) => emu.call('requestWithdrawal', { requestId, amountFen }, B);
const refusal = async (requestId: string, amountFen: number) =>
  (await refused(emu, 'requestWithdrawal', { requestId, amountFen }, B)).code;

test('minimum and balance; a request holds the amount and answers the contract shape', async () => {
  await settledOrder('p-longjing', 1);
  expect(await balanceOf(emu, B)).toMatchObject({ available: 4020 });
  expect(await refusal('too-small-01', 999)).toBe('BELOW_WITHDRAWAL_MINIMUM');
  expect(await refusal('too-large-01', 4021)).toBe('INSUFFICIENT_BALANCE');
  const data = await ok(emu, 'requestWithdrawal', { requestId: 'withdraw-0001', amountFen: 4020 }, B);
  expect(data).toEqual({
    withdrawalId: expect.any(String),
    status: 'requested',
    amountFen: 4020,
    feeFen: 0,
    taxFen: 0,
  });
  expect(await balanceOf(emu, B)).toEqual({ frozen: 0, available: 0, held: 4020, withdrawn: 0, debt: 0 });
  expect(await documents(emu, 'withdrawals')).toEqual([
    expect.objectContaining({ _id: data.withdrawalId, openid: B, attempt: 1, netFen: 4020 }),
  ]);
});

test('maximum per request, fee, and the China-time daily cap, which a rejection gives back', async () => {
  await settledOrder('p-longjing', 1);
  await reviseCurrentRules(emu, {
    withdrawal: { minFen: 1000, maxFenPerRequest: 3000, dailyCapFen: 3500, feeBp: 100 },
  });
  expect(await refusal('max-check-01', 3001)).toBe('ABOVE_WITHDRAWAL_MAXIMUM');
  const first = await ok(emu, 'requestWithdrawal', { requestId: 'capped-0001', amountFen: 3000 }, B);
  expect(first).toMatchObject({ amountFen: 3000, feeFen: 30 });
  expect((await byId(emu, 'withdrawals', first.withdrawalId)).netFen).toBe(2970);
  expect(await refusal('capped-0002', 1000)).toBe('DAILY_WITHDRAWAL_CAP_REACHED');

  await ops().withdrawals.rejectWithdrawal(first.withdrawalId, '信息有误', 'finance', await emulatorNow(emu));
  expect(await balanceOf(emu, B)).toMatchObject({ available: 4020, held: 0 });
  await ok(emu, 'requestWithdrawal', { requestId: 'capped-0003', amountFen: 3000 }, B);
  expect(await refusal('capped-0004', 1000)).toBe('DAILY_WITHDRAWAL_CAP_REACHED');
  await emu.request('POST', '/_emulator/clock', { advanceMs: DAY_MS });
  expect(await ok(emu, 'requestWithdrawal', { requestId: 'capped-0005', amountFen: 1020 }, B)).toMatchObject({
    feeFen: 10,
  });
  expect(await balanceOf(emu, B)).toMatchObject({ available: 0, held: 4020 });
});

test('concurrent requests can never overdraw', async () => {
  await settledOrder('p-longjing', 1);
  const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => withdraw(`race-000${i}`, 1500)));
  const outcomes = answers.map((a) => (a.body.result.ok ? 'ok' : a.body.result.error.code)).sort();
  expect(outcomes).toEqual([
    'INSUFFICIENT_BALANCE',
    'INSUFFICIENT_BALANCE',
    'INSUFFICIENT_BALANCE',
    'INSUFFICIENT_BALANCE',
    'ok',
    'ok',
  ]);
  expect(await balanceOf(emu, B)).toMatchObject({ available: 1020, held: 3000 });
});

test('the same requestId is the same withdrawal, even concurrently; another amount under it is refused', async () => {
  await settledOrder('p-longjing', 1);
  const [one, two] = await Promise.all([withdraw('same-request', 1500), withdraw('same-request', 1500)]);
  expect(one.body.result).toEqual(two.body.result);
  expect(await balanceOf(emu, B)).toMatchObject({ held: 1500 });
  expect(await refusal('same-request', 2000)).toBe('IDEMPOTENCY_KEY_REUSED');
});

test('a withdrawal racing a clawback: whichever wins, nothing is overdrawn and the debt is recorded', async () => {
  const orderId = await settledOrder('p-nuts', 2);
  const now = await emulatorNow(emu);
  const [withdrawal] = await Promise.all([
    withdraw('race-clawback', 2970),
    ops()
      .refunds.openMerchantRefund({ orderId, lines: [{ line: 0, quantity: 1 }], reason: '投诉退款' }, 'operator', now)
      .then(() => emu.emulator.services.pay.idle()),
  ]);
  const balance = await balanceOf(emu, B);
  expect(balance.available + balance.held - balance.debt).toBe(2970 - 1485);
  if (withdrawal.body.result.ok) expect(balance).toMatchObject({ held: 2970, available: 0, debt: 1485 });
  else expect(withdrawal.body.result.error.code).toBe('INSUFFICIENT_BALANCE');
});

test('reject releases the hold; approve then paid withdraws it; a failed payout can be retried', async () => {
  await settledOrder('p-longjing', 1);
  const rejected = await ok(emu, 'requestWithdrawal', { requestId: 'reject-0001', amountFen: 2000 }, B);
  const now = await emulatorNow(emu);
  const { before, after } = await ops().withdrawals.rejectWithdrawal(
    rejected.withdrawalId,
    '账户信息不全',
    'finance',
    now,
  );
  expect([before.status, after.status]).toEqual(['requested', 'rejected']);
  expect(await balanceOf(emu, B)).toMatchObject({ available: 4020, held: 0 });
  await expect(ops().withdrawals.approveWithdrawal(rejected.withdrawalId, 'finance', now)).rejects.toMatchObject({
    code: 'ILLEGAL_TRANSITION',
  });

  const paid = await ok(emu, 'requestWithdrawal', { requestId: 'paid-00001', amountFen: 2000 }, B);
  await ops().withdrawals.approveWithdrawal(paid.withdrawalId, 'finance', now);
  const payout = await ops().payout.payOutWithdrawal(
    paid.withdrawalId,
    new (ops().payout.ManualPayoutChannel)('BANK-20240301-01'),
    'finance',
    now,
  );
  expect(payout.after).toMatchObject({ status: 'paid', payoutReference: 'BANK-20240301-01' });
  expect(await balanceOf(emu, B)).toMatchObject({ available: 2020, held: 0, withdrawn: 2000 });

  const failing = await ok(emu, 'requestWithdrawal', { requestId: 'fail-00001', amountFen: 2020 }, B);
  await ops().withdrawals.approveWithdrawal(failing.withdrawalId, 'finance', now);
  const broken = { payout: async () => Promise.reject(new Error('收款账户异常')) };
  expect((await ops().payout.payOutWithdrawal(failing.withdrawalId, broken, 'finance', now)).after).toMatchObject({
    status: 'failed',
    failureReason: '收款账户异常',
  });
  expect(await balanceOf(emu, B)).toMatchObject({ available: 2020, held: 0 });
  expect((await ops().withdrawals.retryWithdrawal(failing.withdrawalId, 'finance', now)).after).toMatchObject({
    status: 'requested',
    attempt: 2,
  });
  expect(await balanceOf(emu, B)).toMatchObject({ available: 0, held: 2020, withdrawn: 2000 });
});

test('identity and amounts come from the platform and the ledger: extra fields and bad amounts write nothing', async () => {
  await settledOrder('p-longjing', 1);
  for (const data of [
    { requestId: 'ident-0001', amountFen: 1000, openid: S },
    { requestId: 'ident-0002', amountFen: 1000, _openid: S },
    { requestId: 'ident-0003', amountFen: 1000, feeFen: 0 },
    { requestId: 'ident-0004', amountFen: 10.5 },
    { requestId: 'ident-0005', amountFen: -1000 },
    { requestId: 'x', amountFen: 1000 },
  ]) {
    expect((await refused(emu, 'requestWithdrawal', data, B)).code).toBe('INVALID_INPUT');
  }
  expect(await documents(emu, 'withdrawals')).toEqual([]);
  expect(await balanceOf(emu, B)).toMatchObject({ available: 4020, held: 0 });
  expect((await refused(emu, 'requestWithdrawal', { requestId: 'no-balance-01', amountFen: 1000 }, S)).code).toBe(
    'INSUFFICIENT_BALANCE',
  );
});
