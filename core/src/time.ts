/**
 * Time is always an epoch-millisecond number passed in by the caller; the core never reads a clock.
 * China has no daylight saving, so "a day" is plain arithmetic in UTC+8; the offset and the China-day
 * arithmetic (`chinaDayBounds`, for daily withdrawal caps) are the contract's (contract/src/china-time.ts).
 */
import { chinaDate, chinaDayBounds, DAY_MS } from '../../contract/src/china-time';
import { DomainError } from './errors';

/** `chinaDay(at)`: the China-time calendar day as YYYY-MM-DD, the key of a daily withdrawal cap. */
export { chinaDayBounds, chinaDate as chinaDay, DAY_MS };

export type EpochMs = number;

export function assertEpochMs(value: number, field = 'now'): EpochMs {
  if (!Number.isSafeInteger(value) || value < 0) throw new DomainError('INVALID_INPUT', { field, value });
  return value;
}

export function addDays(at: EpochMs, days: number): EpochMs {
  return at + days * DAY_MS;
}
