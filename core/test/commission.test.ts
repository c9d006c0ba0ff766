import {
  commissionForRemaining,
  commissionsForOrder,
  DEFAULT_RULES,
  parseRules,
  refundAmountForLine,
  reversalForRefund,
  termsFor,
  unwrap,
  type AncestorSnapshot,
  type CommissionLine,
  type CommissionRecord,
  type Fen,
} from '../src';

const F = (n: number) => n as Fen;
const snapshot: AncestorSnapshot = { buyerId: 'buyer', ruleVersion: 1, beneficiaries: ['p1', 'p2'] };
const lines: CommissionLine[] = [
  { line: 0, productId: 'tea', quantity: 3, paidFen: F(9999) },
  { line: 1, productId: 'cup', quantity: 1, paidFen: F(1000) },
];

describe('commissionsForOrder', () => {
  it('gives one record per line per level at 15% / 8% of what was paid, floored', () => {
    const records = unwrap(commissionsForOrder({ orderId: 'o1', lines, snapshot, rules: DEFAULT_RULES }));
    expect(records.map((r) => [r.id, r.beneficiaryId, r.level, r.baseFen, r.amountFen])).toEqual([
      ['commission:o1:0:1', 'p1', 1, 9999, 1499], // 1499.85
      ['commission:o1:0:2', 'p2', 2, 9999, 799], // 799.92
      ['commission:o1:1:1', 'p1', 1, 1000, 150],
      ['commission:o1:1:2', 'p2', 2, 1000, 80],
    ]);
    expect(records[0]).toMatchObject({
      orderId: 'o1',
      line: 0,
      productId: 'tea',
      quantity: 3,
      terms: { kind: 'rate', rateBp: 1500 },
      ruleVersion: 1,
    });
  });

  it('skips levels without a beneficiary and zero amounts', () => {
    const records = unwrap(
      commissionsForOrder({
        orderId: 'o1',
        lines: [...lines, { line: 2, productId: 'gift', quantity: 1, paidFen: F(0) }],
        snapshot: { ...snapshot, beneficiaries: ['p1', null] },
        rules: DEFAULT_RULES,
      }),
    );
    expect(records.map((r) => r.id)).toEqual(['commission:o1:0:1', 'commission:o1:1:1']);
  });

  it('computes with the rules version the order was paid under, and refuses another', () => {
    const v2 = unwrap(parseRules({ version: 2, levelRatesBp: [3000, 1000] }));
    const result = commissionsForOrder({ orderId: 'o1', lines, snapshot, rules: v2 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('RULES_VERSION_MISMATCH');
    const paidUnderV2 = unwrap(
      commissionsForOrder({ orderId: 'o2', lines, snapshot: { ...snapshot, ruleVersion: 2 }, rules: v2 }),
    );
    expect(paidUnderV2[0]?.amountFen).toBe(2999);
    expect(paidUnderV2[0]?.ruleVersion).toBe(2);
  });

  it('applies per-product overrides: rate, fixed per unit (capped at the base), none', () => {
    const rules = unwrap(
      parseRules({
        version: 1,
        productOverrides: {
          tea: { kind: 'fixed', levelFenPerUnit: [500, 4000] },
          cup: { kind: 'none' },
        },
      }),
    );
    const records = unwrap(
      commissionsForOrder({
        orderId: 'o',
        lines: [
          ...lines,
          {
            line: 2,
            productId: 'pot',
            quantity: 1,
            paidFen: F(2000),
            commissionOverride: { kind: 'rate', levelRatesBp: [1000 as never, 0 as never] },
          },
        ],
        snapshot,
        rules,
      }),
    );
    expect(records.map((r) => [r.id, r.amountFen])).toEqual([
      ['commission:o:0:1', 1500], // 3 × 500
      ['commission:o:0:2', 9999], // 3 × 4000 capped at what was paid
      ['commission:o:2:1', 200], // the product's own override; level 2 at 0% pays nothing
    ]);
  });

  it('lets the rules override beat the product’s own override', () => {
    const rules = unwrap(parseRules({ version: 1, productOverrides: { pot: { kind: 'none' } } }));
    const line: CommissionLine = {
      line: 0,
      productId: 'pot',
      quantity: 1,
      paidFen: F(2000),
      commissionOverride: { kind: 'rate', levelRatesBp: [1000 as never, 0 as never] },
    };
    expect(termsFor(rules, line, 1)).toBeNull();
    expect(termsFor(DEFAULT_RULES, line, 1)).toEqual({ kind: 'rate', rateBp: 1000 });
  });

  it('pays nothing while distribution is switched off', () => {
    const off = unwrap(parseRules({ version: 1, enabled: false }));
    expect(unwrap(commissionsForOrder({ orderId: 'o', lines, snapshot, rules: off }))).toEqual([]);
  });
});

describe('refunds', () => {
  const record = (): CommissionRecord =>
    unwrap(commissionsForOrder({ orderId: 'o1', lines, snapshot, rules: DEFAULT_RULES }))[0] as CommissionRecord;

  it('refund amounts per unit add up to the paid amount exactly', () => {
    const parts = [
      unwrap(refundAmountForLine(F(9999), 3, 0, 1)),
      unwrap(refundAmountForLine(F(9999), 3, 1, 1)),
      unwrap(refundAmountForLine(F(9999), 3, 2, 1)),
    ];
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9999);
    const tooMany = refundAmountForLine(F(9999), 3, 2, 2);
    expect(tooMany.ok || tooMany.error.code).toBe('REFUND_EXCEEDS_PURCHASE');
  });

  it('reverses original − recomputed(remaining) − already reversed', () => {
    const r = record(); // base 9999 for 3 units, 1499 commission
    expect(commissionForRemaining(r, 2)).toBe(999); // floor(9999×2/3)=6666 → 999.9
    const first = unwrap(
      reversalForRefund({ record: r, refundId: 'r1', remainingQuantity: 2, alreadyReversedFen: F(0) }),
    );
    expect(first).toMatchObject({
      commissionId: 'commission:o1:0:1',
      refundId: 'r1',
      amountFen: 500,
      remainingCommissionFen: 999,
      remainingQuantity: 2,
    });
    const second = unwrap(
      reversalForRefund({ record: r, refundId: 'r2', remainingQuantity: 1, alreadyReversedFen: F(500) }),
    );
    expect(second?.amountFen).toBe(1499 - 499 - 500); // floor(3333 × 0.15) = 499
    const last = unwrap(
      reversalForRefund({ record: r, refundId: 'r3', remainingQuantity: 0, alreadyReversedFen: F(1000) }),
    );
    expect(last?.amountFen).toBe(499);
    expect(500 + 500 + 499).toBe(r.amountFen);
  });

  it('returns null when nothing moves, and CONFLICT when the ledger reversed too much', () => {
    const r = record();
    expect(
      unwrap(reversalForRefund({ record: r, refundId: 'r', remainingQuantity: 3, alreadyReversedFen: F(0) })),
    ).toBeNull();
    const conflict = reversalForRefund({ record: r, refundId: 'r', remainingQuantity: 2, alreadyReversedFen: F(1000) });
    expect(conflict.ok || conflict.error.code).toBe('CONFLICT');
    const bad = reversalForRefund({ record: r, refundId: 'r', remainingQuantity: 4, alreadyReversedFen: F(0) });
    expect(bad.ok || bad.error.code).toBe('REFUND_EXCEEDS_PURCHASE');
  });

  it('recomputes fixed-amount commissions per remaining unit', () => {
    const rules = unwrap(
      parseRules({ version: 1, productOverrides: { tea: { kind: 'fixed', levelFenPerUnit: [500, 100] } } }),
    );
    const r = unwrap(commissionsForOrder({ orderId: 'o', lines, snapshot, rules }))[0] as CommissionRecord;
    expect(r.amountFen).toBe(1500);
    expect(
      unwrap(reversalForRefund({ record: r, refundId: 'x', remainingQuantity: 1, alreadyReversedFen: F(0) }))
        ?.amountFen,
    ).toBe(1000);
  });
});
