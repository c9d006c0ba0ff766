/**
 * Dates for display, in China time (the shop's calendar, whatever the phone's time zone), through the contract's
 * `chinaMinute`/`chinaDate`. A missing time shows nothing.
 */
import { chinaDate, chinaMinute } from '@shop/contract';

export function formatDateTime(ms: number | null | undefined): string {
  return ms ? chinaMinute(ms) : '';
}

export function formatDate(ms: number | null | undefined): string {
  return ms ? chinaDate(ms) : '';
}

/** Milliseconds left until `endsAt`, never negative (for t-count-down). */
export function remainingMs(endsAt: number, now = Date.now()): number {
  return Math.max(0, endsAt - now);
}
