/**
 * A function instance killed between two of its writes, then retried the way the platform retries: WeChat
 * redelivers a payment notice, a shopper taps "pay" again with the same requestId. The emulator's fault injection
 * kills the instance just before the named write, so the first attempt really stops halfway.
 */
import { randomUUID } from 'node:crypto';
import { useEmulator } from '../../emulator/test/support/emulator';
import { S, chainOfThree, expectLedgerClean } from './support/commerce';
import { ADDRESS, MINUTE_MS, advanceClock, becomeDistributor, documents, ok, pay, placeOrder } from './support/shopper';

const emu = useEmulator({}, { resetBeforeEach: false });

beforeEach(async () => {
  await emu.request('POST', '/_emulator/reset', { seed: true });
});

async function killNext(action: string, collection: string, functionName: string): Promise<void> {
  const { status } = await emu.request('POST', '/_emulator/faults', { action, collection, functionName });
  expect(status).toBe(200);
}

test('placeOrder killed after creating the order, before reserving stock: the retry finishes the same order once', async () => {
  const request = { requestId: randomUUID(), items: [{ productId: 'p-mug', quantity: 2 }], address: ADDRESS };
  await killNext('database.modifyDocument', 'products', 'placeOrder');
  const first = await emu.call('placeOrder', request, 'o-S');
  expect(first.status).toBe(500);
  expect(first.body.error).toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: expect.stringContaining('injected fault'),
  });
  // Halfway: the order exists, no stock is held yet.
  expect(await documents(emu, 'orders')).toHaveLength(1);
  expect((await documents(emu, 'products')).find((p) => p._id === 'p-mug').stock).toBe(60);

  const retried = await ok(emu, 'placeOrder', request, 'o-S');
  const [order] = await documents(emu, 'orders');
  expect(retried.orderId).toBe(order._id);
  const mug = (await documents(emu, 'products')).find((p) => p._id === 'p-mug');
  expect(mug.stock).toBe(58);
  expect(mug.holds).toEqual({ [order._id]: 2 });
});

test('payCallback killed after its transaction, before releasing the holds: redelivery and the sweep finish it, commissions once', async () => {
  const code = await becomeDistributor(emu, 'o-B');
  await ok(emu, 'bindInviter', { inviterCode: code }, 'o-S');
  const order = await ok(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: [{ productId: 'p-nuts', quantity: 1 }], address: ADDRESS },
    'o-S',
  );

  await killNext('database.modifyDocument', 'products', 'payCallback');
  const [dead] = await pay(emu, order.outTradeNo);
  expect(dead).toMatchObject({ error: { code: 'FUNCTIONS_EXECUTE_FAIL' } });
  const [paidHalfway] = (await documents(emu, 'orders')).filter((o) => o._id === order.orderId);
  expect(paidHalfway).toMatchObject({ status: 'paid', stockSettled: false });

  // WeChat delivers again because it never got errcode 0: nothing is paid twice.
  expect(await pay(emu, order.outTradeNo, 2, true)).toEqual([
    { errcode: 0, errmsg: 'already-paid' },
    { errcode: 0, errmsg: 'already-paid' },
  ]);
  // The unpaid-order sweep (every 3 minutes, for orders at least a minute old) repairs the interrupted bookkeeping:
  // 5 minutes cross one of its runs whatever the clock's phase when the order was placed.
  await advanceClock(emu, 5 * MINUTE_MS);
  const [settled] = (await documents(emu, 'orders')).filter((o) => o._id === order.orderId);
  expect(settled.stockSettled).toBe(true);
  expect((await documents(emu, 'products')).find((p) => p._id === 'p-nuts')).toMatchObject({ stock: 499, holds: {} });
  const commissions = await documents(emu, 'commissions');
  expect(commissions.map((c) => [c.beneficiaryId, c.amountFen])).toEqual([['o-B', 1485]]);
  await expectLedgerClean(emu);
});

test('a shopper cancels while WeChat delivers the payment three times at once: each order ends paid or cancelled, commissions once', async () => {
  await chainOfThree(emu);
  const answers = new Map<string, { cancelled: boolean; paymentWentThrough: boolean }>();
  for (let round = 0; round < 6; round++) {
    const order = await placeOrder(emu, S, [{ productId: 'p-mug', quantity: 1 }]);
    // The payment lands at a different point of the cancellation each round: before it asks WeChat, in between, after.
    const [cancel, deliveries] = await Promise.all([
      emu.call('orders', { $url: 'cancel', orderId: order.orderId }, S),
      new Promise((resolve) => setTimeout(resolve, round * round * 4)).then(() => pay(emu, order.outTradeNo, 3, true)),
    ]);
    expect(cancel.status).toBe(200);
    if (cancel.body.result.ok === false) expect(cancel.body.result.error.code).toBe('ILLEGAL_TRANSITION');
    answers.set(order.orderId, {
      cancelled: cancel.body.result.ok === true,
      paymentWentThrough: deliveries.length > 0,
    });
  }
  const orders = await documents(emu, 'orders');
  const commissions = await documents(emu, 'commissions');
  expect(orders).toHaveLength(6);
  for (const order of orders) {
    const answer = answers.get(order._id)!;
    const theirs = commissions.filter((commission) => commission.orderId === order._id);
    expect(order.stockSettled).toBe(true);
    if (order.status === 'paid') {
      expect(answer).toEqual({ cancelled: false, paymentWentThrough: true });
      expect(theirs.map((commission) => commission.beneficiaryId).sort()).toEqual(['o-A', 'o-B']);
    } else {
      expect(order.status).toBe('cancelled');
      expect(answer.cancelled).toBe(true);
      expect(theirs).toEqual([]);
      // Money that reached the merchant for a cancelled order goes back.
      if (answer.paymentWentThrough) expect(order.latePayment).toMatchObject({ totalFee: order.totalFen });
    }
  }
  const paid = orders.filter((order) => order.status === 'paid').length;
  const mug = (await documents(emu, 'products')).find((product) => product._id === 'p-mug');
  expect(mug.stock).toBe(60 - paid);
  expect(mug.holds ?? {}).toEqual({});
  await expectLedgerClean(emu);
});
