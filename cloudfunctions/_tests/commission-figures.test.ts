/**
 * Commission by state on the dashboard (settled in the range, frozen right now, paid out in the range) from
 * maintained counters: after every step of pay → refund while frozen → settle → clawback after settlement →
 * withdraw → pay out, the dashboard equals what aggregating the commissions, balances and withdrawals themselves
 * gives (computed here from the facts); redelivered settlement runs and payouts change nothing; the dashboard reads
 * none of those collections; and `figures:rebuild` recomputes from the facts the very documents the live path kept.
 */
import { chinaDayBounds, DAY_MS } from '../../contract/src';
import { connect } from '../_tools/check-ledger';
import { rebuildFigures } from '../_tools/rebuild-figures';
import { api, apiOk, documents, OWNER_PASSWORD, ownerToken } from './support/admin-http';
import { B, S, byId, fireTimer, jumpQuietlyTo, paidOrder, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { ok } from './support/shopper';

process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;

const { emu, ops } = useChainedShop();

// A shared machine under load can take tens of seconds per flow; nothing here measures time.
jest.setTimeout(180_000);

const RANGES = { today: 1, '7d': 7, '30d': 30 } as const;
type Range = keyof typeof RANGES;

/** What the dashboard used to aggregate: over the commissions, balances and withdrawals themselves. */
async function fromTheFacts(range: Range) {
  const now = await emulatorNow(emu);
  const to = chinaDayBounds(now).end;
  const from = chinaDayBounds(now).start - (RANGES[range] - 1) * DAY_MS;
  const within = (at: unknown) => typeof at === 'number' && at >= from && at < to;
  const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
  const commissions = await documents(emu, 'commissions');
  const balances = await documents(emu, 'balances');
  const withdrawals = await documents(emu, 'withdrawals');
  return {
    settledFen: sum(
      commissions.filter((c) => within(c.settledAt)),
      (c) => c.amountFen - c.reversedFen,
    ),
    frozenNowFen: sum(
      balances.filter((b) => b.frozen > 0),
      (b) => b.frozen,
    ),
    paidOutFen: sum(
      withdrawals.filter((w) => w.status === 'paid' && within(w.paidAt)),
      (w) => w.amountFen,
    ),
  };
}

/** The dashboard's three figures equal the aggregation's, in every range; returns today's. */
async function expectDashboardMatchesFacts() {
  // Signed in afresh: the clock jumps past a session's lifetime.
  const owner = await ownerToken(emu);
  let today;
  for (const range of Object.keys(RANGES) as Range[]) {
    const { commission } = await apiOk(emu, 'GET', `/dashboard?range=${range}`, { token: owner });
    const expected = await fromTheFacts(range);
    expect({ range, ...commission }).toMatchObject({ range, ...expected });
    if (range === 'today') {
      const { settledFen, frozenNowFen, paidOutFen } = commission;
      today = { settledFen, frozenNowFen, paidOutFen };
    }
  }
  return today as { settledFen: number; frozenNowFen: number; paidOutFen: number };
}

async function receive(orderId: string): Promise<void> {
  await ops().fulfilment.shipOrder(orderId, { carrier: '顺丰', trackingNo: 'SF1234567' }, 'op', await emulatorNow(emu));
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
}

const figures = async () =>
  (await documents(emu, 'figures')).sort((a, b) => (a._id < b._id ? -1 : 1)) as Record<string, unknown>[];

test('settled, frozen now and paid out equal the old aggregation through the whole flow; retries change nothing', async () => {
  // 1. Paid: B 15% and A 8% of the goods, all frozen.
  const first = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]); // B 2970, A 1584
  const second = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 3 }]); // B 4455, A 2376
  const third = await paidOrder(emu, [{ productId: 'p-mango', quantity: 1 }]); // B 598, A 319
  expect(await expectDashboardMatchesFacts()).toEqual({ settledFen: 0, frozenNowFen: 12302, paidOutFen: 0 });

  // 2. Refunds while frozen: one unit of the second order, the whole third order.
  for (const orderId of [first, second, third]) await receive(orderId);
  for (const [orderId, quantity] of [
    [second, 1],
    [third, 1],
  ] as const) {
    const [afterSale] = await ok(
      emu,
      'orders',
      { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity }], reason: '不想要了' },
      S,
    );
    await ops().refunds.approveAfterSale(afterSale.afterSaleId, 'op', await emulatorNow(emu));
  }
  await emu.emulator.services.pay.idle();
  expect(await expectDashboardMatchesFacts()).toEqual({
    settledFen: 0,
    frozenNowFen: 12302 - (1485 + 792) - (598 + 319),
    paidOutFen: 0,
  });

  // 3. Settled by two timer runs at once, then by a third run that finds nothing left.
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', second)).settleAt + 1000);
  await Promise.all([fireTimer(emu, 'settleCommission'), fireTimer(emu, 'settleCommission')]);
  const settled = await expectDashboardMatchesFacts();
  expect(settled).toEqual({ settledFen: 12302 - 2277 - 917, frozenNowFen: 0, paidOutFen: 0 });
  const afterSettlement = await figures();
  await fireTimer(emu, 'settleCommission');
  const { settleDue } = require('../_shared/workflows/settlement') as typeof import('../_shared/workflows/settlement');
  await settleDue({ now: await emulatorNow(emu), budgetMs: 10_000 });
  expect(await figures()).toEqual(afterSettlement);

  // 4. The next day, a refund after settlement claws back: counted against the day the commissions settled.
  let owner = await ownerToken(emu);
  await jumpQuietlyTo(emu, (await emulatorNow(emu)) + DAY_MS);
  await ops().refunds.openMerchantRefund(
    { orderId: first, lines: [{ line: 0, quantity: 1 }], reason: '投诉退款' },
    'op',
    await emulatorNow(emu),
  );
  await emu.emulator.services.pay.idle();
  expect(await expectDashboardMatchesFacts()).toEqual({ settledFen: 0, frozenNowFen: 0, paidOutFen: 0 });
  owner = await ownerToken(emu);
  const week = await apiOk(emu, 'GET', '/dashboard?range=7d', { token: owner });
  expect(week.commission).toMatchObject({ settledFen: settled.settledFen - 1485 - 792 });

  // 5. B withdraws; the owner approves and marks it paid; the mark sent again is refused and counts nothing.
  const { withdrawalId } = await ok(emu, 'requestWithdrawal', { requestId: 'figures-0001', amountFen: 3000 }, B);
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: owner });
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, { token: owner, body: { payoutReference: 'BANK-1' } });
  expect(await expectDashboardMatchesFacts()).toMatchObject({ paidOutFen: 3000 });
  const afterPayout = await figures();
  const again = await api(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, {
    token: owner,
    body: { payoutReference: 'BANK-1' },
  });
  expect(again.body).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
  expect(await figures()).toEqual(afterPayout);
  expect(await expectDashboardMatchesFacts()).toMatchObject({ paidOutFen: 3000 });

  // The dashboard read none of the facts it used to aggregate.
  await emu.request('POST', '/_emulator/stats/reset');
  await apiOk(emu, 'GET', '/dashboard?range=30d', { token: owner });
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  expect(Object.keys(stats.calls.byCollection)).not.toEqual(
    expect.arrayContaining([expect.stringMatching(/^(commissions|balances|withdrawals|ledgerEntries|orders)$/)]),
  );

  // 6. The rebuild from the facts gives back exactly what the live path maintained, and a second run writes nothing.
  const live = await figures();
  expect(live.some((doc) => doc.kind === 'commission')).toBe(true);
  const database = connect({ emulatorUrl: emu.url });
  for (const doc of live)
    await database
      .collection('figures')
      .doc(doc._id as string)
      .remove();
  // A document no fact accounts for is removed.
  await database.collection('figures').doc('shop:2020-01-01').set({ kind: 'shop', date: '2020-01-01', paidFen: 5 });
  expect(await figures()).toHaveLength(1);
  const report = await rebuildFigures({ emulatorUrl: emu.url });
  expect(await figures()).toEqual(live);
  expect(report).toEqual({ documents: live.length, written: live.length, removed: 1 });
  expect(await rebuildFigures({ emulatorUrl: emu.url })).toEqual({ documents: live.length, written: 0, removed: 0 });
  // A counter in doubt is put right.
  const shopDay = live.find((doc) => doc.kind === 'shop') as { _id: string; paidFen: number };
  await database
    .collection('figures')
    .doc(shopDay._id)
    .update({ paidFen: shopDay.paidFen + 1 });
  expect(await rebuildFigures({ emulatorUrl: emu.url })).toEqual({ documents: live.length, written: 1, removed: 0 });
  expect(await figures()).toEqual(live);
});
