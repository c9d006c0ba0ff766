/**
 * Money and times as the merchant reads and types them: the admin page's presentation (`src/format.ts`) over the
 * contract's money text, all without floats. The contract's own tests cover the parsers in depth; these pin what
 * the page shows and accepts.
 */
import {
  formatPercent,
  formatPercentText,
  formatWholeYuan,
  formatYuan,
  parsePercent,
  parseYuan,
} from '../../contract/src';
import { dateTime, dayOrUndefined, yuan } from '../src/format';

test('fen is shown as yuan with two decimals and thousands separators', () => {
  expect(yuan(0)).toBe('¥0.00');
  expect(yuan(1230)).toBe('¥12.30');
  expect(yuan(123456789)).toBe('¥1,234,567.89');
  expect(yuan(-5)).toBe('-¥0.05');
  expect(yuan(null)).toBe('—');
  expect(yuan(undefined)).toBe('—');
  expect(formatYuan(990)).toBe('9.90');
  expect(formatWholeYuan(123456)).toBe('¥1,234');
});

test('typed yuan becomes exact fen, and anything ambiguous is refused', () => {
  expect(parseYuan('12.30')).toBe(1230);
  expect(parseYuan(' 0.07 ')).toBe(7);
  expect(parseYuan('19.99')).toBe(1999);
  expect(parseYuan('1.005')).toBeNull();
  expect(parseYuan('-1')).toBeNull();
  expect(parseYuan('1e3')).toBeNull();
  expect(parseYuan('1,000')).toBeNull();
  expect(parseYuan('12.')).toBeNull();
  expect(parseYuan('')).toBeNull();
});

test('a price typed with the yuan sign or a Chinese keyboard is accepted (issue 15: "¥19.90 is refused")', () => {
  expect(parseYuan('19.9')).toBe(1990);
  expect(parseYuan('¥19.90')).toBe(1990);
  expect(parseYuan('￥19.90')).toBe(1990);
  expect(parseYuan('１９.９０')).toBe(1990);
  // What the editor shows for a stored price parses back to the same fen.
  for (const fen of [0, 1, 99, 1990, 123456789]) expect(parseYuan(formatYuan(fen))).toBe(fen);
});

test('rates: basis points to percent text and back', () => {
  expect(formatPercent(1500)).toBe('15%');
  expect(formatPercent(1550)).toBe('15.5%');
  expect(formatPercent(7)).toBe('0.07%');
  expect(formatPercent(null)).toBe('—');
  expect(formatPercentText(10000)).toBe('100');
  expect(parsePercent('15')).toBe(1500);
  expect(parsePercent('7.5')).toBe(750);
  expect(parsePercent('0.07')).toBe(7);
  expect(parsePercent('100.01')).toBeNull();
  expect(parsePercent('1.234')).toBeNull();
  for (let bp = 0; bp <= 10000; bp += 37) expect(parsePercent(formatPercentText(bp))).toBe(bp);
});

test('times are China time to the minute, and "—" before they happen', () => {
  // 2024-05-01T16:30:00Z is 2024-05-02 00:30 in China.
  expect(dateTime(Date.UTC(2024, 4, 1, 16, 30))).toBe('2024-05-02 00:30');
  expect(dateTime(null)).toBe('—');
  expect(dateTime(undefined)).toBe('—');
});

test('a date filter passes only a real calendar day on to the API', () => {
  expect(dayOrUndefined('2024-05-01')).toBe('2024-05-01');
  expect(dayOrUndefined('2024-02-30')).toBeUndefined();
  expect(dayOrUndefined('2024-5-1')).toBeUndefined();
  expect(dayOrUndefined(undefined)).toBeUndefined();
});
