import fc from 'fast-check';
import {
  formatFen,
  formatPercent,
  formatYuan,
  formatWholeYuan,
  MAX_FEN,
  parsePercent,
  parseYuan,
  parseYuanDecimal,
} from '../src';

const amounts = fc.oneof(fc.integer({ min: 0, max: 100_000_00 }), fc.maxSafeNat());

describe('money text round-trips', () => {
  it('parseYuan(formatFen(n)) === n for every amount, with and without ¥ and grouping separators left out', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(parseYuan(formatFen(fen))).toBe(fen);
        expect(parseYuan(formatFen(fen, { symbol: false }))).toBe(fen);
        expect(parseYuanDecimal(formatYuan(fen))).toBe(fen);
      }),
    );
  });

  it('reads full-width digits as their ASCII twins', () => {
    const fullWidth = (text: string) =>
      text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace('.', '．');
    fc.assert(fc.property(amounts, (fen) => expect(parseYuan(fullWidth(formatFen(fen)))).toBe(fen)));
  });

  it('grouped text ("¥1,234.56") is for reading, never parsed back', () => {
    expect(formatFen(123456, { grouping: true })).toBe('¥1,234.56');
    expect(parseYuan('¥1,234.56')).toBeNull();
  });
});

describe('parseYuan: what a person types', () => {
  it.each([
    ['19.9', 1990],
    ['19.90', 1990],
    ['¥19.90', 1990],
    ['￥19.90', 1990],
    ['¥ 19.90', 1990],
    ['１９.９０', 1990],
    ['１９．９', 1990],
    ['  7.05 ', 705],
    ['0.01', 1],
    ['0', 0],
    ['12', 1200],
    ['1.15', 115],
    ['4.35', 435],
    ['90071992547409.91', MAX_FEN],
  ])('%p → %p fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '',
    ' ',
    '12.',
    '.5',
    '1.234',
    '-1',
    '-0.01',
    '+1',
    '1e3',
    '1,000',
    'abc',
    '¥',
    '¥¥1',
    '12元',
    '90071992547409.92',
    '99999999999999999',
  ])('refuses %p', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseYuan(12 as unknown as string)).toBeNull();
    expect(parseYuan(null as unknown as string)).toBeNull();
  });

  it('the canonical decimal reader refuses symbols and full-width digits (the core and CSV use it)', () => {
    expect(parseYuanDecimal('12.30')).toBe(1230);
    expect(parseYuanDecimal('¥12.30')).toBeNull();
    expect(parseYuanDecimal('１２')).toBeNull();
  });
});

describe('formatFen and friends', () => {
  it('formats as the pages show money', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(1485)).toBe('¥14.85');
    expect(formatFen(-2000, { sign: true })).toBe('-¥20.00');
    expect(formatFen(5, { sign: true })).toBe('+¥0.05');
    expect(formatFen(0, { sign: true })).toBe('¥0.00');
    expect(formatFen(123456789)).toBe('¥1234567.89');
    expect(formatFen(5000, { symbol: false })).toBe('50.00');
    expect(formatFen(-123456, { grouping: true, symbol: false })).toBe('-1,234.56');
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined)).toBe('—');
    expect(formatFen(Number.NaN)).toBe('—');
    expect(formatYuan(MAX_FEN)).toBe('90071992547409.91');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(formatWholeYuan(123456)).toBe('¥1,234');
  });

  it('percentages in basis points, without floats', () => {
    expect(formatPercent(1550)).toBe('15.5%');
    expect(formatPercent(800)).toBe('8%');
    expect(formatPercent(null)).toBe('—');
    expect(parsePercent('15.5')).toBe(1550);
    expect(parsePercent('7.05')).toBe(705);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('100.01')).toBeNull();
    expect(parsePercent('1.234')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (bp) => expect(parsePercent(formatPercent(bp))).toBe(bp)),
    );
  });
});
