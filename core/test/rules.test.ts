import {
  DEFAULT_RULES,
  LEVELS_LIMIT_REASON,
  defaultRules,
  latestRules,
  parseRules,
  reviseRules,
  rulesForVersion,
  unwrap,
} from '../src';

describe('distribution rules', () => {
  it('defaults follow the seed article', () => {
    expect(DEFAULT_RULES).toEqual({
      version: 1,
      enabled: true,
      levels: 2,
      levelRatesBp: [1500, 800],
      commissionBase: 'paid',
      productOverrides: {},
      selfPurchaseCommission: false,
      recruitment: 'open',
      binding: { mode: 'first-touch', validityDays: null, onlyShoppersWithoutPaidOrder: false },
      freezeDays: 7,
      withdrawal: { minFen: 1000, maxFenPerRequest: null, dailyCapFen: null, feeBp: 0 },
    });
    expect(Object.isFrozen(DEFAULT_RULES)).toBe(true);
  });

  it('requires a version stamp', () => {
    expect(parseRules({}).ok).toBe(false);
    expect(parseRules({ version: 0 }).ok).toBe(false);
    expect(unwrap(parseRules({ version: 7 })).version).toBe(7);
  });

  it('accepts 1..3 levels and refuses more with the legal reason', () => {
    expect(unwrap(parseRules({ version: 1, levels: 1 })).levelRatesBp).toEqual([1500]);
    expect(unwrap(parseRules({ version: 1, levels: 3, levelRatesBp: [1000, 500, 200] })).levels).toBe(3);
    const four = parseRules({ version: 1, levels: 4, levelRatesBp: [1, 1, 1, 1] });
    expect(four.ok).toBe(false);
    if (!four.ok) {
      expect(four.error.code).toBe('INVALID_INPUT');
      expect(four.error.message).toBe(LEVELS_LIMIT_REASON);
      expect(four.error.message).toMatch(/传销/);
    }
    expect(parseRules({ version: 1, levels: 0 }).ok).toBe(false);
  });

  it('needs one rate per level and refuses paying out more than 100% of the base', () => {
    expect(parseRules({ version: 1, levels: 3 }).ok).toBe(false); // no default for a third level
    expect(parseRules({ version: 1, levels: 2, levelRatesBp: [1500] }).ok).toBe(false);
    expect(parseRules({ version: 1, levelRatesBp: [6000, 5000] }).ok).toBe(false);
    expect(parseRules({ version: 1, levelRatesBp: [1500, 10001] }).ok).toBe(false);
    expect(parseRules({ version: 1, levelRatesBp: [1500.5, 800] }).ok).toBe(false);
  });

  it('accepts per-product overrides: another rate, a fixed amount per unit, or none', () => {
    const rules = unwrap(
      parseRules({
        version: 2,
        productOverrides: {
          a: { kind: 'rate', levelRatesBp: [2000, 1000] },
          b: { kind: 'fixed', levelFenPerUnit: [300, 100] },
          c: { kind: 'none' },
        },
      }),
    );
    expect(Object.keys(rules.productOverrides)).toEqual(['a', 'b', 'c']);
    expect(parseRules({ version: 2, productOverrides: { a: { kind: 'rate', levelRatesBp: [2000] } } }).ok).toBe(false);
    expect(parseRules({ version: 2, productOverrides: { a: { kind: 'fixed', levelFenPerUnit: [1.5, 1] } } }).ok).toBe(
      false,
    );
    expect(parseRules({ version: 2, productOverrides: { a: { kind: 'bonus' } } }).ok).toBe(false);
  });

  it('has nowhere to pay for recruiting or sharing: unknown keys are refused', () => {
    for (const key of ['perRecruitFen', 'shareRewardFen', 'inviteBonusFen']) {
      const result = parseRules({ version: 1, [key]: 100 });
      expect(result.ok).toBe(false);
    }
  });

  it('validates binding, freeze and withdrawal settings', () => {
    const rules = unwrap(
      parseRules({
        version: 3,
        recruitment: 'approval',
        selfPurchaseCommission: true,
        binding: { mode: 'last-touch', validityDays: 30, onlyShoppersWithoutPaidOrder: true },
        freezeDays: 15,
        withdrawal: { minFen: 100, maxFenPerRequest: 2_000_000, dailyCapFen: 5_000_000, feeBp: 60 },
      }),
    );
    expect(rules.binding).toEqual({ mode: 'last-touch', validityDays: 30, onlyShoppersWithoutPaidOrder: true });
    expect(rules.withdrawal.feeBp).toBe(60);
    expect(parseRules({ version: 1, binding: { mode: 'sticky' } }).ok).toBe(false);
    expect(parseRules({ version: 1, freezeDays: -1 }).ok).toBe(false);
    expect(parseRules({ version: 1, freezeDays: 181 }).ok).toBe(false);
    expect(parseRules({ version: 1, withdrawal: { minFen: 1000, maxFenPerRequest: 500 } }).ok).toBe(false);
    expect(parseRules({ version: 1, withdrawal: { minFen: 1000, dailyCapFen: 500 } }).ok).toBe(false);
    expect(parseRules({ version: 1, recruitment: 'paid-entry' }).ok).toBe(false);
  });

  it('reports every issue with a path', () => {
    const result = parseRules({ version: 1, freezeDays: 'x', recruitment: 'y' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = (result.error.details?.issues as { path: string }[]).map((i) => i.path).sort();
      expect(paths).toEqual(['freezeDays', 'recruitment']);
    }
  });

  it('a revision bumps the version and leaves the old document alone', () => {
    const v1 = defaultRules(1);
    const v2 = unwrap(reviseRules(v1, { levelRatesBp: [2000, 500], withdrawal: { feeBp: 100 }, version: 99 }));
    expect(v2.version).toBe(2);
    expect(v2.levelRatesBp).toEqual([2000, 500]);
    expect(v2.withdrawal).toEqual({ ...v1.withdrawal, feeBp: 100 });
    expect(v1.levelRatesBp).toEqual([1500, 800]);
    const v3 = unwrap(reviseRules(v2, { levels: 1 }));
    expect(v3.levelRatesBp).toEqual([1500]);
    expect(reviseRules(v3, { levels: 5 }).ok).toBe(false);
    expect(reviseRules(v3, null).ok).toBe(false);
    expect(unwrap(rulesForVersion([v1, v2, v3], 2))).toBe(v2);
    expect(rulesForVersion([v1], 9).ok).toBe(false);
    expect(unwrap(latestRules([v2, v3, v1]))).toBe(v3);
    expect(latestRules([]).ok).toBe(false);
  });
});
