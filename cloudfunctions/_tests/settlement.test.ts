/**
 * Shipping, receipt and settlement through the real functions: the window counts from receipt, the timer settles
 * what is due exactly once even when two runs overlap, and receipt is confirmed automatically when nobody does.
 */
import {
  A,
  B,
  S,
  balanceOf,
  byId,
  fireTimer,
  jumpQuietlyTo,
  paidOrder,
  startFiveMinuteSlot,
  useChainedShop,
} from './support/commerce';
import { emulatorNow } from './support/operator';
import { DAY_MS, advanceClock, documents, ok, placeOrder, refused } from './support/shopper';

const { emu, ops } = useChainedShop();

async function ship(orderId: string): Promise<void> {
  await ops().fulfilment.shipOrder(
    orderId,
    { carrier: '顺丰', trackingNo: 'SF1234567' },
    'operator',
    await emulatorNow(emu),
  );
}

test('ship → receipt → window closes → the settle timer makes the commission available, then the order completes', async () => {
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  await ship(orderId);
  const received = await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  expect(received.status).toBe('received');
  const order = await byId(emu, 'orders', orderId);
  expect(order.settleAt).toBe(order.receivedAt + 7 * DAY_MS);
  const commissions = (await documents(emu, 'commissions')).filter((c) => c.orderId === orderId);
  expect(commissions.map((c) => c.settleAt)).toEqual([order.settleAt, order.settleAt]);

  // Inside the window nothing settles, however often the timer runs.
  await advanceClock(emu, 6 * DAY_MS);
  expect(await fireTimer(emu, 'settleCommission')).toMatchObject({ settled: 0, remaining: false });
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 2970, available: 0 });

  await advanceClock(emu, 1 * DAY_MS + 60_000);
  expect(await balanceOf(emu, B)).toEqual({ frozen: 0, available: 2970, held: 0, withdrawn: 0, debt: 0 });
  expect(await balanceOf(emu, A)).toEqual({ frozen: 0, available: 1584, held: 0, withdrawn: 0, debt: 0 });
  expect((await documents(emu, 'commissions')).every((c) => c.status === 'settled')).toBe(true);
  expect(await byId(emu, 'jobs', 'settleCommission')).toMatchObject({ lastRunRemaining: false });

  expect(await fireTimer(emu, 'autoConfirmReceipt')).toMatchObject({ completed: 1 });
  const detail = await ok(emu, 'orders', { $url: 'detail', orderId }, S);
  expect(detail.status).toBe('completed');
  expect(detail.timeline.map((t: { event: string }) => t.event)).toEqual([
    'created',
    'paid',
    'shipped',
    'received',
    'afterSalesWindowCloses',
    'completed',
  ]);
  expect(detail).not.toHaveProperty('snapshot');
});

test('two settlement runs at once settle every commission exactly once', async () => {
  const orderIds: string[] = [];
  for (const productId of ['p-nuts', 'p-mango', 'p-longjing'])
    orderIds.push(await paidOrder(emu, [{ productId, quantity: 1 }]));
  await startFiveMinuteSlot(emu);
  for (const orderId of orderIds) {
    await ship(orderId);
    await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  }
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', orderIds[2] as string)).settleAt + 1000);
  const runs = await Promise.all([
    fireTimer(emu, 'settleCommission'),
    fireTimer(emu, 'settleCommission'),
    fireTimer(emu, 'settleCommission'),
  ]);
  expect(runs.reduce((sum, run) => sum + run.settled, 0)).toBe(6);
  const entries = await documents(emu, 'ledgerEntries');
  expect(entries.filter((e) => e.kind === 'commission.settle')).toHaveLength(6);
  expect((await balanceOf(emu, B)).available).toBe(1485 + 598 + 4020);
  expect(await fireTimer(emu, 'settleCommission')).toMatchObject({ settled: 0 });
});

test('an open after-sale holds the order back; the timer keeps settling the others', async () => {
  const held = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  const free = await paidOrder(emu, [{ productId: 'p-mango', quantity: 1 }]);
  await startFiveMinuteSlot(emu);
  for (const orderId of [held, free]) {
    await ship(orderId);
    await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  }
  await ok(
    emu,
    'orders',
    { $url: 'requestRefund', orderId: held, lines: [{ line: 0, quantity: 1 }], reason: '包装破损' },
    S,
  );
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', free)).settleAt + 1000);
  expect(await fireTimer(emu, 'settleCommission')).toEqual({ settled: 2, skipped: 2, remaining: false });
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 1485, available: 598 });
});

test('receipt is confirmed automatically autoConfirmDays after shipping', async () => {
  const orderId = await paidOrder(emu, [{ productId: 'p-mango', quantity: 1 }]);
  await ship(orderId);
  // The jumps fire the hourly timer themselves.
  await advanceClock(emu, 9 * DAY_MS);
  expect((await byId(emu, 'orders', orderId)).status).toBe('shipped');
  await advanceClock(emu, 1 * DAY_MS);
  const order = await byId(emu, 'orders', orderId);
  expect(order.receivedAt).toBeGreaterThanOrEqual(order.shippedAt + 10 * DAY_MS);
  expect(order.status).toBe('received');
  expect((await documents(emu, 'commissions')).every((c) => c.settleAt === order.settleAt)).toBe(true);
});

test('a shopper cannot see or confirm another shopper’s order, and bad input writes nothing', async () => {
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  await ship(orderId);
  expect((await refused(emu, 'orders', { $url: 'confirmReceipt', orderId }, B)).code).toBe('NOT_FOUND');
  expect((await refused(emu, 'orders', { $url: 'detail', orderId }, B)).code).toBe('NOT_FOUND');
  expect(await ok(emu, 'orders', { $url: 'list' }, B)).toMatchObject({ orders: [] });
  expect((await refused(emu, 'orders', { $url: 'confirmReceipt', orderId, openid: S }, B)).code).toBe('INVALID_INPUT');
  expect((await refused(emu, 'orders', { $url: 'confirmReceipt', orderId: 42 }, S)).code).toBe('INVALID_INPUT');
  expect((await byId(emu, 'orders', orderId)).status).toBe('shipped');
  expect(
    (await ok(emu, 'orders', { $url: 'list', status: 'shipped' }, S)).orders.map((o: { orderId: string }) => o.orderId),
  ).toEqual([orderId]);
});

test('receipt cannot come before shipping', async () => {
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  expect((await refused(emu, 'orders', { $url: 'confirmReceipt', orderId }, S)).code).toBe('ILLEGAL_TRANSITION');
});

test('a shopper cancels their own unpaid order, never someone else’s', async () => {
  const { orderId } = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
  expect((await refused(emu, 'orders', { $url: 'cancel', orderId }, B)).code).toBe('NOT_FOUND');
  expect(await ok(emu, 'orders', { $url: 'cancel', orderId }, S)).toMatchObject({ orderId, status: 'cancelled' });
  expect((await ok(emu, 'orders', { $url: 'list', status: 'cancelled' }, S)).orders).toHaveLength(1);
});
