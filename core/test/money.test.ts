import {
  addFen,
  allocateLargestRemainder,
  applyRate,
  bp,
  DomainError,
  fen,
  floorMulDiv,
  formatYuan,
  parseYuan,
  proportionalShare,
  subtractFen,
  sumFen,
  tryFen,
  type BasisPoints,
  type Fen,
} from '../src';

const F = (n: number) => n as Fen;
const B = (n: number) => n as BasisPoints;

describe('fen', () => {
  it('accepts non-negative safe integers', () => {
    expect(fen(0)).toBe(0);
    expect(fen(1230)).toBe(1230);
    expect(fen(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([[1.5], [-1], [Number.MAX_SAFE_INTEGER + 1], [NaN], [Infinity]])('rejects %p with a typed error', (value) => {
    expect(() => fen(value)).toThrow(DomainError);
    try {
      fen(value);
    } catch (e) {
      expect((e as DomainError).code).toBe('INVALID_INPUT');
    }
  });

  it('tryFen returns instead of throwing', () => {
    const result = tryFen('12', 'price');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.details).toMatchObject({ field: 'price', reason: 'not a number' });
    }
    expect(tryFen(12)).toEqual({ ok: true, value: 12 });
  });

  it('arithmetic refuses to go negative or unsafe', () => {
    expect(addFen(F(1), F(2))).toBe(3);
    expect(() => subtractFen(F(1), F(2))).toThrow(DomainError);
    expect(() => addFen(F(Number.MAX_SAFE_INTEGER), F(1))).toThrow(DomainError);
    expect(sumFen([F(1), F(2), F(3)])).toBe(6);
  });

  it('bp accepts 0..10000 only', () => {
    expect(bp(1500)).toBe(1500);
    expect(() => bp(10001)).toThrow(DomainError);
    expect(() => bp(1.5)).toThrow(DomainError);
  });
});

describe('parseYuan / formatYuan', () => {
  it.each([
    ['12.30', 1230],
    ['12.3', 1230],
    ['12', 1200],
    ['0.01', 1],
    ['0', 0],
    [' 7.05 ', 705],
    ['0019.90', 1990],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parses %p as %p fen without floats', (input, expected) => {
    expect(parseYuan(input)).toEqual({ ok: true, value: expected });
  });

  it('gets 0.1 + 0.2-style amounts exactly right', () => {
    // 1.15 * 100 = 114.99999999999999 in floating point; parsing the string avoids that.
    expect(parseYuan('1.15')).toEqual({ ok: true, value: 115 });
    expect(parseYuan('4.35')).toEqual({ ok: true, value: 435 });
  });

  it.each(['', '-1', '1.234', '1e3', '1,000', '¥12', '.5', '12.', 'abc', '90071992547409.92'])(
    'refuses %p',
    (input) => {
      const result = parseYuan(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    },
  );

  it('formats fen as a yuan string', () => {
    expect(formatYuan(F(1230))).toBe('12.30');
    expect(formatYuan(F(5))).toBe('0.05');
    expect(formatYuan(F(0))).toBe('0.00');
    expect(formatYuan(F(100))).toBe('1.00');
    expect(formatYuan(F(Number.MAX_SAFE_INTEGER))).toBe('90071992547409.91');
  });
});

describe('applyRate', () => {
  it('floors base × rate / 10000', () => {
    expect(applyRate(F(10000), B(1500))).toBe(1500);
    expect(applyRate(F(999), B(1500))).toBe(149); // 149.85
    expect(applyRate(F(1), B(9999))).toBe(0);
    expect(applyRate(F(12345), B(10000))).toBe(12345);
  });

  it('stays exact when base × rate exceeds MAX_SAFE_INTEGER (BigInt path)', () => {
    const base = F(Number.MAX_SAFE_INTEGER);
    const expected = Number((BigInt(Number.MAX_SAFE_INTEGER) * 1500n) / 10000n);
    expect(applyRate(base, B(1500))).toBe(expected);
  });

  it('floorMulDiv matches BigInt around the safe boundary', () => {
    for (const a of [2 ** 40 + 7, 2 ** 43 - 1, 9_007_199_254_740 - 3]) {
      for (const b of [1, 799, 9999, 10000]) {
        expect(floorMulDiv(a, b, 10000)).toBe(Number((BigInt(a) * BigInt(b)) / 10000n));
      }
    }
  });

  it('proportionalShare floors and returns the whole at part = whole', () => {
    expect(proportionalShare(F(1000), 1, 3)).toBe(333);
    expect(proportionalShare(F(1000), 2, 3)).toBe(666);
    expect(proportionalShare(F(1000), 3, 3)).toBe(1000);
    expect(proportionalShare(F(1000), 0, 3)).toBe(0);
    expect(() => proportionalShare(F(1000), 4, 3)).toThrow(DomainError);
  });
});

describe('allocateLargestRemainder', () => {
  it('adds up to the total and favours the largest remainders', () => {
    expect(allocateLargestRemainder(F(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(F(10), [3000, 2000, 5000])).toEqual([3, 2, 5]);
    expect(allocateLargestRemainder(F(7), [1, 2])).toEqual([2, 5]); // 2.33 / 4.67
  });

  it('gives nothing to zero weights and refuses to spread over nothing', () => {
    expect(allocateLargestRemainder(F(5), [0, 10, 0])).toEqual([0, 5, 0]);
    expect(allocateLargestRemainder(F(0), [0, 0])).toEqual([0, 0]);
    expect(() => allocateLargestRemainder(F(1), [0, 0])).toThrow(DomainError);
    expect(() => allocateLargestRemainder(F(1), [-1, 2])).toThrow(DomainError);
  });

  it('is exact with weights large enough to need BigInt', () => {
    const weights = [2 ** 50, 2 ** 50 + 1, 3];
    const total = F(2 ** 51);
    const shares = allocateLargestRemainder(total, weights);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
  });
});
