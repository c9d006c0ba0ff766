/**
 * Figures that add up: a small shop (two distributors, a full refund, a partial refund, an unpaid order) whose every
 * dashboard and distributor figure is computed here by hand and compared with the admin API's answer; the daily
 * rollups counting each payment and refund once however often WeChat delivers it; and the dashboard reading
 * counters, not orders.
 */
import { chinaDate } from '../../contract/src';
import { useEmulator } from '../../emulator/test/support/emulator';
import { apiOk, documents, ownerToken, seedShop } from './support/admin-http';
import { A, B, chainOfThree, expectLedgerClean, paidOrder, S } from './support/commerce';
import { emulatorNow, operatorFlows } from './support/operator';
import { becomeDistributor, ok, pay, placeOrder } from './support/shopper';

// A shared machine under load can take tens of seconds per shop; nothing here measures time.
jest.setTimeout(120_000);

const emu = useEmulator();
const D = 'o-D';
const T = 'o-T';
let owner: string;

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
  await chainOfThree(emu); // A invited B, B invited S
  await ok(emu, 'bindInviter', { inviterCode: await becomeDistributor(emu, D) }, T); // D invited T
});

afterEach(async () => {
  await expectLedgerClean(emu);
});

async function refund(orderId: string, line: number, quantity: number): Promise<string> {
  const [afterSale] = await ok(
    emu,
    'orders',
    { $url: 'requestRefund', orderId, lines: [{ line, quantity }], reason: '不想要了' },
    S,
  );
  await operatorFlows(emu).refunds.approveAfterSale(afterSale.afterSaleId, 'operator', await emulatorNow(emu));
  await emu.emulator.services.pay.idle();
  return afterSale.afterSaleId;
}

/**
 * The fixture shop, priced by hand (p-nuts 99.00, p-mango 39.90, free shipping from 99.00; B 15% and A 8% on S's
 * goods, D 15% on T's):
 * 1. S: 2 × p-nuts = 198.00 (B 29.70, A 15.84), then refunded in full;
 * 2. S: 3 × p-nuts = 297.00 (B 44.55, A 23.76), one unit refunded: 99.00 (B −14.85, A −7.92);
 * 3. T: 3 × p-mango = 119.70 (D floor(1795.5) = 17.95);
 * 4. S: a p-mug order never paid.
 */
async function fixtureShop(): Promise<void> {
  const first = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  const second = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 3 }]);
  await paidOrder(emu, [{ productId: 'p-mango', quantity: 3 }], T);
  await placeOrder(emu, S, [{ productId: 'p-mug', quantity: 1 }]);
  await refund(first, 0, 2);
  await refund(second, 0, 1);
}

test('every dashboard figure equals the one computed by hand', async () => {
  await fixtureShop();
  const dashboard = await apiOk(emu, 'GET', '/dashboard?range=today', { token: owner });

  const paidFen = 19800 + 29700 + 11970; // 61470
  const refundedFen = 19800 + 9900; // 29700
  const accruedFen = 2970 + 1584 + 4455 + 2376 + 1795; // 13180
  const reversedFen = 2970 + 1584 + 1485 + 792; // 6831
  expect(dashboard).toMatchObject({
    salesFen: paidFen,
    paidFen,
    refundedFen,
    netSalesFen: paidFen - refundedFen, // 31770
    paidOrders: 3, // the fully refunded order included, and said so below
    fullyRefundedOrders: 1,
    refunds: 2,
    createdOrders: 4,
    paidOfCreated: 3,
    paidConversionBp: 7500,
    refundRateBp: 4832, // 29700 / 61470 = 48.3162…% → 48.32% (truncation would say 48.31%)
    commission: {
      accruedFen,
      reversedFen,
      bookedFen: accruedFen - reversedFen, // 6349
      shareOfNetSalesBp: 1998, // 6349 / 31770 = 19.9843…% → 19.98%
      frozenNowFen: accruedFen - reversedFen,
      settledFen: 0,
      paidOutFen: 0,
    },
  });
  expect(dashboard.topProducts).toEqual([
    { productId: 'p-nuts', title: '每日坚果 30 袋装', quantity: 2, paidFen: 49500, refundedFen: 29700, netFen: 19800 },
    { productId: 'p-mango', title: '芒果干 500g', quantity: 3, paidFen: 11970, refundedFen: 0, netFen: 11970 },
  ]);
  expect(dashboard.topDistributors).toEqual([
    {
      openid: B,
      orders: 2,
      paidFen: 49500,
      refundedFen: 29700,
      netFen: 19800,
      refundRateBp: 6000,
      commissionNetFen: 7425 - 4455,
    },
    { openid: D, orders: 1, paidFen: 11970, refundedFen: 0, netFen: 11970, refundRateBp: 0, commissionNetFen: 1795 },
  ]);
  expect(dashboard.series).toEqual([
    {
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      salesFen: paidFen,
      refundedFen,
      netSalesFen: paidFen - refundedFen,
      paidOrders: 3,
      createdOrders: 4,
    },
  ]);

  const list = await apiOk(emu, 'GET', '/distributors?pageSize=50', { token: owner });
  const row = (openid: string) => list.items.find((item: { _id: string }) => item._id === openid);
  expect(row(B)).toMatchObject({
    sales: { orders: 2, salesFen: 49500, refundedFen: 29700, netSalesFen: 19800, refundRateBp: 6000 },
    commission: { accruedFen: 7425, reversedFen: 4455 },
    earnedFen: 2970,
  });
  expect(row(A)).toMatchObject({
    sales: { orders: 0, salesFen: 0, refundedFen: 0, netSalesFen: 0, refundRateBp: null },
    commission: { accruedFen: 3960, reversedFen: 2376 },
    earnedFen: 1584,
  });
  expect(row(D)).toMatchObject({ sales: { orders: 1, salesFen: 11970, refundRateBp: 0 }, earnedFen: 1795 });
});

test('a payment and a refund delivered again and at once are counted once', async () => {
  const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 3 }]);
  await pay(emu, order.outTradeNo, 4, true);
  await pay(emu, order.outTradeNo, 2, false);
  const afterSaleId = await refund(order.orderId, 0, 1);
  const { outRefundNo } = (await documents(emu, 'afterSales')).find((doc) => doc._id === afterSaleId);
  for (let again = 0; again < 3; again++) await emu.request('POST', `/_emulator/refunds/${outRefundNo}`);

  const today = (await documents(emu, 'figures')).find((doc) => doc.kind === 'shop');
  expect(today).toMatchObject({
    placedOrders: 1,
    paidOfPlaced: 1,
    paidOrders: 1,
    paidFen: 29700,
    refunds: 1,
    refundedFen: 9900,
    fullyRefundedOrders: 0,
    commissionAccruedFen: 4455 + 2376,
    commissionReversedFen: 1485 + 792,
  });
  const dashboard = await apiOk(emu, 'GET', '/dashboard?range=7d', { token: owner });
  expect(dashboard).toMatchObject({ paidFen: 29700, refundedFen: 9900, netSalesFen: 19800, paidOrders: 1 });
  expect(dashboard.series).toHaveLength(7);
});

test('an empty shop answers zeros and "nothing to divide by", not 0%', async () => {
  const dashboard = await apiOk(emu, 'GET', '/dashboard?range=30d', { token: owner });
  expect(dashboard).toMatchObject({
    paidFen: 0,
    netSalesFen: 0,
    paidOrders: 0,
    paidConversionBp: null,
    refundRateBp: null,
    commission: { shareOfNetSalesBp: null },
    topProducts: [],
    topDistributors: [],
  });
  expect(dashboard.series).toHaveLength(30);
});

test('新增分销员 reads the distributors approved in the range, not every approved one', async () => {
  const now = await emulatorNow(emu);
  const longAgo = now - 400 * 86_400_000;
  await emu.request('POST', '/_emulator/db/distributors', {
    documents: Array.from({ length: 120 }, (_, i) => ({
      _id: `o-old-${i}`,
      status: 'approved',
      inviteCode: `OLD${String(i).padStart(5, '0')}`,
      createdAt: longAgo,
      decidedAt: longAgo,
    })),
  });
  await emu.request('POST', '/_emulator/stats/reset');
  const today = await apiOk(emu, 'GET', '/dashboard?range=today', { token: owner });
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  const read = stats.breakdown
    .filter((row: { collection: string }) => row.collection === 'distributors')
    .reduce((sum: number, row: { documentsExamined: number }) => sum + row.documentsExamined, 0);
  const recent = (await documents(emu, 'distributors')).filter(
    (doc: any) => doc.status === 'approved' && doc.decidedAt >= now - 86_400_000,
  ).length;
  expect(today.newDistributors).toBe(recent);
  expect(read).toBeLessThanOrEqual(recent);
});

/** Distributor day documents for the last three China days; `net(i, day)` is distributor i's net that day. */
async function distributorDaysFor(net: (i: number, day: number) => number): Promise<Map<string, number>> {
  const now = await emulatorNow(emu);
  const dates = [0, 1, 2].map((back) => chinaDate(now - back * 86_400_000));
  const docs = dates.flatMap((date, d) =>
    Array.from({ length: 150 }, (_, i) => ({
      _id: `distributor:${date}:o-many-${String(i).padStart(3, '0')}`,
      kind: 'distributor',
      date,
      subject: `o-many-${String(i).padStart(3, '0')}`,
      directOrders: 1,
      directPaidFen: net(i, d),
      directRefundedFen: 0,
      directNetFen: net(i, d),
      updatedAt: now,
    })),
  );
  await emu.request('POST', '/_emulator/db/figures', { documents: docs });
  const totals = new Map<string, number>();
  for (const doc of await documents(emu, 'figures')) {
    if (doc.kind !== 'distributor' || doc.date === null || !dates.includes(doc.date)) continue;
    totals.set(doc.subject, (totals.get(doc.subject) ?? 0) + (doc.directPaidFen ?? 0) - (doc.directRefundedFen ?? 0));
  }
  return totals;
}

/** The week's top five of every distributor, as the dashboard must show them, and the figures documents it read. */
async function weekTopAgainst(totals: Map<string, number>): Promise<number> {
  const expected = [...totals]
    .filter(([, net]) => net > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 5);
  await emu.request('POST', '/_emulator/stats/reset');
  const week = await apiOk(emu, 'GET', '/dashboard?range=7d', { token: owner });
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  expect(week.topDistributors.map((d: { openid: string; netFen: number }) => [d.openid, d.netFen])).toEqual(expected);
  return stats.breakdown
    .filter((row: { collection: string }) => row.collection === 'figures')
    .reduce((sum: number, row: { documentsExamined: number }) => sum + row.documentsExamined, 0);
}

test("top distributors: a few sell most, so each day's leaders prove the ranking in few reads", async () => {
  // A long tail, each day in a different order: the week's leaders are not any one day's.
  const read = await weekTopAgainst(
    await distributorDaysFor((i, d) => Math.floor(200_000 / (((i + 17 * d) % 150) + 1))),
  );
  // 450 distributor days in the range; the ranking reads each day's 20 leaders and those distributors' days.
  expect(read).toBeLessThan(250);
});

test('top distributors: steady sellers who lead no day still rank above one-day spikes', async () => {
  // Five distributors sell 5,000 every day; each day twenty others spike to 9,000 once. Every day's twenty leaders
  // are spikers, yet the week belongs to the steady five: the ranking must read deeper to find them.
  const net = (i: number, d: number) => {
    if (i < 5) return 5000;
    if (i < 65) return Math.floor((i - 5) / 20) === d ? 9000 : 100;
    return ((i * 37) % 40) * 100 + 100;
  };
  await weekTopAgainst(await distributorDaysFor(net));
});
