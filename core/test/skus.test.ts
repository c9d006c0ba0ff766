import fc from 'fast-check';
import {
  commissionsForOrder,
  orderNoCandidate,
  priceOrder,
  skuLabel,
  unwrap,
  validateSpecMatrix,
  type BasisPoints,
  type Fen,
  type Product,
  type Sku,
} from '../src';

const F = (n: number) => n as Fen;
const NOW = 1_760_000_000_000;
const shipping = { flatFen: F(0) };
const specs = [
  { name: '口味', values: ['原味', '辣味'] },
  { name: '重量', values: ['250g', '500g'] },
];
const sku = (id: string, specValues: string[], priceFen: number, stock: number, extra: Partial<Sku> = {}): Sku => ({
  id,
  specValues,
  priceFen: F(priceFen),
  stock,
  enabled: true,
  ...extra,
});
const snack: Product = {
  id: 'snack',
  title: '坚果',
  priceFen: F(1990),
  stock: 20,
  onShelf: true,
  // A limited-time price is a single-price offer: it never prices a SKU.
  limitedTime: { priceFen: F(1), startsAt: NOW - 10, endsAt: NOW + 10 },
  commission: { kind: 'none' },
  specs,
  skus: [
    sku('a', ['原味', '250g'], 1990, 5, { listPriceFen: F(2990) }),
    sku('b', ['原味', '500g'], 3550, 0),
    sku('c', ['辣味', '250g'], 2100, 7, { enabled: false }),
    sku('d', ['辣味', '500g'], 3800, 8, { commission: { kind: 'rate', levelRatesBp: [2000 as BasisPoints] } }),
  ],
};

describe('spec matrix', () => {
  it('accepts SKUs that name one known value per dimension, a combination at most once', () => {
    expect(validateSpecMatrix(specs, [{ specValues: ['原味', '250g'] }, { specValues: ['辣味', '500g'] }]).ok).toBe(
      true,
    );
  });

  it.each([
    ['no dimension', [], [{ specValues: [] }]],
    [
      'four dimensions',
      ['a', 'b', 'c', 'd'].map((name) => ({ name, values: ['x'] })),
      [{ specValues: ['x', 'x', 'x', 'x'] }],
    ],
    [
      'a name twice',
      [
        { name: 'a', values: ['x'] },
        { name: 'a', values: ['y'] },
      ],
      [{ specValues: ['x', 'y'] }],
    ],
    ['a value twice', [{ name: 'a', values: ['x', 'x'] }], [{ specValues: ['x'] }]],
    ['no SKU', specs, []],
    ['an unknown value', specs, [{ specValues: ['原味', '1kg'] }]],
    ['values out of order', specs, [{ specValues: ['250g', '原味'] }]],
    ['too few values', specs, [{ specValues: ['原味'] }]],
    ['a combination twice', specs, [{ specValues: ['原味', '250g'] }, { specValues: ['原味', '250g'] }]],
  ])('refuses %s with INVALID_INPUT and a Chinese message', (_case, dims, skus) => {
    const result = validateSpecMatrix(dims, skus);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('labels a SKU by its values', () => {
    expect(skuLabel(['原味', '500g'])).toBe('原味 / 500g');
  });
});

describe('pricing a SKU', () => {
  it('takes the unit price, 划线价 and commission override from the SKU, and names it on the line', () => {
    const order = unwrap(
      priceOrder({
        products: [snack],
        items: [
          { productId: 'snack', skuId: 'a', quantity: 2 },
          { productId: 'snack', skuId: 'd', quantity: 1 },
        ],
        shipping,
        now: NOW,
      }),
    );
    expect(order.lines[0]).toMatchObject({
      skuId: 'a',
      specValues: ['原味', '250g'],
      skuLabel: '原味 / 250g',
      unitPriceFen: 1990,
      listPriceFen: 2990,
      limitedTimeApplied: false,
      commissionOverride: { kind: 'none' },
    });
    expect(order.lines[1]).toMatchObject({ skuId: 'd', unitPriceFen: 3800, commissionOverride: { kind: 'rate' } });
    expect(order.subtotalFen).toBe(2 * 1990 + 3800);
  });

  it('requires a SKU for a product with specs, and refuses one it does not sell', () => {
    const price = (item: { skuId?: string; quantity: number }, product: Product = snack) =>
      priceOrder({ products: [product], items: [{ productId: product.id, ...item }], shipping, now: NOW });
    const missing = price({ quantity: 1 });
    expect(!missing.ok && [missing.error.code, missing.error.message]).toEqual(['INVALID_INPUT', '请选择商品规格']);
    expect(!price({ skuId: 'zz', quantity: 1 }).ok && 'refused').toBe('refused');
    const disabled = price({ skuId: 'c', quantity: 1 });
    expect(!disabled.ok && disabled.error.code).toBe('SKU_UNAVAILABLE');
    const soldOut = price({ skuId: 'b', quantity: 1 });
    expect(!soldOut.ok && soldOut.error.code).toBe('OUT_OF_STOCK');
    // The product's stock (20) does not cover a SKU's shortfall.
    const tooMany = price({ skuId: 'a', quantity: 6 });
    expect(!tooMany.ok && tooMany.error.code).toBe('OUT_OF_STOCK');
    const plain: Product = { id: 'cup', title: '杯', priceFen: F(100), stock: 5, onShelf: true };
    const stray = price({ skuId: 'a', quantity: 1 }, plain);
    expect(!stray.ok && stray.error.code).toBe('SKU_UNAVAILABLE');
  });

  it('the same SKU twice is a duplicate line; two SKUs of one product are not', () => {
    const twice = priceOrder({
      products: [snack],
      items: [
        { productId: 'snack', skuId: 'a', quantity: 1 },
        { productId: 'snack', skuId: 'a', quantity: 1 },
      ],
      shipping,
      now: NOW,
    });
    expect(!twice.ok && twice.error.code).toBe('INVALID_INPUT');
  });

  it('commission records name the SKU', () => {
    const order = unwrap(
      priceOrder({ products: [snack], items: [{ productId: 'snack', skuId: 'd', quantity: 1 }], shipping, now: NOW }),
    );
    const rules = {
      version: 1,
      enabled: true,
      levels: 2,
      levelRatesBp: [1500 as BasisPoints, 800 as BasisPoints],
      productOverrides: {},
    } as never;
    const records = unwrap(
      commissionsForOrder({
        orderId: 'o1',
        lines: order.lines,
        snapshot: { ruleVersion: 1, beneficiaries: ['A', 'B'] } as never,
        rules,
      }),
    );
    // The SKU's own 20% at level 1; it sets no level-2 rate, so level 2 earns nothing on this line.
    expect(records).toEqual([expect.objectContaining({ level: 1, amountFen: 760, skuLabel: '辣味 / 500g' })]);
  });
});

describe('order numbers', () => {
  it('are 20 digits: the China date and time of creation, then six digits of the order id', () => {
    // 2025-10-09T08:53:20Z is 16:53:20 in China.
    expect(orderNoCandidate(Date.UTC(2025, 9, 9, 8, 53, 20), '00000000000f0123456789ab', 0)).toBe(
      '20251009165320' + String(0xf % 1_000_000).padStart(6, '0'),
    );
  });

  it('are deterministic, and each attempt gives another number within the same second', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{24}$/), fc.integer({ min: 0, max: 4_102_444_800_000 }), (id, at) => {
        const first = orderNoCandidate(at, id, 0);
        expect(first).toMatch(/^\d{20}$/);
        expect(orderNoCandidate(at, id, 0)).toBe(first);
        const next = orderNoCandidate(at, id, 1);
        expect(next).not.toBe(first);
        expect(next.slice(0, 14)).toBe(first.slice(0, 14));
      }),
    );
  });
});
