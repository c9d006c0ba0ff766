/**
 * The distributor's subscribe messages, through the emulator's outbox: "commission settled" once per distributor and
 * settlement run, "withdrawal result" once a withdrawal is paid (by an operator or by WeChat Pay's transfer result),
 * rejected or failed. Only with a template id in the after-sales settings; a blank id sends nothing and changes
 * nothing else. The ledger is checked after each test (useChainedShop).
 */
import {
  B,
  S,
  byId,
  fireTimer,
  jumpQuietlyTo,
  paidOrder,
  startFiveMinuteSlot,
  useChainedShop,
} from './support/commerce';
import { apiOk, OWNER_PASSWORD, ownerToken, staffToken } from './support/admin-http';
import { emulatorNow } from './support/operator';
import { ok } from './support/shopper';

process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
const { emu, ops } = useChainedShop();
// The first call of each function builds it; on a shared machine the first test of the file pays for all of them.
jest.setTimeout(120_000);

interface SentMessage {
  touser: string;
  templateId: string;
  data: Record<string, unknown>;
}

const outbox = async (): Promise<SentMessage[]> => (await emu.request('GET', '/_emulator/outbox')).body.messages;

/**
 * Orders of S received and past their after-sales window, not yet settled: B's commissions are due. The clock jumps,
 * so admin sessions are opened after it.
 */
async function dueOrders(count: number): Promise<void> {
  let settleAt = 0;
  await startFiveMinuteSlot(emu);
  for (let i = 0; i < count; i++) {
    const orderId = await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
    await ops().fulfilment.shipOrder(
      orderId,
      { carrier: '顺丰', trackingNo: `SF${i}` },
      'operator',
      await emulatorNow(emu),
    );
    await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
    settleAt = Math.max(settleAt, (await byId(emu, 'orders', orderId)).settleAt);
  }
  await jumpQuietlyTo(emu, settleAt + 1000);
}

async function setTemplates(commissionSettled: string, withdrawalResult: string): Promise<string> {
  const owner = await ownerToken(emu);
  await apiOk(emu, 'PUT', '/settings/after-sales', {
    token: owner,
    body: { subscribeTemplates: { commissionSettled, withdrawalResult } },
  });
  return owner;
}

const MARKUP = '<img src=x onerror=alert(1)>';

/** B asks for three withdrawals; the operator rejects one, pays one by hand and marks one failed. */
async function decideThreeWithdrawals(owner: string): Promise<Record<'rejected' | 'paid' | 'failed', string>> {
  const finance = await staffToken(emu, owner, 'finance');
  const ask = async (requestId: string) =>
    (await ok<{ withdrawalId: string }>(emu, 'requestWithdrawal', { requestId, amountFen: 1000 }, B)).withdrawalId;
  const rejected = await ask('messages-reject');
  const paid = await ask('messages-paid');
  const failed = await ask('messages-failed');
  await apiOk(emu, 'POST', `/withdrawals/${rejected}/reject`, { token: finance, body: { reason: MARKUP } });
  for (const id of [paid, failed]) await apiOk(emu, 'POST', `/withdrawals/${id}/approve`, { token: finance });
  await apiOk(emu, 'POST', `/withdrawals/${paid}/paid`, { token: finance, body: { payoutReference: 'BANK-1' } });
  await apiOk(emu, 'POST', `/withdrawals/${failed}/fail`, { token: finance, body: { reason: MARKUP } });
  return { rejected, paid, failed };
}

test('without template ids nothing is sent, and settlement and withdrawals go on as before', async () => {
  await dueOrders(2);
  const owner = await setTemplates('', '');
  expect((await fireTimer(emu, 'settleCommission')).settled).toBeGreaterThan(0);
  const decided = await decideThreeWithdrawals(owner);
  expect((await byId(emu, 'withdrawals', decided.paid)).status).toBe('paid');
  expect(await outbox()).toEqual([]);
});

test('commission settled: one message per distributor for the whole run, none for a run that settles nothing', async () => {
  await dueOrders(2);
  await setTemplates('tpl-commission', '');
  const run = await fireTimer(emu, 'settleCommission');
  expect(run.settled).toBeGreaterThanOrEqual(2);
  const settled = await outbox();
  const toB = settled.filter((m) => m.touser === B);
  expect(toB).toHaveLength(1);
  expect(toB[0]).toMatchObject({ templateId: 'tpl-commission' });
  // B's two commissions of the run in one message: 2 × 40.20.
  expect(JSON.stringify(toB[0]?.data)).toContain('80.40');
  const recipients = settled.map((m) => m.touser);
  expect(new Set(recipients).size).toBe(recipients.length);
  expect(settled.every((m) => m.templateId === 'tpl-commission')).toBe(true);

  expect((await fireTimer(emu, 'settleCommission')).settled).toBe(0);
  expect(await outbox()).toHaveLength(settled.length);
});

test('withdrawal result: rejected, paid and failed each send one message to the distributor, never the reason', async () => {
  await dueOrders(1);
  const owner = await setTemplates('', 'tpl-withdrawal');
  await fireTimer(emu, 'settleCommission');
  expect(await outbox()).toEqual([]);
  await decideThreeWithdrawals(owner);
  const messages = await outbox();
  expect(messages.map((m) => [m.templateId, m.touser])).toEqual([
    ['tpl-withdrawal', B],
    ['tpl-withdrawal', B],
    ['tpl-withdrawal', B],
  ]);
  const texts = messages.map((m) => JSON.stringify(m.data));
  expect(texts[0]).toContain('提现未通过审核');
  expect(texts[1]).toContain('提现已到账');
  expect(texts[2]).toContain('打款失败');
  expect(texts.every((text) => text.includes('10.00'))).toBe(true);
  expect(texts.join('')).not.toContain('<img');
});

test('withdrawal result: a transfer WeChat Pay reports paid sends one message, however often it is reported', async () => {
  await dueOrders(1);
  const owner = await setTemplates('', 'tpl-withdrawal');
  await apiOk(emu, 'PUT', '/settings/payouts', { token: owner, body: { channel: 'wechat-transfer' } });
  const finance = await staffToken(emu, owner, 'finance');
  await fireTimer(emu, 'settleCommission');
  const { withdrawalId } = await ok<{ withdrawalId: string }>(
    emu,
    'requestWithdrawal',
    { requestId: 'messages-transfer', amountFen: 1000 },
    B,
  );
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: finance });
  const released = await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/transfer`, { token: owner });
  await emu.request('POST', `/_emulator/transfers/${released.transfer.outBillNo}/confirm`, { deliveries: 3 });
  // The timer's sweep after the notices: the bill is already recorded, nothing more is sent.
  await emu.request('POST', '/_emulator/timers/transferCallback/every5min');
  expect((await byId(emu, 'withdrawals', withdrawalId)).status).toBe('paid');
  const messages = await outbox();
  expect(messages.map((m) => [m.templateId, m.touser])).toEqual([['tpl-withdrawal', B]]);
  expect(JSON.stringify(messages[0]?.data)).toContain('提现已到账');
});
