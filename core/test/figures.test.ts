/** The figures' pure rules: what a payment and a refund add to the rollups, and shares rounded, never truncated. */
import fc from 'fast-check';
import { paymentBumps, refundBumps, roundedRatioBp, summariseShop, shopDayOf, topByNet, figureId } from '../src';

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
