import fc from 'fast-check';
import {
  commissionsForOrder,
  decideGrade,
  DEFAULT_RULES,
  FORBIDDEN_CONDITION_MESSAGE,
  gradeLevelRates,
  gradeProgress,
  parseGradeProgram,
  unwrap,
  type CommissionLine,
  type DistributorResults,
  type Fen,
  type GradeProgram,
} from '../src';

const DAY = 86_400_000;
const NOW = 1_760_000_000_000;

const RAW = {
  enabled: true,
  grades: [
    { id: 'bronze', name: '铜牌', rates: { kind: 'uplift', upliftBp: 0 }, conditions: [] },
    {
      id: 'silver',
      name: '银牌',
      rates: { kind: 'uplift', upliftBp: 200 },
      conditions: [
        { metric: 'directSalesFen', atLeast: 100_000 },
        { metric: 'directCustomers', atLeast: 3 },
      ],
      logic: 'any',
      keepDays: 30,
    },
    {
      id: 'gold',
      name: '金牌',
      rates: { kind: 'rates', levelRatesBp: [2500, 800] },
      conditions: [
        { metric: 'directSalesFen', atLeast: 500_000 },
        { metric: 'settledCommissionFen', atLeast: 50_000 },
      ],
      logic: 'all',
    },
  ],
};
const program: GradeProgram = unwrap(parseGradeProgram(RAW));
const results = (r: Partial<DistributorResults> = {}): DistributorResults => ({
  directSalesFen: 0,
  settledCommissionFen: 0,
  directCustomers: 0,
  ...r,
});

describe('parseGradeProgram', () => {
  it('accepts own-results conditions with any/all logic and a keep period', () => {
    expect(program.grades.map((g) => [g.id, g.logic, g.keepDays])).toEqual([
      ['bronze', 'all', null],
      ['silver', 'any', 30],
      ['gold', 'all', null],
    ]);
  });

  it('refuses any condition on recruits or a team (拉人头, 团队计酬), by whatever name', () => {
    for (const metric of ['recruits', 'teamSize', 'downlineSalesFen', 'teamSalesFen', 'level2SalesFen', 'whatever']) {
      const raw = structuredClone(RAW);
      raw.grades[1]!.conditions.push({ metric, atLeast: 1 } as never);
      const parsed = parseGradeProgram(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('INVALID_INPUT');
        expect(parsed.error.message).toBe(FORBIDDEN_CONDITION_MESSAGE);
      }
    }
  });

  it('refuses an entry grade with conditions, a later one without, duplicates and out-of-range rates', () => {
    const variants = [
      (raw: any) => raw.grades[0].conditions.push({ metric: 'directCustomers', atLeast: 1 }),
      (raw: any) => (raw.grades[2].conditions = []),
      (raw: any) => (raw.grades[2].id = 'silver'),
      (raw: any) => (raw.grades[1].rates.upliftBp = 10001),
      (raw: any) => (raw.grades[1].conditions[0].atLeast = -1),
      (raw: any) => (raw.grades[1].conditions[1].metric = 'directSalesFen'),
      (raw: any) => (raw.grades[1].extra = true),
    ];
    for (const change of variants) {
      const raw = structuredClone(RAW);
      change(raw);
      expect(parseGradeProgram(raw).ok).toBe(false);
    }
  });
});

describe('decideGrade', () => {
  it('starts at the entry grade and moves up on any / all of a grade’s conditions', () => {
    expect(decideGrade(program, null, results(), NOW)).toEqual({ gradeId: 'bronze', since: NOW, keepUntil: null });
    // silver is `any`: three customers are enough.
    expect(decideGrade(program, null, results({ directCustomers: 3 }), NOW)?.gradeId).toBe('silver');
    // gold is `all`: sales alone are not.
    expect(decideGrade(program, null, results({ directSalesFen: 600_000 }), NOW)?.gradeId).toBe('silver');
    expect(
      decideGrade(program, null, results({ directSalesFen: 600_000, settledCommissionFen: 50_000 }), NOW)?.gradeId,
    ).toBe('gold');
  });

  it('keeps a reached grade through its keep period, then falls back to what the results give', () => {
    const silver = decideGrade(program, null, results({ directCustomers: 3 }), NOW)!;
    expect(silver.keepUntil).toBe(NOW + 30 * DAY);
    expect(decideGrade(program, silver, results(), NOW + 29 * DAY)).toBe(silver);
    expect(decideGrade(program, silver, results(), NOW + 30 * DAY)?.gradeId).toBe('bronze');
    // Unchanged results keep the same record (no write).
    expect(decideGrade(program, silver, results({ directCustomers: 5 }), NOW + 40 * DAY)).toBe(silver);
    // A grade without a keep period is kept for good.
    const gold = decideGrade(program, null, results({ directSalesFen: 500_000, settledCommissionFen: 50_000 }), NOW)!;
    expect(decideGrade(program, gold, results(), NOW + 3650 * DAY)).toBe(gold);
  });

  it('is off while the program is off', () => {
    expect(decideGrade({ ...program, enabled: false }, null, results({ directCustomers: 9 }), NOW)).toBeNull();
  });
});

describe('rates', () => {
  it('an uplift adds to each level within 100% in total; own rates replace the levels', () => {
    expect(gradeLevelRates([1500, 800], { kind: 'uplift', upliftBp: 200 })).toEqual([1700, 1000]);
    expect(gradeLevelRates([9000, 800], { kind: 'uplift', upliftBp: 200 })).toEqual([9200, 800]);
    expect(gradeLevelRates([1500, 800], { kind: 'rates', levelRatesBp: [2500] })).toEqual([2500, 0]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 10000 }),
        (base, upliftBp) => {
          fc.pre(base.reduce((a, b) => a + b, 0) <= 10000);
          const graded = gradeLevelRates(base, { kind: 'uplift', upliftBp });
          expect(graded.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10000);
          graded.forEach((rate, i) => expect(rate).toBeGreaterThanOrEqual(base[i]!));
        },
      ),
    );
  });

  it('a graded beneficiary’s commission is written with the graded rate; others and overridden lines keep theirs', () => {
    const lines: CommissionLine[] = [
      { line: 0, productId: 'tea', quantity: 1, paidFen: 10000 as Fen },
      { line: 1, productId: 'cup', quantity: 1, paidFen: 10000 as Fen, commissionOverride: { kind: 'none' } },
    ];
    const snapshot = { buyerId: 'S', ruleVersion: 1, beneficiaries: ['B', 'A'] };
    const gradeRatesBp = new Map([
      ['B', gradeLevelRates(DEFAULT_RULES.levelRatesBp, { kind: 'uplift', upliftBp: 200 })],
    ]);
    const records = unwrap(commissionsForOrder({ orderId: 'o', lines, snapshot, rules: DEFAULT_RULES, gradeRatesBp }));
    expect(records.map((r) => [r.beneficiaryId, r.line, r.terms, r.amountFen])).toEqual([
      ['B', 0, { kind: 'rate', rateBp: 1700 }, 1700],
      ['A', 0, { kind: 'rate', rateBp: 800 }, 800],
    ]);
  });
});

describe('gradeProgress', () => {
  it('names the next grade and what is left of each condition', () => {
    const bronze = decideGrade(program, null, results(), NOW);
    expect(gradeProgress(program, bronze, results({ directSalesFen: 40_000, directCustomers: 3 }))).toEqual({
      current: { id: 'bronze', name: '铜牌' },
      next: { id: 'silver', name: '银牌', logic: 'any' },
      toGo: [
        { metric: 'directSalesFen', atLeast: 100_000, have: 40_000, left: 60_000 },
        { metric: 'directCustomers', atLeast: 3, have: 3, left: 0 },
      ],
    });
    const gold = { gradeId: 'gold', since: NOW, keepUntil: null };
    expect(gradeProgress(program, gold, results()).next).toBeNull();
  });
});
