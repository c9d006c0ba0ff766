/**
 * The doors only WeChat Pay and the platform's timers may use, tried as an attacker would. Every forged call is
 * made twice: as a mini program user through the function security rules (refused with EXCEED_AUTHORITY), and as
 * if the rules had been misconfigured (the same call reaching the function with the shopper's OPENID). Each time the
 * whole database is compared before and after: nothing may change. The real deliveries still work.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { S, byId, paidOrder, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { DAY_MS, documents, invokeAsPlatform, ok, pay, placeOrder } from './support/shopper';
import type { EmulatorHandle } from '../../emulator/test/support/emulator';

const { emu, ops } = useChainedShop();

const COLLECTIONS = Object.keys(
  (
    JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'database', 'collections.json'), 'utf8')) as {
      collections: object;
    }
  ).collections,
);

/** Every declared collection, as `GET /_emulator/db/<collection>` returns it. */
async function snapshot(handle: EmulatorHandle): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(COLLECTIONS.map(async (name) => [name, await documents(handle, name)] as const));
  return Object.fromEntries(entries);
}

/** Runs the attack and proves the database is byte for byte what it was. */
async function expectNothingChanged(attack: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(emu);
  await attack();
  await emu.emulator.services.pay.idle();
  expect(JSON.stringify(await snapshot(emu))).toBe(JSON.stringify(before));
}

/** A client call the function security rules must refuse. */
async function expectRefusedByRules(fn: string, data: unknown, openid = S): Promise<void> {
  const { status, body } = await emu.call(fn, data, openid);
  expect(status).toBe(403);
  expect(body).toEqual({ error: { code: 'EXCEED_AUTHORITY', message: expect.any(String) } });
}

/** The notice of the issue: written by the shopper from what placeOrder returned. */
function forgedNotice(order: { outTradeNo: string; totalFen: number }, overrides: Record<string, unknown> = {}) {
  return {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: order.outTradeNo,
    transactionId: 'anything',
    totalFee: order.totalFen,
    ...overrides,
  };
}

const PLATFORM_ONLY = [
  'payCallback',
  'refundCallback',
  'settleCommission',
  'cancelUnpaidOrders',
  'failExpiredGroups',
  'autoConfirmReceipt',
  'reconcilePayments',
  'upgradeGrades',
  'transferCallback',
  'refreshRecommendations',
  'adminApi',
];

/** Every timer trigger, `[function, trigger name]` as in its config.json. */
const TIMERS: Array<[string, string]> = [
  ['cancelUnpaidOrders', 'every3min'],
  ['failExpiredGroups', 'everyMinute'],
  ['autoConfirmReceipt', 'hourly'],
  ['settleCommission', 'every5min'],
  ['reconcilePayments', 'daily'],
  ['upgradeGrades', 'hourly'],
  ['transferCallback', 'every5min'],
  ['refreshRecommendations', 'daily'],
];

/**
 * What each platform-only function answers a caller carrying a user's OPENID: the timers' FORBIDDEN failure, or a
 * WeChat Pay-style refusal from the functions that also take WeChat Pay's notifications.
 */
const REFUSAL_FOR_USER: Record<string, unknown> = {
  transferCallback: { errcode: 403 },
};
const TIMER_REFUSAL = { ok: false, error: { code: 'FORBIDDEN' } };

const FUNCTIONS_DIR = path.join(__dirname, '..');

/** The functions the deployed security rules close to clients (`invoke: false`). */
function closedByRules(): string[] {
  const rules = JSON.parse(readFileSync(path.join(FUNCTIONS_DIR, 'security-rules.json'), 'utf8')) as Record<
    string,
    { invoke?: unknown }
  >;
  return Object.keys(rules).filter((fn) => rules[fn]?.invoke === false);
}

/** Every `[function, trigger]` pair a `config.json` declares as a timer. */
function declaredTimers(): Array<[string, string]> {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(FUNCTIONS_DIR, entry.name, 'config.json')))
    .flatMap((entry) => {
      const config = JSON.parse(readFileSync(path.join(FUNCTIONS_DIR, entry.name, 'config.json'), 'utf8')) as {
        triggers?: Array<{ name: string; type: string }>;
      };
      return (config.triggers ?? [])
        .filter((trigger) => trigger.type === 'timer')
        .map((trigger): [string, string] => [entry.name, trigger.name]);
    });
}

describe('the function security rules', () => {
  test('the tables here cover every function the rules close and every timer a config declares', () => {
    expect([...PLATFORM_ONLY].sort()).toEqual(closedByRules().sort());
    expect(
      declaredTimers()
        .map(([fn]) => fn)
        .every((fn) => PLATFORM_ONLY.includes(fn)),
    ).toBe(true);
    expect([...TIMERS].sort()).toEqual(declaredTimers().sort());
  });

  test.each(PLATFORM_ONLY)('%s cannot be invoked from the mini program', async (fn) => {
    await expectNothingChanged(() => expectRefusedByRules(fn, {}));
  });

  test('a client that is not signed in cannot invoke even a shopper function', async () => {
    await expectNothingChanged(async () => {
      const { status, body } = await emu.request('POST', '/_emulator/functions/shop', {
        data: { $url: 'categories' },
        openid: null,
      });
      expect(status).toBe(403);
      expect(body.error.code).toBe('EXCEED_AUTHORITY');
    });
  });

  test('a signed-in shopper still reaches the shopper functions', async () => {
    expect(await ok(emu, 'shop', { $url: 'categories' }, S)).toEqual(expect.any(Array));
  });
});

describe('forged payment notices', () => {
  test('the notice of the issue: refused by the rules, and written by the function nothing even if the rules were open', async () => {
    const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
    await expectNothingChanged(async () => {
      await expectRefusedByRules('payCallback', forgedNotice(order));
      // Misconfigured rules: the same call reaches the function, carrying the shopper's OPENID.
      expect(await invokeAsPlatform(emu, 'payCallback', forgedNotice(order), S)).toMatchObject({ errcode: 403 });
    });
    expect(emu.emulator.services.pay.trade(order.outTradeNo)?.state).toBe('NOTPAY');
  });

  test('a notice with no user behind it is still checked with WeChat Pay: an unpaid trade writes nothing', async () => {
    const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
    await expectNothingChanged(async () => {
      expect(await invokeAsPlatform(emu, 'payCallback', forgedNotice(order))).toEqual({
        errcode: 1,
        errmsg: 'unconfirmed',
      });
    });
  });

  test('a wrong amount or transaction on a paid trade writes nothing (no paymentAnomaly); the real notice still pays', async () => {
    const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
    // The shopper really paid, the notice is still on its way.
    const paid = await emu.emulator.services.pay.simulatePayment(order.outTradeNo, { deliveries: 0 });
    await expectNothingChanged(async () => {
      for (const notice of [
        forgedNotice(order, { transactionId: paid?.transactionId, totalFee: 1 }),
        forgedNotice(order, { transactionId: paid?.transactionId, totalFee: order.totalFen + 100 }),
        forgedNotice(order, { transactionId: 'anything' }),
      ]) {
        expect(await invokeAsPlatform(emu, 'payCallback', notice)).toEqual({ errcode: 1, errmsg: 'unconfirmed' });
      }
    });
    expect(await pay(emu, order.outTradeNo)).toEqual([{ errcode: 0, errmsg: 'paid' }]);
    expect(await byId(emu, 'orders', order.orderId)).toMatchObject({
      status: 'paid',
      transactionId: paid?.transactionId,
    });
  });

  test("a payment by another user for this order is not this order's payment", async () => {
    const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
    const trade = emu.emulator.services.pay.trade(order.outTradeNo)!;
    await emu.emulator.services.pay.simulatePayment(order.outTradeNo, { deliveries: 0 });
    (trade as { openid?: string }).openid = 'o-someone-else';
    await expectNothingChanged(async () => {
      expect(await pay(emu, order.outTradeNo)).toEqual([{ errcode: 1, errmsg: 'unconfirmed' }]);
    });
  });

  test('a notice on a cancelled order writes no latePayment and asks WeChat to refund nothing', async () => {
    const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
    await ok(emu, 'orders', { $url: 'cancel', orderId: order.orderId }, S);
    await expectNothingChanged(async () => {
      await expectRefusedByRules('payCallback', forgedNotice(order));
      expect(await invokeAsPlatform(emu, 'payCallback', forgedNotice(order), S)).toMatchObject({ errcode: 403 });
      expect(await invokeAsPlatform(emu, 'payCallback', forgedNotice(order))).toEqual({
        errcode: 1,
        errmsg: 'unconfirmed',
      });
    });
    expect(emu.emulator.services.pay.refund(`L${order.orderId}`)).toBeUndefined();
    expect((await byId(emu, 'orders', order.orderId)).latePayment).toBeUndefined();
  });
});

describe('forged refund notices', () => {
  async function requestedRefund(): Promise<{ orderId: string; outRefundNo: string; afterSaleId: string }> {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
    await ops().fulfilment.shipOrder(
      orderId,
      { carrier: '顺丰', trackingNo: 'SF1234567' },
      'operator',
      await emulatorNow(emu),
    );
    await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
    const [afterSale] = await ok(
      emu,
      'orders',
      { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '不想要了' },
      S,
    );
    const stored = await byId(emu, 'afterSales', afterSale.afterSaleId);
    return { orderId, outRefundNo: stored.outRefundNo, afterSaleId: afterSale.afterSaleId };
  }

  test('a refund success the shopper writes for a refund nobody approved changes nothing', async () => {
    const { outRefundNo } = await requestedRefund();
    const notice = { returnCode: 'SUCCESS', outRefundNo, refundStatus: 'SUCCESS', refundFee: 9900 };
    await expectNothingChanged(async () => {
      await expectRefusedByRules('refundCallback', notice);
      expect(await invokeAsPlatform(emu, 'refundCallback', notice, S)).toMatchObject({ errcode: 403 });
      // Without a user behind it WeChat Pay is asked, and it knows no such refund.
      expect(await invokeAsPlatform(emu, 'refundCallback', notice)).toEqual({ errcode: 1, errmsg: 'unconfirmed' });
    });
  });

  test("an approved refund is completed by WeChat's own notice, with the amount WeChat confirms", async () => {
    const { afterSaleId, outRefundNo } = await requestedRefund();
    await ops().refunds.approveAfterSale(afterSaleId, 'operator', await emulatorNow(emu));
    await emu.emulator.services.pay.idle();
    expect(await byId(emu, 'afterSales', afterSaleId)).toMatchObject({ status: 'refunded' });
    expect(emu.emulator.services.pay.refund(outRefundNo)).toMatchObject({ status: 'SUCCESS' });
    // Re-deliveries are acknowledged and change nothing.
    await expectNothingChanged(async () => {
      const { body } = await emu.request('POST', `/_emulator/refunds/${outRefundNo}`, { deliveries: 2 });
      expect(body.deliveries).toEqual([
        { errcode: 0, errmsg: 'OK' },
        { errcode: 0, errmsg: 'OK' },
      ]);
    });
  });
});

describe('forged transfer notices', () => {
  test('a transfer notice written by a shopper is refused by the rules and by the function, and changes nothing', async () => {
    const notice = { resource: { out_bill_no: 'W0000000000000001', state: 'SUCCESS' } };
    await expectNothingChanged(async () => {
      await expectRefusedByRules('transferCallback', notice);
      expect(await invokeAsPlatform(emu, 'transferCallback', notice, S)).toMatchObject({ errcode: 403 });
    });
  });
});

describe('timers invoked by a shopper', () => {
  /**
   * Work for every timer: the shop's day 40 days ago (a clock set backwards fires nothing) leaves an expired unpaid
   * order, a shipped order never confirmed and a received one whose after-sales window closed. The clock goes back
   * to real time without a jump, so no timer has run.
   */
  async function workForEveryTimer(): Promise<void> {
    const clock = emu.emulator.services.context.clock;
    await clock.set(clock.now() - 40 * DAY_MS);
    const received = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
    await ops().fulfilment.shipOrder(
      received,
      { carrier: '顺丰', trackingNo: 'SF1' },
      'operator',
      await emulatorNow(emu),
    );
    await ok(emu, 'orders', { $url: 'confirmReceipt', orderId: received }, S);
    const shipped = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
    await ops().fulfilment.shipOrder(
      shipped,
      { carrier: '顺丰', trackingNo: 'SF2' },
      'operator',
      await emulatorNow(emu),
    );
    await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
    clock.resetToRealTime();
  }

  test('each timer refuses a shopper and does nothing; fired by the platform, each has work to do', async () => {
    await workForEveryTimer();
    await expectNothingChanged(async () => {
      for (const [fn] of TIMERS) {
        await expectRefusedByRules(fn, {});
        expect(await invokeAsPlatform(emu, fn, {}, S)).toMatchObject(REFUSAL_FOR_USER[fn] ?? TIMER_REFUSAL);
      }
    });
    const results: Record<string, unknown> = {};
    for (const [fn, trigger] of TIMERS)
      results[fn] = (await emu.request('POST', `/_emulator/timers/${fn}/${trigger}`)).body.result;
    expect(results).toMatchObject({
      cancelUnpaidOrders: { cancelled: 1 },
      autoConfirmReceipt: { confirmed: 1 },
      settleCommission: { settled: expect.any(Number) },
      // Fired by the platform the newer timers run (not refused) even where this shop gives them nothing to do.
      failExpiredGroups: { failed: 0, refunded: 0, joined: 0 },
      reconcilePayments: { mismatches: 0 },
      upgradeGrades: { checked: expect.any(Number) },
      transferCallback: { errcode: 0, errmsg: 'swept' },
      refreshRecommendations: { orders: expect.any(Number), complete: true },
    });
    expect((results.refreshRecommendations as { orders: number }).orders).toBeGreaterThan(0);
    expect((results.settleCommission as { settled: number }).settled).toBeGreaterThan(0);
  });
});
