/**
 * Refunds by line and quantity: exact reversal while frozen, clawback with debt after settlement, callbacks that
 * change things once however often they arrive, and a shopper who can only touch their own orders.
 */
import { A, B, S, balanceOf, byId, fireTimer, jumpQuietlyTo, paidOrder, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { documents, invokeAsPlatform, ok, refused } from './support/shopper';

const { emu, ops } = useChainedShop();

async function receivedOrder(items: Array<{ productId: string; quantity: number }>): Promise<string> {
  const orderId = await paidOrder(emu, items);
  await ops().fulfilment.shipOrder(
    orderId,
    { carrier: '顺丰', trackingNo: 'SF1234567' },
    'operator',
    await emulatorNow(emu),
  );
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  return orderId;
}

async function askRefund(orderId: string, line: number, quantity: number): Promise<string> {
  const [afterSale] = await ok(
    emu,
    'orders',
    { $url: 'requestRefund', orderId, lines: [{ line, quantity }], reason: '不想要了' },
    S,
  );
  return afterSale.afterSaleId;
}

/** The operator approves; WeChat Pay accepts the refund and calls refundCallback by itself shortly after. */
async function approveAndWaitForCallback(afterSaleId: string): Promise<void> {
  await ops().refunds.approveAfterSale(afterSaleId, 'operator', await emulatorNow(emu));
  await emu.emulator.services.pay.idle();
}

const stockOf = async (productId: string) => (await byId(emu, 'products', productId)).stock as number;

test('a partial refund before settlement reverses exactly its share; refunding the rest reverses everything', async () => {
  const orderId = await receivedOrder([{ productId: 'p-nuts', quantity: 3 }]);
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 4455 });
  const stockBefore = await stockOf('p-nuts');

  const first = await askRefund(orderId, 0, 1);
  await approveAndWaitForCallback(first);
  expect(await byId(emu, 'afterSales', first)).toMatchObject({ status: 'refunded', refundFen: 9900 });
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 2970, available: 0 });
  expect(await balanceOf(emu, A)).toMatchObject({ frozen: 1584 });
  expect(await stockOf('p-nuts')).toBe(stockBefore + 1);
  const order = await byId(emu, 'orders', orderId);
  expect(order.lines[0].refundedQuantity).toBe(1);
  expect(order.refundedFen).toBe(9900);
  expect(emu.emulator.services.pay.refund((await byId(emu, 'afterSales', first)).outRefundNo)).toMatchObject({
    refundFee: 9900,
    status: 'SUCCESS',
  });

  const rest = await askRefund(orderId, 0, 2);
  await approveAndWaitForCallback(rest);
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 0, available: 0 });
  const commissions = await documents(emu, 'commissions');
  expect(commissions.map((c) => [c.status, c.reversedFen])).toEqual([
    ['reversed', 4455],
    ['reversed', 2376],
  ]);
  expect((await byId(emu, 'orders', orderId)).refundedFen).toBe(29700);
  expect(
    (
      await refused(
        emu,
        'orders',
        { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '再退' },
        S,
      )
    ).code,
  ).toBe('REFUND_EXCEEDS_PURCHASE');
});

test('the refund callback delivered three times at once changes things once', async () => {
  const orderId = await receivedOrder([{ productId: 'p-nuts', quantity: 2 }]);
  const afterSaleId = await askRefund(orderId, 0, 1);
  const stockBefore = await stockOf('p-nuts');
  await ops().refunds.approveAfterSale(afterSaleId, 'operator', await emulatorNow(emu));
  const { outRefundNo } = await byId(emu, 'afterSales', afterSaleId);
  const redelivered = await emu.request('POST', `/_emulator/refunds/${outRefundNo}`, {
    deliveries: 3,
    concurrent: true,
  });
  await emu.emulator.services.pay.idle();
  expect(redelivered.body.deliveries).toEqual([
    { errcode: 0, errmsg: 'OK' },
    { errcode: 0, errmsg: 'OK' },
    { errcode: 0, errmsg: 'OK' },
  ]);
  expect((await documents(emu, 'ledgerEntries')).filter((e) => e.kind === 'commission.reverse')).toHaveLength(2);
  expect(await stockOf('p-nuts')).toBe(stockBefore + 1);
  expect((await byId(emu, 'orders', orderId)).lines[0].refundedQuantity).toBe(1);
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 1485 });
});

test('a refund after settlement claws back, books debt that blocks withdrawal, and later commission repays it', async () => {
  const orderId = await receivedOrder([{ productId: 'p-nuts', quantity: 2 }]);
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', orderId)).settleAt + 1000);
  await fireTimer(emu, 'settleCommission');
  expect(await balanceOf(emu, B)).toMatchObject({ available: 2970 });
  await ok(emu, 'requestWithdrawal', { requestId: 'withdraw-0001', amountFen: 2000 }, B);

  // The shopper's window is closed, so the operator opens this refund (a complaint upheld after the window).
  const [opened] = await ops().refunds.openMerchantRefund(
    { orderId, lines: [{ line: 0, quantity: 1 }], reason: '投诉退款' },
    'operator',
    await emulatorNow(emu),
  );
  expect(opened!.after).toMatchObject({ status: 'approved', refundFen: 9900, openedBy: 'merchant' });
  await emu.emulator.services.pay.idle();
  expect(await balanceOf(emu, B)).toEqual({ frozen: 0, available: 0, held: 2000, withdrawn: 0, debt: 515 });
  expect(await balanceOf(emu, A)).toEqual({ frozen: 0, available: 792, held: 0, withdrawn: 0, debt: 0 });
  const clawed = (await documents(emu, 'commissions')).find((c) => c.beneficiaryId === B);
  expect(clawed).toMatchObject({ status: 'settled', reversedFen: 1485 });

  expect((await refused(emu, 'requestWithdrawal', { requestId: 'withdraw-0002', amountFen: 1000 }, B)).code).toBe(
    'WITHDRAWAL_BLOCKED_BY_DEBT',
  );

  const next = await receivedOrder([{ productId: 'p-mango', quantity: 1 }]);
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', next)).settleAt + 1000);
  await fireTimer(emu, 'settleCommission');
  expect(await balanceOf(emu, B)).toEqual({ frozen: 0, available: 598 - 515, held: 2000, withdrawn: 0, debt: 0 });
  expect((await documents(emu, 'ledgerEntries')).filter((e) => e.kind === 'debt.repay')).toEqual([
    expect.objectContaining({ distributorId: B, amountFen: 515 }),
  ]);
});

test('rejected requests free the line, and commissions settle as if nothing happened', async () => {
  const orderId = await receivedOrder([{ productId: 'p-nuts', quantity: 1 }]);
  const afterSaleId = await askRefund(orderId, 0, 1);
  const { after } = await ops().refunds.rejectAfterSale(afterSaleId, '商品已使用', 'operator', await emulatorNow(emu));
  expect(after).toMatchObject({ status: 'rejected', rejectReason: '商品已使用' });
  const [seen] = await ok(emu, 'orders', { $url: 'refunds', orderId }, S);
  expect(seen).toMatchObject({ afterSaleId, status: 'rejected' });
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', orderId)).settleAt + 1000);
  expect(await fireTimer(emu, 'settleCommission')).toMatchObject({ settled: 2, skipped: 0 });
});

test('a retried request with the same requestId is one after-sale; two lines at once are two', async () => {
  const orderId = await receivedOrder([
    { productId: 'p-nuts', quantity: 2 },
    { productId: 'p-mango', quantity: 1 },
  ]);
  const request = {
    $url: 'requestRefund',
    orderId,
    lines: [
      { line: 0, quantity: 1 },
      { line: 1, quantity: 1 },
    ],
    reason: '发错货',
    requestId: 'refund-req-0001',
  };
  const [first, again] = await Promise.all([ok(emu, 'orders', request, S), ok(emu, 'orders', request, S)]);
  expect(again).toEqual(first);
  expect(await documents(emu, 'afterSales')).toHaveLength(2);
  expect((await refused(emu, 'orders', { ...request, lines: [{ line: 0, quantity: 2 }] }, S)).code).toBe(
    'IDEMPOTENCY_KEY_REUSED',
  );
});

test('a shopper cannot refund another’s order, and bad input writes nothing', async () => {
  const orderId = await receivedOrder([{ productId: 'p-nuts', quantity: 1 }]);
  const lines = [{ line: 0, quantity: 1 }];
  expect((await refused(emu, 'orders', { $url: 'requestRefund', orderId, lines, reason: '想退' }, B)).code).toBe(
    'NOT_FOUND',
  );
  expect((await refused(emu, 'orders', { $url: 'refunds', orderId }, B)).code).toBe('NOT_FOUND');
  expect(
    (await refused(emu, 'orders', { $url: 'requestRefund', orderId, lines, reason: '想退', refundFen: 1 }, S)).code,
  ).toBe('INVALID_INPUT');
  expect(
    (await refused(emu, 'orders', { $url: 'requestRefund', orderId, lines, reason: '想退', openid: S }, B)).code,
  ).toBe('INVALID_INPUT');
  expect(
    (
      await refused(
        emu,
        'orders',
        { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 0 }], reason: '想退' },
        S,
      )
    ).code,
  ).toBe('INVALID_INPUT');
  expect(
    (
      await refused(
        emu,
        'orders',
        { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 2 }], reason: '想退' },
        S,
      )
    ).code,
  ).toBe('REFUND_EXCEEDS_PURCHASE');
  expect(await documents(emu, 'afterSales')).toEqual([]);
});

test('a refund callback for a refund we never asked for is acknowledged and changes nothing', async () => {
  const answer = await invokeAsPlatform(emu, 'refundCallback', {
    returnCode: 'SUCCESS',
    outRefundNo: 'Rnobody',
    refundStatus: 'SUCCESS',
  });
  expect(answer).toEqual({ errcode: 0, errmsg: 'OK' });
  expect(await documents(emu, 'ledgerEntries')).toHaveLength(0);
});
