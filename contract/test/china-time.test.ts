import fc from 'fast-check';
import {
  CHINA_UTC_OFFSET_MS,
  chinaDate,
  chinaDateTime,
  chinaDayBounds,
  chinaDayStart,
  chinaDayStartOf,
  chinaMinute,
  chinaMonthDay,
  DAY_MS,
} from '../src';

// 2025-10-09T16:00:00Z is midnight on 2025-10-10 in China.
const CHINA_MIDNIGHT = Date.UTC(2025, 9, 9, 16, 0, 0);

describe('China time', () => {
  it('is UTC+8', () => {
    expect(CHINA_UTC_OFFSET_MS).toBe(8 * 3600 * 1000);
  });

  it('the last millisecond before China midnight belongs to the day before, midnight to the new day', () => {
    expect(chinaDate(CHINA_MIDNIGHT - 1)).toBe('2025-10-09');
    expect(chinaDateTime(CHINA_MIDNIGHT - 1)).toBe('2025-10-09 23:59:59');
    expect(chinaDate(CHINA_MIDNIGHT)).toBe('2025-10-10');
    expect(chinaDateTime(CHINA_MIDNIGHT)).toBe('2025-10-10 00:00:00');
    expect(chinaMinute(CHINA_MIDNIGHT + 90_000)).toBe('2025-10-10 00:01');
    expect(chinaMonthDay(CHINA_MIDNIGHT)).toBe('10-10');
    expect(chinaDayBounds(CHINA_MIDNIGHT - 1)).toEqual({ start: CHINA_MIDNIGHT - DAY_MS, end: CHINA_MIDNIGHT });
    expect(chinaDayBounds(CHINA_MIDNIGHT)).toEqual({ start: CHINA_MIDNIGHT, end: CHINA_MIDNIGHT + DAY_MS });
  });

  it('UTC midnight is 08:00 in China, the same China day', () => {
    const utcMidnight = Date.UTC(2025, 9, 10);
    expect(chinaDateTime(utcMidnight)).toBe('2025-10-10 08:00:00');
    expect(chinaDayStart(utcMidnight)).toBe(CHINA_MIDNIGHT);
  });

  it('crosses years and leap days', () => {
    expect(chinaDate(Date.UTC(2024, 11, 31, 16))).toBe('2025-01-01');
    expect(chinaDate(Date.UTC(2024, 1, 28, 16))).toBe('2024-02-29');
    expect(chinaDayStartOf('2024-02-29')).toBe(Date.UTC(2024, 1, 28, 16));
  });

  it('reads a China calendar day, refusing dates that do not exist', () => {
    expect(chinaDayStartOf('2025-10-10')).toBe(CHINA_MIDNIGHT);
    for (const text of ['2025-02-29', '2025-13-01', '2025-10-32', '2025-1-1', '20251010', '', '2025-10-10T00:00']) {
      expect(chinaDayStartOf(text)).toBeNull();
    }
  });

  it('every instant lies in its day, days are DAY_MS long and the date text reads back to the day start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (at) => {
        const { start, end } = chinaDayBounds(at);
        expect(start).toBeLessThanOrEqual(at);
        expect(at).toBeLessThan(end);
        expect(end - start).toBe(DAY_MS);
        expect(chinaDateTime(start).slice(11)).toBe('00:00:00');
        expect(chinaDayStartOf(chinaDate(at))).toBe(start);
      }),
    );
  });
});
