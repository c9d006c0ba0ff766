/** The figures' pure rules: what a payment and a refund add to the rollups, and shares rounded, never truncated. */
import fc from 'fast-check';
import {
  COMMISSION_SHARD_SUBJECTS,
  commissionShard,
  figureId,
  paymentBumps,
  payoutBumps,
  rankFromDailyLeaders,
  refundBumps,
  roundedRatioBp,
  settlementBumps,
  shopDayOf,
  summariseCommissionStates,
  summariseShop,
  topByNet,
  type FigureBump,
} from '../src';

test('a share is rounded half up, not truncated, and absent when there is nothing to divide by', () => {
  expect(roundedRatioBp(2, 3)).toBe(6667); // 66.67%, where truncation said 66.66%
  expect(roundedRatioBp(1, 3)).toBe(3333);
  expect(roundedRatioBp(1, 8)).toBe(1250);
  expect(roundedRatioBp(1, 20000)).toBe(1); // 0.005% rounds up to 0.01%
  expect(roundedRatioBp(0, 5)).toBe(0);
  expect(roundedRatioBp(5, 0)).toBeNull();
});

test('rounding is within half a basis point of the exact share', () => {
  fc.assert(
    fc.property(fc.nat(1_000_000_000), fc.integer({ min: 1, max: 1_000_000_000 }), (part, whole) => {
      const rounded = roundedRatioBp(part, whole) as number;
      const exactTimesWhole = part * 10000; // compare rounded × whole with part × 10000, in integers
      expect(Math.abs(rounded * whole * 2 - exactTimesWhole * 2)).toBeLessThanOrEqual(whole);
    }),
  );
});

const DAY = Date.UTC(2026, 11, 3, 2); // 10:00 China time on 2026-12-03

test('a payment counts on its China day for the shop, its products and its distributors; a refund on its own', () => {
  const paid = paymentBumps({
    totalFen: 20600,
    placedAt: DAY - 60_000,
    paidAt: DAY,
    level1: 'o-B',
    lines: [{ productId: 'p-nuts', title: '坚果', quantity: 2, paidFen: 19800 }],
    commissions: [
      { beneficiaryId: 'o-B', amountFen: 2970 },
      { beneficiaryId: 'o-A', amountFen: 1584 },
    ],
  });
  const byId = new Map(paid.map((bump) => [figureId(bump.key), bump.add]));
  expect(byId.get('shop:2026-12-03')).toEqual({
    paidOrders: 1,
    paidFen: 20600,
    commissionAccruedFen: 4554,
    paidOfPlaced: 1,
  });
  expect(byId.get('product:2026-12-03:p-nuts')).toEqual({ paidQuantity: 2, paidFen: 19800, paidOrders: 1 });
  expect(byId.get('distributor:2026-12-03:o-B')).toEqual({
    directOrders: 1,
    directPaidFen: 20600,
    directNetFen: 20600,
    commissionAccruedFen: 2970,
  });
  expect(byId.get('distributor:all:o-A')).toEqual({ commissionAccruedFen: 1584 });

  const refunded = refundBumps({
    refundFen: 9900,
    refundedAt: DAY + 86_400_000,
    quantity: 1,
    product: { productId: 'p-nuts', title: '坚果' },
    level1: 'o-B',
    orderFullyRefunded: false,
    reversals: [{ beneficiaryId: 'o-B', amountFen: 1485 }],
  });
  expect(refunded.map((bump) => figureId(bump.key))).toEqual([
    'shop:2026-12-04',
    'product:2026-12-04:p-nuts',
    'distributor:2026-12-04:o-B',
    'distributor:all:o-B',
    `commission:all:${commissionShard('o-B')}`, // frozen right now falls by what the refund reversed
  ]);
  const summary = summariseShop([shopDayOf(byId.get('shop:2026-12-03')), shopDayOf(refunded[0]?.add)]);
  expect(summary).toMatchObject({ netSalesFen: 10700, commissionNetFen: 3069, refundRateBp: 4806 });
});

test('only a positive net ranks: a product refunded in full does not top the list', () => {
  const rows = new Map([
    ['p-refunded', { net: 0 }],
    ['p-b', { net: 500 }],
    ['p-a', { net: 500 }],
    ['p-top', { net: 900 }],
  ]);
  expect(topByNet(rows, (row) => row.net, 5).map(([id]) => id)).toEqual(['p-top', 'p-a', 'p-b']);
});

describe('commission by state', () => {
  const SETTLED_DAY = DAY + 8 * 86_400_000; // 2026-12-11
  const byId = (bumps: FigureBump[]) => new Map(bumps.map((bump) => [figureId(bump.key), bump.add]));

  test('a beneficiary always lands in the same one of the shards', () => {
    expect(commissionShard('o-B')).toBe(commissionShard('o-B'));
    expect(COMMISSION_SHARD_SUBJECTS).toHaveLength(16);
    const seen = new Set(Array.from({ length: 400 }, (_unused, i) => commissionShard(`o-user-${i}`)));
    expect([...seen].every((shard) => COMMISSION_SHARD_SUBJECTS.includes(shard))).toBe(true);
    expect(seen.size).toBe(16); // spread over all of them
  });

  test('payment freezes, settlement moves to settled on its day, a clawback counts on the day it had settled', () => {
    const shard = commissionShard('o-B');
    const paid = paymentBumps({
      totalFen: 19800,
      placedAt: DAY,
      paidAt: DAY,
      level1: 'o-B',
      lines: [{ productId: 'p-nuts', title: '坚果', quantity: 2, paidFen: 19800 }],
      commissions: [{ beneficiaryId: 'o-B', amountFen: 2970 }],
    });
    expect(byId(paid).get(`commission:all:${shard}`)).toEqual({ frozenFen: 2970 });
    expect(byId(settlementBumps({ beneficiaryId: 'o-B', settledFen: 2970, settledAt: SETTLED_DAY }))).toEqual(
      new Map([
        [`commission:2026-12-11:${shard}`, { settledFen: 2970 }],
        [`commission:all:${shard}`, { frozenFen: -2970 }],
      ]),
    );
    expect(settlementBumps({ beneficiaryId: 'o-B', settledFen: 0, settledAt: SETTLED_DAY })).toEqual([]);
    const clawback = refundBumps({
      refundFen: 9900,
      refundedAt: SETTLED_DAY + 3 * 86_400_000,
      quantity: 1,
      product: { productId: 'p-nuts', title: '坚果' },
      level1: 'o-B',
      orderFullyRefunded: false,
      reversals: [{ beneficiaryId: 'o-B', amountFen: 1485, settledAt: SETTLED_DAY }],
    });
    expect(byId(clawback).get(`commission:2026-12-11:${shard}`)).toEqual({ clawedBackFen: 1485 });
    expect(byId(clawback).has(`commission:all:${shard}`)).toBe(false);
    expect(byId(payoutBumps({ openid: 'o-B', amountFen: 1000, paidAt: SETTLED_DAY }))).toEqual(
      new Map([[`commission:2026-12-11:${shard}`, { paidOutFen: 1000 }]]),
    );
  });

  test('frozen right now is what was accrued less what was reversed while frozen and what settled', () => {
    const commission = fc.record({
      beneficiary: fc.constantFrom('o-A', 'o-B', 'o-C'),
      amountFen: fc.integer({ min: 1, max: 100_000 }),
      reversedShare: fc.integer({ min: 0, max: 100 }),
      settles: fc.boolean(),
      clawedShare: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(commission, { maxLength: 20 }), (commissions) => {
        const bumps: FigureBump[] = [];
        let frozen = 0;
        let settled = 0;
        for (const c of commissions) {
          const reversed = Math.floor((c.amountFen * c.reversedShare) / 100);
          bumps.push(
            ...paymentBumps({
              totalFen: c.amountFen * 10,
              placedAt: DAY,
              paidAt: DAY,
              level1: null,
              lines: [],
              commissions: [{ beneficiaryId: c.beneficiary, amountFen: c.amountFen }],
            }),
          );
          const refund = (amountFen: number, settledAt: number | null) =>
            refundBumps({
              refundFen: 1,
              refundedAt: DAY,
              quantity: 1,
              product: { productId: 'p', title: 'p' },
              level1: null,
              orderFullyRefunded: false,
              reversals: [{ beneficiaryId: c.beneficiary, amountFen, settledAt }],
            });
          bumps.push(...refund(reversed, null));
          if (!c.settles) {
            frozen += c.amountFen - reversed;
            continue;
          }
          const left = c.amountFen - reversed;
          bumps.push(...settlementBumps({ beneficiaryId: c.beneficiary, settledFen: left, settledAt: SETTLED_DAY }));
          const clawed = Math.floor((left * c.clawedShare) / 100);
          bumps.push(...refund(clawed, SETTLED_DAY));
          settled += left - clawed;
        }
        const docs = new Map<string, Record<string, number>>();
        for (const bump of bumps.filter((b) => b.key.kind === 'commission')) {
          const doc = docs.get(figureId(bump.key)) ?? { date: bump.key.date === null ? 0 : 1 };
          for (const [field, amount] of Object.entries(bump.add)) doc[field] = (doc[field] ?? 0) + amount;
          docs.set(figureId(bump.key), doc);
        }
        const all = [...docs.values()];
        expect(
          summariseCommissionStates(
            all.filter((doc) => doc.date === 1),
            all.filter((doc) => doc.date === 0),
          ),
        ).toEqual({ settledFen: settled, frozenNowFen: frozen, paidOutFen: 0 });
      }),
    );
  });
});

describe('rankFromDailyLeaders', () => {
  const day = fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    fc.integer({ min: -500, max: 2000 }),
  );
  test('when it says exact, the top equals the ranking of every distributor over the whole range', () => {
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (days, limit) => {
        const totals = new Map<string, number>();
        for (const nets of days)
          for (const [id, net] of Object.entries(nets)) totals.set(id, (totals.get(id) ?? 0) + net);
        const leaders = days.map((nets) => ({
          limit,
          leaders: Object.entries(nets)
            .map(([openid, directNetFen]) => ({ openid, directNetFen }))
            .sort((x, y) => y.directNetFen - x.directNetFen)
            .slice(0, limit),
        }));
        const candidates = new Map(
          leaders.flatMap((d) => d.leaders.map(({ openid }) => [openid, totals.get(openid) as number] as const)),
        );
        const { top, exact } = rankFromDailyLeaders(leaders, candidates, (net) => net, 3);
        if (exact) expect(top).toEqual(topByNet(totals, (net) => net, 3));
        // Every day fully read: nobody unseen, always exact.
        if (days.every((nets) => Object.keys(nets).length < limit)) expect(exact).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
