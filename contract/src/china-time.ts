/**
 * China time, defined once: UTC+8 all year (no daylight saving), so "a day" is plain arithmetic. The shop's
 * calendar (daily withdrawal caps, settle dates, report days, what merchants read) is China's, wherever the code
 * runs. The emulator keeps its own copy on purpose: it stands for the platform, not the shop.
 */

export const DAY_MS = 86_400_000;
export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

function floorMod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** The instant the China-time calendar day containing `at` begins. */
export function chinaDayStart(at: number): number {
  const local = at + CHINA_UTC_OFFSET_MS;
  return local - floorMod(local, DAY_MS) - CHINA_UTC_OFFSET_MS;
}

/** [start, end) of the China-time calendar day containing `at`, for daily caps. */
export function chinaDayBounds(at: number): { start: number; end: number } {
  const start = chinaDayStart(at);
  return { start, end: start + DAY_MS };
}

/** `YYYY-MM-DD HH:mm:ss` in China time. */
export function chinaDateTime(at: number): string {
  return new Date(at + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD HH:mm` in China time. */
export function chinaMinute(at: number): string {
  return chinaDateTime(at).slice(0, 16);
}

/** `YYYY-MM-DD` in China time: the key of a daily cap, a report day. */
export function chinaDate(at: number): string {
  return chinaDateTime(at).slice(0, 10);
}

/** `MM-DD` in China time ("settles 12-05"). */
export function chinaMonthDay(at: number): string {
  return chinaDateTime(at).slice(5, 10);
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` (a China calendar day) → the instant it begins; null for text that is not a real date. */
export function chinaDayStartOf(dateText: string): number | null {
  const match = DATE_TEXT.exec(dateText);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  if (!Number.isFinite(utcMidnight)) return null;
  const start = utcMidnight - CHINA_UTC_OFFSET_MS;
  return chinaDate(start) === dateText ? start : null;
}
