/**
 * Binding, ordering and payment through the real functions on the emulator: server-side prices, stock that never
 * oversells, idempotent requests and callbacks, commissions fixed at the inviter chain, and cancellation.
 */
import { randomUUID } from 'node:crypto';
import { connectSdk, useEmulator } from '../../emulator/test/support/emulator';
import {
  ADDRESS,
  MINUTE_MS,
  advanceClock,
  becomeDistributor,
  documents,
  ok,
  pay,
  placeOrder,
  posterScene,
  refused,
} from './support/shopper';

const emu = useEmulator({}, { resetBeforeEach: false });

beforeEach(async () => {
  await emu.request('POST', '/_emulator/reset', { seed: true });
});

/** A (top) invited B, B invited shopper S through a poster. */
async function chainOfThree() {
  await becomeDistributor(emu, 'o-A');
  const codeA = await becomeDistributor(emu, 'o-A');
  await ok(emu, 'bindInviter', { inviterCode: codeA }, 'o-B');
  await becomeDistributor(emu, 'o-B');
  const scene = await posterScene(emu, 'o-B', 'p-nuts');
  const bound = await ok(emu, 'bindInviter', { scene }, 'o-S');
  expect(bound).toMatchObject({ bound: true, source: 'poster', productId: 'p-nuts' });
}

describe('binding', () => {
  test('a poster scene binds the shopper to the poster owner, with an audit record', async () => {
    await chainOfThree();
    const users = await documents(emu, 'users');
    expect(users.find((u) => u._id === 'o-S')).toMatchObject({ inviterOpenid: 'o-B', bindingSource: 'poster' });
    const records = await documents(emu, 'bindings');
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ openid: 'o-S', oldInviterOpenid: null, newInviterOpenid: 'o-B', source: 'poster' }),
      ]),
    );
  });

  test('refusals are normal results: self, loops, unknown codes, and first-touch keeps the first inviter', async () => {
    await chainOfThree();
    const codeS = await becomeDistributor(emu, 'o-S');
    const codeA = await becomeDistributor(emu, 'o-A');
    expect(await ok(emu, 'bindInviter', { inviterCode: codeS }, 'o-S')).toMatchObject({ bound: false, reason: 'SELF' });
    expect(await ok(emu, 'bindInviter', { inviterCode: codeS }, 'o-A')).toMatchObject({ bound: false, reason: 'LOOP' });
    expect(await ok(emu, 'bindInviter', { inviterCode: 'NOPE42' }, 'o-X')).toMatchObject({
      bound: false,
      reason: 'UNKNOWN_CODE',
    });
    expect(await ok(emu, 'bindInviter', { inviterCode: codeA }, 'o-S')).toMatchObject({
      bound: false,
      reason: 'ALREADY_BOUND',
    });
  });

  test('identity comes from the platform: an openid in the event is refused, nothing is written', async () => {
    const codeA = await becomeDistributor(emu, 'o-A');
    const error = await refused(emu, 'bindInviter', { inviterCode: codeA, openid: 'o-victim' }, 'o-S');
    expect(error.code).toBe('INVALID_INPUT');
    expect((await documents(emu, 'bindings')).length).toBe(0);
  });
});

describe('placing an order', () => {
  test('prices on the server, reserves stock, and answers with payment parameters', async () => {
    const order = await placeOrder(emu, 'o-S', [
      { productId: 'p-nuts', quantity: 2 },
      { productId: 'p-mango', quantity: 1 },
    ]);
    // 2 × 99.00 + 39.90 = 237.90, over the 99.00 free-shipping line.
    expect(order.totalFen).toBe(23790);
    expect(order.outTradeNo).toMatch(/^O[0-9a-f]{24}$/);
    expect(order.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/), paySign: expect.any(String) });
    const nuts = (await documents(emu, 'products')).find((p) => p._id === 'p-nuts');
    expect(nuts.stock).toBe(498);
    expect(nuts.holds).toEqual({ [order.orderId]: 2 });
  });

  test('a price, openid or commission in the event is refused and nothing is written', async () => {
    for (const extra of [{ priceFen: 1 }, { openid: 'o-other' }, { commissionFen: 100 }, { totalFen: 1 }]) {
      const error = await refused(
        emu,
        'placeOrder',
        { requestId: randomUUID(), items: [{ productId: 'p-nuts', quantity: 1 }], address: ADDRESS, ...extra },
        'o-S',
      );
      expect(error.code).toBe('INVALID_INPUT');
    }
    const badQuantity = await refused(
      emu,
      'placeOrder',
      { requestId: randomUUID(), items: [{ productId: 'p-nuts', quantity: 0 }], address: ADDRESS },
      'o-S',
    );
    expect(badQuantity).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('quantity') });
    expect(await documents(emu, 'orders')).toEqual([]);
  });

  test('the same requestId returns the same order; other content under it is refused', async () => {
    const requestId = randomUUID();
    const request = { requestId, items: [{ productId: 'p-nuts', quantity: 1 }], address: ADDRESS };
    const [first, second] = await Promise.all([
      ok(emu, 'placeOrder', request, 'o-S'),
      ok(emu, 'placeOrder', request, 'o-S'),
    ]);
    expect(second.orderId).toBe(first.orderId);
    expect((await documents(emu, 'orders')).length).toBe(1);
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-nuts').stock).toBe(499);
    const reused = await refused(
      emu,
      'placeOrder',
      { ...request, items: [{ productId: 'p-nuts', quantity: 3 }] },
      'o-S',
    );
    expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another shopper's identical requestId is their own order.
    const theirs = await ok(emu, 'placeOrder', request, 'o-T');
    expect(theirs.orderId).not.toBe(first.orderId);
  });

  test('a retry of the request that bought the last units gets its order back, unpaid, paid, or with the product gone', async () => {
    const request = { requestId: randomUUID(), items: [{ productId: 'p-mug', quantity: 60 }], address: ADDRESS };
    const bought = await ok(emu, 'placeOrder', request, 'o-S');
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-mug').stock).toBe(0);
    const retried = await ok(emu, 'placeOrder', request, 'o-S');
    expect(retried).toMatchObject({
      orderId: bought.orderId,
      totalFen: bought.totalFen,
      outTradeNo: bought.outTradeNo,
    });
    expect((await refused(emu, 'placeOrder', { ...request, requestId: randomUUID() }, 'o-T')).code).toBe(
      'OUT_OF_STOCK',
    );
    await pay(emu, bought.outTradeNo);
    const afterPayment = await ok(emu, 'placeOrder', request, 'o-S');
    expect(afterPayment).toEqual({
      orderId: bought.orderId,
      orderNo: bought.orderNo,
      totalFen: bought.totalFen,
      payment: null,
      outTradeNo: bought.outTradeNo,
    });
    const cloud = connectSdk(emu.url);
    await cloud.database().collection('products').doc('p-mug').remove();
    expect(await ok(emu, 'placeOrder', request, 'o-S')).toEqual(afterPayment);
    expect((await documents(emu, 'orders')).map((order) => order._id)).toEqual([bought.orderId]);
  });

  test('more than is in stock is refused with OUT_OF_STOCK', async () => {
    const error = await refused(
      emu,
      'placeOrder',
      { requestId: randomUUID(), items: [{ productId: 'p-mug', quantity: 61 }], address: ADDRESS },
      'o-S',
    );
    expect(error.code).toBe('OUT_OF_STOCK');
  });
});

describe('payment', () => {
  test('however often WeChat delivers, the order is paid once with one set of commissions along the snapshot chain', async () => {
    await chainOfThree();
    const order = await placeOrder(emu, 'o-S', [{ productId: 'p-nuts', quantity: 2 }]);
    const deliveries = await pay(emu, order.outTradeNo, 5, true);
    expect(deliveries).toHaveLength(5);
    for (const delivery of deliveries) expect(delivery).toMatchObject({ errcode: 0 });
    const [paid] = (await documents(emu, 'orders')).filter((o) => o._id === order.orderId);
    expect(paid).toMatchObject({ status: 'paid', stockSettled: true });
    const commissions = await documents(emu, 'commissions');
    // 198.00 paid for the line: 15% = 29.70 to B, 8% = 15.84 to A.
    expect(commissions.map((c) => [c.beneficiaryId, c.level, c.amountFen, c.status]).sort()).toEqual([
      ['o-A', 2, 1584, 'frozen'],
      ['o-B', 1, 2970, 'frozen'],
    ]);
    const balances = await documents(emu, 'balances');
    expect(balances.find((b) => b._id === 'o-B')).toMatchObject({ frozen: 2970, available: 0 });
    expect(balances.find((b) => b._id === 'o-A')).toMatchObject({ frozen: 1584, available: 0 });
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-nuts').holds).toEqual({});
  });

  test('re-binding after the order was placed does not change who earns on it', async () => {
    await chainOfThree();
    const order = await placeOrder(emu, 'o-S', [{ productId: 'p-mango', quantity: 1 }]);
    await ok(emu, 'bindInviter', { inviterCode: await becomeDistributor(emu, 'o-Z') }, 'o-S');
    await pay(emu, order.outTradeNo);
    const beneficiaries = (await documents(emu, 'commissions')).map((c) => c.beneficiaryId).sort();
    expect(beneficiaries).toEqual(['o-A', 'o-B']);
  });

  test('an unpaid order is cancelled after 15 minutes, its stock comes back and its trade can no longer be paid', async () => {
    const order = await placeOrder(emu, 'o-S', [{ productId: 'p-mug', quantity: 3 }]);
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-mug').stock).toBe(57);
    await advanceClock(emu, 16 * MINUTE_MS);
    const [cancelled] = (await documents(emu, 'orders')).filter((o) => o._id === order.orderId);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'PAYMENT_TIMEOUT', stockSettled: true });
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-mug').stock).toBe(60);
    // WeChat closed the trade; a callback that still arrives (say, a payment that raced the close) is refunded.
    const [late] = await emu.emulator.services.pay
      .simulatePayment(order.outTradeNo, { deliveries: 1 })
      .then((r) => r?.deliveries ?? []);
    expect(late).toBeUndefined();
  });

  test('paid before the timer cancels, notice still on its way: WeChat says paid, so the order is paid, not cancelled', async () => {
    const order = await placeOrder(emu, 'o-S', [{ productId: 'p-mug', quantity: 1 }]);
    // The money went through but the notice has not arrived yet.
    await emu.emulator.services.pay.simulatePayment(order.outTradeNo, { deliveries: 0 });
    await advanceClock(emu, 16 * MINUTE_MS);
    const [paid] = (await documents(emu, 'orders')).filter((o) => o._id === order.orderId);
    expect(paid.status).toBe('paid');
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-mug').stock).toBe(59);
  });

  test('a payment that arrives after the order was cancelled is refunded, not lost', async () => {
    const order = await placeOrder(emu, 'o-S', [{ productId: 'p-mug', quantity: 1 }]);
    // As if a cancellation could not reach WeChat to close the trade: the order is cancelled, the trade still open.
    const cloud = connectSdk(emu.url);
    await cloud
      .database()
      .collection('orders')
      .doc(order.orderId)
      .update({ data: { status: 'cancelled', cancelReason: 'SHOPPER_CANCELLED' } });
    const deliveries = await pay(emu, order.outTradeNo, 2, true);
    expect(deliveries).toEqual([
      { errcode: 0, errmsg: 'refunded-late-payment' },
      { errcode: 0, errmsg: 'refunded-late-payment' },
    ]);
    const [cancelled] = (await documents(emu, 'orders')).filter((o) => o._id === order.orderId);
    expect(cancelled.latePayment).toMatchObject({ outRefundNo: `L${order.orderId}`, totalFee: order.totalFen });
    expect(emu.emulator.services.pay.refund(`L${order.orderId}`)).toMatchObject({ refundFee: order.totalFen });
    expect(await documents(emu, 'commissions')).toEqual([]);
  });
});
