/**
 * The daily reconciliation against WeChat Pay's bill (the emulator's, in WeChat's text format): a clean day queues
 * nothing; a payment the shop does not know, an order marked paid that WeChat never saw and a refund whose amount
 * differs are each queued once, and check:ledger counts them until they are resolved.
 */
import { chinaDayBounds } from '../../core/src';
import { connectSdk, useEmulator } from '../../emulator/test/support/emulator';
import { checkLedger } from '../_tools/check-ledger';
import { S, chainOfThree, paidOrder } from './support/commerce';
import { emulatorNow, operatorFlows } from './support/operator';
import { documents, ok, placeOrder } from './support/shopper';
import { api, apiOk, ownerToken, seedShop, staffToken } from './support/admin-http';

const emu = useEmulator({}, { resetBeforeEach: false });
beforeEach(async () => {
  await seedShop(emu);
  await chainOfThree(emu);
});

/** To 10:00:30 China time the next day: the daily timer fires on the jump and reconciles today. */
async function nextMorning(): Promise<void> {
  const { end } = chinaDayBounds(await emulatorNow(emu));
  await emu.request('POST', '/_emulator/clock', { now: end + 10 * 3_600_000 + 30_000 });
}

async function runReconciliation(): Promise<any> {
  const { status, body } = await emu.request('POST', '/_emulator/timers/reconcilePayments/daily');
  expect(status).toBe(200);
  return body.result;
}

async function refundedOrder(): Promise<{ afterSaleId: string }> {
  const flows = operatorFlows(emu);
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  await flows.fulfilment.shipOrder(orderId, { carrier: '顺丰', trackingNo: 'SF1' }, 'operator', await emulatorNow(emu));
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  const [afterSale] = await ok(
    emu,
    'orders',
    { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '不想要了' },
    S,
  );
  await flows.refunds.approveAfterSale(afterSale.afterSaleId, 'operator', await emulatorNow(emu));
  await emu.emulator.services.pay.idle();
  return { afterSaleId: afterSale.afterSaleId };
}

test('a clean day: every payment and refund matches, nothing is queued, check:ledger reports 0', async () => {
  await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  await refundedOrder();
  await nextMorning();
  expect(await runReconciliation()).toMatchObject({ payments: 2, refunds: 1, mismatches: 0 });
  expect(await documents(emu, 'paymentMismatches')).toEqual([]);
  expect((await checkLedger({ emulatorUrl: emu.url })).violations).toEqual([]);
});

test('unknown payment, paid-here-only order and a differing refund are queued once each and counted by check:ledger', async () => {
  const cloud = connectSdk(emu.url);
  // 1. WeChat took money for a trade the shop has no order for.
  await cloud.cloudPay.unifiedOrder({
    body: '不明款项',
    outTradeNo: 'STRANGER-1',
    spbillCreateIp: '127.0.0.1',
    subMchId: 'local-sub-mch',
    totalFee: 4321,
    envId: 'local-dev',
    functionName: 'payCallback',
    nonceStr: 'n',
    tradeType: 'JSAPI',
    subOpenid: 'o-stranger',
  });
  await emu.emulator.services.pay.simulatePayment('STRANGER-1', { deliveries: 0 });
  // 2. An order the shop marked paid although WeChat never saw a payment.
  const unpaid = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
  await cloud
    .database()
    .collection('orders')
    .doc(unpaid.orderId)
    .update({
      data: { status: 'paid', paidAt: await emulatorNow(emu), transactionId: 'forged' },
    });
  // 3. A refund WeChat paid, recorded here with another amount.
  const { afterSaleId } = await refundedOrder();
  const stored = (await documents(emu, 'afterSales')).find((a) => a._id === afterSaleId);
  await cloud
    .database()
    .collection('afterSales')
    .doc(afterSaleId)
    .update({ data: { refundFen: stored.refundFen - 1 } });

  await nextMorning();
  await runReconciliation(); // a second run (the jump ran it once) adds nothing
  const queued = await documents(emu, 'paymentMismatches');
  expect(queued.map((m) => m._id).sort()).toEqual(
    [
      'payment-missing-at-wechat:' + unpaid.outTradeNo,
      'payment-missing-here:STRANGER-1',
      'refund-amount-differs:' + stored.outRefundNo,
    ].sort(),
  );
  expect(queued.find((m) => m.kind === 'payment-missing-here')).toMatchObject({
    wechatFen: 4321,
    shopFen: null,
    orderId: null,
    status: 'open',
  });
  expect(queued.find((m) => m.kind === 'payment-missing-at-wechat')).toMatchObject({
    wechatFen: null,
    shopFen: unpaid.totalFen,
  });
  expect(queued.find((m) => m.kind === 'refund-amount-differs')).toMatchObject({
    wechatFen: stored.refundFen,
    shopFen: stored.refundFen - 1,
  });

  const report = await checkLedger({ emulatorUrl: emu.url });
  expect(report.paymentMismatches).toBe(3);
  expect(report.violations.filter((v) => v.code === 'UNRESOLVED_PAYMENT_MISMATCH')).toHaveLength(3);

  // Resolved items stop counting and a re-run does not reopen them.
  for (const item of queued)
    await cloud
      .database()
      .collection('paymentMismatches')
      .doc(item._id)
      .update({ data: { status: 'resolved' } });
  await runReconciliation();
  expect((await checkLedger({ emulatorUrl: emu.url })).paymentMismatches).toBe(0);
});

test('operators list the queue and resolve an item with a note, audited; an operator role cannot', async () => {
  const unpaid = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
  await connectSdk(emu.url)
    .database()
    .collection('orders')
    .doc(unpaid.orderId)
    .update({ data: { status: 'paid', paidAt: await emulatorNow(emu) } });
  await nextMorning();
  const owner = await ownerToken(emu);
  const { items } = await apiOk(emu, 'GET', '/reconciliation/mismatches?status=open', { token: owner });
  expect(items.map((m: any) => m._id)).toEqual([`payment-missing-at-wechat:${unpaid.outTradeNo}`]);
  const id = encodeURIComponent(items[0]._id);

  const operator = await staffToken(emu, owner, 'operator');
  expect(
    (await api(emu, 'POST', `/reconciliation/mismatches/${id}/resolve`, { token: operator, body: { note: 'x' } }))
      .status,
  ).toBe(403);
  expect(
    (await api(emu, 'POST', `/reconciliation/mismatches/${id}/resolve`, { token: owner, body: { note: '' } })).body
      .error.code,
  ).toBe('INVALID_INPUT');

  const resolved = await apiOk(emu, 'POST', `/reconciliation/mismatches/${id}/resolve`, {
    token: owner,
    body: { note: '<b>测试数据</b>，订单已作废' },
  });
  expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'owner', note: '<b>测试数据</b>，订单已作废' });
  expect(
    (await api(emu, 'POST', `/reconciliation/mismatches/${id}/resolve`, { token: owner, body: { note: 'again' } })).body
      .error.code,
  ).toBe('ILLEGAL_TRANSITION');
  const audit = (await documents(emu, 'auditLogs')).filter((entry) => entry.action === 'reconciliation.resolve');
  expect(audit).toEqual([expect.objectContaining({ actor: 'owner', target: `paymentMismatches/${items[0]._id}` })]);
  expect((await checkLedger({ emulatorUrl: emu.url })).paymentMismatches).toBe(0);
});
