import { couponDiscount, priceOrder, unitPriceAt, unwrap, type Coupon, type Fen, type Product } from '../src';

const F = (n: number) => n as Fen;
const NOW = 1_760_000_000_000;

const products: Product[] = [
  { id: 'tea', title: '龙井', priceFen: F(3000), stock: 10, onShelf: true },
  { id: 'cup', title: '茶杯', priceFen: F(1000), stock: 5, onShelf: true, commission: { kind: 'none' } },
  {
    id: 'pot',
    title: '茶壶',
    priceFen: F(9900),
    stock: 1,
    onShelf: true,
    limitedTime: { priceFen: F(6600), startsAt: NOW - 10, endsAt: NOW + 10 },
  },
  { id: 'old', title: '旧款', priceFen: F(500), stock: 99, onShelf: false },
];
const shipping = { flatFen: F(800), freeOverFen: F(9900) };

describe('pricing', () => {
  it('prices lines, subtotal, shipping and total without a coupon', () => {
    const order = unwrap(priceOrder({ products, items: [{ productId: 'tea', quantity: 2 }], shipping, now: NOW }));
    expect(order.lines).toEqual([
      {
        line: 0,
        productId: 'tea',
        title: '龙井',
        unitPriceFen: 3000,
        limitedTimeApplied: false,
        quantity: 2,
        listAmountFen: 6000,
        discountFen: 0,
        paidFen: 6000,
      },
    ]);
    expect(order).toMatchObject({
      subtotalFen: 6000,
      discountFen: 0,
      couponId: null,
      shippingFen: 800,
      totalFen: 6800,
    });
  });

  it('uses the limited-time price only while active [startsAt, endsAt)', () => {
    const pot = products[2] as Product;
    expect(unitPriceAt(pot, NOW)).toEqual({ priceFen: 6600, limitedTime: true });
    expect(unitPriceAt(pot, NOW - 10)).toEqual({ priceFen: 6600, limitedTime: true });
    expect(unitPriceAt(pot, NOW + 10)).toEqual({ priceFen: 9900, limitedTime: false });
    expect(unitPriceAt(pot, NOW - 11)).toEqual({ priceFen: 9900, limitedTime: false });
  });

  it('spreads an amount-off coupon over the lines by largest remainder', () => {
    const coupon: Coupon = { id: 'c', kind: 'amount_off', amountFen: F(1001), minSpendFen: F(5000) };
    const order = unwrap(
      priceOrder({
        products,
        items: [
          { productId: 'tea', quantity: 1 },
          { productId: 'cup', quantity: 3 },
          { productId: 'pot', quantity: 1 },
        ],
        coupon,
        shipping,
        now: NOW,
      }),
    );
    expect(order.subtotalFen).toBe(3000 + 3000 + 6600);
    expect(order.discountFen).toBe(1001);
    expect(order.lines.map((l) => l.discountFen)).toEqual([239, 238, 524]); // equal remainders: the earlier line gets the extra fen
    expect(order.lines.reduce((s, l) => s + l.discountFen, 0)).toBe(1001);
    expect(order.lines.map((l) => l.paidFen)).toEqual([2761, 2762, 6076]);
    expect(order.shippingFen).toBe(0); // 11599 ≥ 9900 after discount
    expect(order.totalFen).toBe(12600 - 1001);
    expect(order.couponId).toBe('c');
    expect(order.lines[1]?.commissionOverride).toEqual({ kind: 'none' });
  });

  it('judges free shipping on the amount after discount', () => {
    const coupon: Coupon = { id: 'c', kind: 'amount_off', amountFen: F(200) };
    const order = unwrap(
      priceOrder({
        products,
        items: [
          { productId: 'tea', quantity: 3 },
          { productId: 'cup', quantity: 1 },
        ],
        coupon,
        shipping,
        now: NOW,
      }),
    );
    expect(order.subtotalFen).toBe(10000);
    expect(order.shippingFen).toBe(800);
    expect(order.totalFen).toBe(10000 - 200 + 800);
  });

  it('percent-off floors, amount-off never exceeds the subtotal', () => {
    expect(unwrap(couponDiscount({ id: 'p', kind: 'percent_off', rateBp: 1500 as never }, F(999), NOW))).toBe(149);
    expect(unwrap(couponDiscount({ id: 'a', kind: 'amount_off', amountFen: F(5000) }, F(999), NOW))).toBe(999);
    const free = unwrap(
      priceOrder({
        products,
        items: [{ productId: 'cup', quantity: 1 }],
        coupon: { id: 'a', kind: 'amount_off', amountFen: F(5000) },
        shipping,
        now: NOW,
      }),
    );
    expect(free.lines[0]?.paidFen).toBe(0);
    expect(free.totalFen).toBe(800);
  });

  it.each([
    [{ validFrom: NOW + 1 }, 'not yet valid'],
    [{ validTo: NOW }, 'expired'],
    [{ minSpendFen: F(100_000) }, 'below minimum spend'],
  ])('refuses a coupon that does not apply (%p)', (extra, reason) => {
    const coupon: Coupon = { id: 'c', kind: 'amount_off', amountFen: F(100), ...extra };
    const result = priceOrder({ products, items: [{ productId: 'tea', quantity: 1 }], coupon, shipping, now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('COUPON_NOT_APPLICABLE');
      expect(result.error.details).toMatchObject({ reason });
    }
  });

  it('refuses malformed coupons', () => {
    expect(couponDiscount({ id: 'x', kind: 'amount_off' }, F(100), NOW).ok).toBe(false);
    expect(couponDiscount({ id: 'x', kind: 'percent_off', rateBp: 20000 as never }, F(100), NOW).ok).toBe(false);
  });

  it.each([
    [[{ productId: 'tea', quantity: 0 }], 'INVALID_INPUT'],
    [[{ productId: 'tea', quantity: 1000 }], 'INVALID_INPUT'],
    [[{ productId: 'tea', quantity: 1.5 }], 'INVALID_INPUT'],
    [[], 'INVALID_INPUT'],
    [
      [
        { productId: 'tea', quantity: 1 },
        { productId: 'tea', quantity: 1 },
      ],
      'INVALID_INPUT',
    ],
    [[{ productId: 'nope', quantity: 1 }], 'PRODUCT_UNAVAILABLE'],
    [[{ productId: 'old', quantity: 1 }], 'PRODUCT_UNAVAILABLE'],
    [[{ productId: 'pot', quantity: 2 }], 'OUT_OF_STOCK'],
  ])('refuses %j with %s', (items, code) => {
    const result = priceOrder({ products, items, shipping, now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('accepts products as a Map', () => {
    const map = new Map(products.map((p) => [p.id, p]));
    expect(
      unwrap(priceOrder({ products: map, items: [{ productId: 'tea', quantity: 1 }], shipping, now: NOW })).totalFen,
    ).toBe(3800);
  });
});
