import fc from 'fast-check';
import {
  claimedValidity,
  commissionsForOrder,
  defaultRules,
  evaluateCoupons,
  priceOrder,
  unwrap,
  type BasisPoints,
  type Coupon,
  type Fen,
  type Product,
} from '../src';

const F = (n: number) => n as Fen;
const NOW = 1_760_000_000_000;
const shipping = { flatFen: F(800), freeOverFen: F(9900) };
const products: Product[] = [
  { id: 'tea', categoryId: 'cat-tea', title: '龙井', priceFen: F(3000), stock: 10, onShelf: true },
  { id: 'nuts', categoryId: 'cat-snack', title: '坚果', priceFen: F(9900), stock: 10, onShelf: true },
];

describe('coupons', () => {
  it('spreads a scoped discount over the lines in scope only, and caps a percent-off coupon', () => {
    const coupon: Coupon = {
      id: 'c',
      kind: 'percent_off',
      rateBp: 5000 as BasisPoints,
      capFen: F(1000),
      categoryIds: ['cat-tea'],
    };
    const order = unwrap(
      priceOrder({
        products,
        items: [
          { productId: 'tea', quantity: 2 },
          { productId: 'nuts', quantity: 1 },
        ],
        coupon,
        shipping,
        now: NOW,
      }),
    );
    expect(order.lines.map((l) => l.discountFen)).toEqual([1000, 0]);
    expect(order.totalFen).toBe(6000 + 9900 - 1000);
  });

  it('picks the best coupon and says why each other one does not apply', () => {
    const coupons: Coupon[] = [
      { id: 'small', kind: 'amount_off', amountFen: F(500) },
      { id: 'big', kind: 'amount_off', amountFen: F(5000), minSpendFen: F(30000) },
      { id: 'tea-only', kind: 'amount_off', amountFen: F(2000), productIds: ['tea'] },
      { id: 'later', kind: 'amount_off', amountFen: F(9000), validFrom: NOW + 1 },
      { id: 'gone', kind: 'amount_off', amountFen: F(9000), validTo: NOW },
    ];
    const result = evaluateCoupons(
      { products, items: [{ productId: 'nuts', quantity: 1 }], shipping, now: NOW },
      coupons,
    );
    expect(result.bestCouponId).toBe('small');
    expect(result.options).toEqual([
      { couponId: 'small', discountFen: 500, applicable: true },
      // Those that do not apply: soonest to expire first.
      { couponId: 'gone', discountFen: 0, applicable: false, reason: '已过期' },
      { couponId: 'big', discountFen: 0, applicable: false, reason: '未满 ¥300.00' },
      { couponId: 'later', discountFen: 0, applicable: false, reason: '未到使用时间' },
      { couponId: 'tea-only', discountFen: 0, applicable: false, reason: '不在可用商品范围' },
    ]);
  });

  it('validity: fixed dates, or N days from the claim', () => {
    expect(claimedValidity({ validFrom: 1, validTo: 2 }, 100)).toEqual({ validFrom: 1, validTo: 2 });
    expect(claimedValidity({ validFrom: 1, validTo: 2, validDays: 3 }, 100)).toEqual({
      validFrom: 100,
      validTo: 100 + 3 * 86_400_000,
    });
  });

  it('a campaign price that ended prices normally and is reported; one that pays no commission pays none', () => {
    const campaign = {
      id: 'fs',
      kind: 'flash_sale' as const,
      priceFen: F(1990),
      startsAt: NOW - 10,
      endsAt: NOW,
      commission: 'none' as const,
    };
    const ended = unwrap(
      priceOrder({
        products: [{ ...products[0]!, campaign }],
        items: [{ productId: 'tea', quantity: 1 }],
        shipping,
        now: NOW,
      }),
    );
    expect(ended.lines[0]).toMatchObject({ unitPriceFen: 3000, limitedTimeApplied: false });
    expect(ended.endedCampaigns).toEqual([{ productId: 'tea', campaignId: 'fs', endedAt: NOW }]);
    const running = unwrap(
      priceOrder({
        products: [{ ...products[0]!, campaign }],
        items: [{ productId: 'tea', quantity: 1 }],
        shipping,
        now: NOW - 1,
      }),
    );
    expect(running.lines[0]).toMatchObject({
      unitPriceFen: 1990,
      campaign: { kind: 'flash_sale', id: 'fs' },
      campaignCommission: 'none',
    });
    const rules = defaultRules(1);
    const snapshot = { buyerId: 'b', ruleVersion: 1, beneficiaries: ['a', null] };
    expect(unwrap(commissionsForOrder({ orderId: 'o', lines: running.lines, snapshot, rules }))).toEqual([]);
  });

  it('a discount never exceeds the lines in scope and the lines always add up (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 100_000 }),
        (teaQty, nutsQty, rateBp, capFen) => {
          const coupon: Coupon = {
            id: 'c',
            kind: 'percent_off',
            rateBp: rateBp as BasisPoints,
            capFen: F(capFen),
            productIds: ['tea'],
          };
          const order = unwrap(
            priceOrder({
              products,
              items: [
                { productId: 'tea', quantity: teaQty },
                { productId: 'nuts', quantity: nutsQty },
              ],
              coupon,
              shipping,
              now: NOW,
            }),
          );
          const [tea, nuts] = order.lines;
          expect(nuts!.discountFen).toBe(0);
          expect(tea!.discountFen).toBeLessThanOrEqual(Math.min(tea!.listAmountFen, capFen));
          expect(order.lines.reduce((sum, l) => sum + l.paidFen, 0)).toBe(order.subtotalFen - order.discountFen);
        },
      ),
    );
  });
});
