/**
 * Time is always an epoch-millisecond number passed in by the caller; the core never reads a clock.
 * China has no daylight saving, so "a day" is plain arithmetic in UTC+8.
 */
import { DomainError } from './errors';

export const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export type EpochMs = number;

export function assertEpochMs(value: number, field = 'now'): EpochMs {
  if (!Number.isSafeInteger(value) || value < 0) throw new DomainError('INVALID_INPUT', { field, value });
  return value;
}

export function addDays(at: EpochMs, days: number): EpochMs {
  return at + days * DAY_MS;
}

/** [start, end) of the China-time calendar day containing `now`, for daily withdrawal caps. */
export function chinaDayBounds(now: EpochMs): { start: EpochMs; end: EpochMs } {
  const local = now + CHINA_OFFSET_MS;
  const start = local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - CHINA_OFFSET_MS;
  return { start, end: start + DAY_MS };
}

/** The China-time calendar day of `at` as YYYY-MM-DD, e.g. the key of a daily withdrawal cap. */
export function chinaDay(at: EpochMs): string {
  return new Date(chinaDayBounds(at).start + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
