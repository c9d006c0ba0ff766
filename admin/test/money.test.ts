/** Money on the admin page: fen shown as ¥, yuan and percentages typed as text, all without floats. */
import { bpFromPercentText, fenFromYuanText, percent, percentText, yuan, yuanText, yuanWhole } from '../src/money';

test('fen is shown as yuan with two decimals and thousands separators', () => {
  expect(yuan(0)).toBe('¥0.00');
  expect(yuan(1230)).toBe('¥12.30');
  expect(yuan(123456789)).toBe('¥1,234,567.89');
  expect(yuan(null)).toBe('—');
  expect(yuanText(990)).toBe('9.90');
  expect(yuanWhole(123456)).toBe('¥1,234');
});

test('typed yuan becomes exact fen, and anything ambiguous is refused', () => {
  expect(fenFromYuanText('12.30')).toBe(1230);
  expect(fenFromYuanText(' 0.07 ')).toBe(7);
  expect(fenFromYuanText('19.99')).toBe(1999);
  expect(fenFromYuanText('1.005')).toBeNull();
  expect(fenFromYuanText('-1')).toBeNull();
  expect(fenFromYuanText('1e3')).toBeNull();
  expect(fenFromYuanText('1,000')).toBeNull();
  expect(fenFromYuanText('')).toBeNull();
});

test('rates: basis points to percent text and back', () => {
  expect(percent(1500)).toBe('15%');
  expect(percent(1550)).toBe('15.5%');
  expect(percent(7)).toBe('0.07%');
  expect(percentText(10000)).toBe('100');
  expect(bpFromPercentText('15')).toBe(1500);
  expect(bpFromPercentText('7.5')).toBe(750);
  expect(bpFromPercentText('0.07')).toBe(7);
  expect(bpFromPercentText('100.01')).toBeNull();
  expect(bpFromPercentText('1.234')).toBeNull();
  for (let bp = 0; bp <= 10000; bp += 37) expect(bpFromPercentText(percentText(bp))).toBe(bp);
});
