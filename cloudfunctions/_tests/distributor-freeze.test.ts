/**
 * 风控冻结 through the real functions and adminApi: a freeze holds settlement, withdrawals, payouts and new bindings,
 * with a reason the distributor reads; unfreezing resumes all of it. The ledger is checked after every test.
 */
import { api, apiOk, OWNER_PASSWORD, signIn, staffToken } from './support/admin-http';
import { A, B, S, balanceOf, byId, fireTimer, jumpQuietlyTo, paidOrder, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { becomeDistributor, documents, ok } from './support/shopper';

// The demo data's owner account is made in this process when the emulator seeds (see seedShop).
process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;

const { emu, ops } = useChainedShop();
const owner = () => signIn(emu, 'owner', OWNER_PASSWORD);

const REASON = '疑似自买自卖，核查中';

async function freeze(openid: string, reason = REASON, token?: string) {
  return apiOk(emu, 'POST', `/distributors/${openid}/freeze`, { token: token ?? (await owner()), body: { reason } });
}

async function unfreeze(openid: string, token?: string) {
  return apiOk(emu, 'POST', `/distributors/${openid}/unfreeze`, { token: token ?? (await owner()), body: {} });
}

/** S's order through B, received and past its after-sales window, not yet settled. */
async function dueOrder(): Promise<string> {
  const orderId = await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
  await ops().fulfilment.shipOrder(orderId, { carrier: '顺丰', trackingNo: 'SF1234567' }, 'operator', 0);
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', orderId)).settleAt + 1000);
  return orderId;
}

const commissionsOf = async (openid: string) =>
  (await documents(emu, 'commissions')).filter((c) => c.beneficiaryId === openid).map((c) => c.status);

test('a settlement run leaves a frozen distributor’s commissions frozen; the run after the unfreeze settles them', async () => {
  await dueOrder();
  const answer = await api(emu, 'POST', `/distributors/${B}/freeze`, {
    token: await owner(),
    body: { reason: REASON },
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ ok: true });

  expect(await fireTimer(emu, 'settleCommission')).toEqual({ settled: 1, skipped: 1, remaining: false });
  expect(await commissionsOf(B)).toEqual(['frozen']);
  expect(await commissionsOf(A)).toEqual(['settled']);
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 4020, available: 0 });
  // A second run while frozen holds them again.
  expect(await fireTimer(emu, 'settleCommission')).toMatchObject({ settled: 0, skipped: 1 });

  const summary = await ok(emu, 'distributorCenter', { $url: 'summary' }, B);
  expect(summary.freeze).toEqual({ reason: REASON, at: expect.any(Number) });
  expect((await ok(emu, 'distributorCenter', { $url: 'summary' }, A)).freeze).toBeNull();

  expect((await apiOk(emu, 'POST', `/distributors/${B}/unfreeze`, { token: await owner() })).freeze).toBeUndefined();
  expect((await ok(emu, 'distributorCenter', { $url: 'summary' }, B)).freeze).toBeNull();
  expect(await fireTimer(emu, 'settleCommission')).toEqual({ settled: 1, skipped: 0, remaining: false });
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 0, available: 4020 });

  const audit = await apiOk(emu, 'GET', '/audit-logs?action=distributor.freeze', { token: await owner() });
  expect(audit.items).toEqual([expect.objectContaining({ target: `distributors/${B}` })]);
  const lifted = await apiOk(emu, 'GET', '/audit-logs?action=distributor.unfreeze', { token: await owner() });
  expect(lifted.items).toHaveLength(1);
});

test('a frozen distributor cannot withdraw; a pending withdrawal is held, neither approved nor paid', async () => {
  await dueOrder();
  await fireTimer(emu, 'settleCommission');
  expect(await balanceOf(emu, B)).toMatchObject({ available: 4020 });
  const pending = await ok(emu, 'requestWithdrawal', { requestId: 'before-freeze-1', amountFen: 2000 }, B);
  const approved = await ok(emu, 'requestWithdrawal', { requestId: 'before-freeze-2', amountFen: 1500 }, B);
  const finance = await staffToken(emu, await owner(), 'finance');
  await apiOk(emu, 'POST', `/withdrawals/${approved.withdrawalId}/approve`, { token: finance });

  await freeze(B);
  const { body } = await emu.call('requestWithdrawal', { requestId: 'while-frozen-1', amountFen: 500 }, B);
  expect(body.result).toMatchObject({ ok: false, error: { code: 'DISTRIBUTOR_FROZEN' } });
  expect(body.result.error.message).toMatch(/冻结/);
  // The same request replayed is still the withdrawal it already made.
  expect(await ok(emu, 'requestWithdrawal', { requestId: 'before-freeze-1', amountFen: 2000 }, B)).toMatchObject({
    withdrawalId: pending.withdrawalId,
  });

  const approve = await api(emu, 'POST', `/withdrawals/${pending.withdrawalId}/approve`, { token: finance });
  expect(approve.body).toMatchObject({ ok: false, error: { code: 'DISTRIBUTOR_FROZEN' } });
  const paid = await api(emu, 'POST', `/withdrawals/${approved.withdrawalId}/paid`, {
    token: finance,
    body: { payoutReference: 'WX-123' },
  });
  expect(paid.body).toMatchObject({ ok: false, error: { code: 'DISTRIBUTOR_FROZEN' } });
  const channel = { payout: jest.fn(async () => ({ reference: 'never' })) };
  await expect(
    ops().payout.payOutWithdrawal(approved.withdrawalId, channel, 'finance', await emulatorNow(emu)),
  ).rejects.toMatchObject({ code: 'DISTRIBUTOR_FROZEN' });
  expect(channel.payout).not.toHaveBeenCalled();
  expect((await byId(emu, 'withdrawals', pending.withdrawalId)).status).toBe('requested');
  expect((await byId(emu, 'withdrawals', approved.withdrawalId)).status).toBe('approved');
  expect(await balanceOf(emu, B)).toMatchObject({ available: 520, held: 3500, withdrawn: 0 });

  await unfreeze(B);
  await apiOk(emu, 'POST', `/withdrawals/${pending.withdrawalId}/approve`, { token: finance });
  await apiOk(emu, 'POST', `/withdrawals/${approved.withdrawalId}/paid`, {
    token: finance,
    body: { payoutReference: 'WX-123' },
  });
  expect(await balanceOf(emu, B)).toMatchObject({ available: 520, held: 2000, withdrawn: 1500 });
});

test('nobody new binds to a frozen distributor; after the unfreeze they do', async () => {
  const codeB = (await ok(emu, 'distributorCenter', { $url: 'summary' }, B)).inviteCode;
  await freeze(B);
  expect(await ok(emu, 'bindInviter', { inviterCode: codeB }, 'o-T')).toEqual({
    bound: false,
    reason: 'INVITER_FROZEN',
    productId: null,
  });
  expect((await documents(emu, 'users')).find((u) => u._id === 'o-T')?.inviterOpenid ?? null).toBeNull();
  await unfreeze(B);
  expect(await ok(emu, 'bindInviter', { inviterCode: codeB }, 'o-T')).toMatchObject({ bound: true });
});

test('disabling is not freezing: a disabled distributor’s earned money still settles and is payable', async () => {
  await dueOrder();
  await apiOk(emu, 'POST', `/distributors/${B}/disable`, { token: await owner() });
  expect(await fireTimer(emu, 'settleCommission')).toMatchObject({ settled: 2, skipped: 0 });
  await ok(emu, 'requestWithdrawal', { requestId: 'disabled-but-owed', amountFen: 4020 }, B);
});

describe('as an attacker', () => {
  test('a shopper, a finance account or no session cannot freeze or unfreeze; bad input writes nothing', async () => {
    const token = await owner();
    const finance = await staffToken(emu, token, 'finance');
    for (const path of [`/distributors/${B}/freeze`, `/distributors/${B}/unfreeze`]) {
      expect((await api(emu, 'POST', path, { body: { reason: 'x' } })).status).toBe(401);
      expect((await api(emu, 'POST', path, { token: finance, body: { reason: 'x' } })).status).toBe(403);
    }
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(201) }, { reason: 'x', openid: A }]) {
      expect((await api(emu, 'POST', `/distributors/${B}/freeze`, { token, body })).status).toBe(400);
    }
    expect((await api(emu, 'POST', `/distributors/o-nobody/freeze`, { token, body: { reason: 'x' } })).status).toBe(
      404,
    );
    // A shopper cannot freeze through a forged mini program event either: the function takes no such route.
    const forged = await emu.call('distributorCenter', { $url: 'freeze', openid: A, reason: 'x' }, B);
    expect(forged.body.result ?? forged.body).toMatchObject({ ok: false });
    expect((await documents(emu, 'distributors')).filter((d) => d.freeze)).toEqual([]);
  });

  test('markup in the reason is stored and answered as plain text', async () => {
    const markup = '<img src=x onerror=alert(1)>冻结';
    await freeze(B, markup);
    expect((await ok(emu, 'distributorCenter', { $url: 'summary' }, B)).freeze.reason).toBe(markup);
    // Another distributor sees nothing of it.
    expect((await ok(emu, 'distributorCenter', { $url: 'summary' }, A)).freeze).toBeNull();
    expect(await becomeDistributor(emu, 'o-T')).toEqual(expect.any(String));
  });
});
