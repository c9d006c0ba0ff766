/**
 * Order numbers people read: `yyyyMMddHHmmss` of the order's creation in China time, then six digits derived from
 * the order id. Deterministic (a retried request computes the same candidates); the store makes them unique by
 * claiming a candidate and moving to the next one (`attempt`) while another order holds it.
 */
import { CHINA_UTC_OFFSET_MS } from '../../contract/src/china-time';
import type { EpochMs } from './time';

export const ORDER_NO_PATTERN = /^\d{20}$/;
const SUFFIX_SPACE = 1_000_000;

/** The `attempt`-th candidate number for `orderId` (hex) created at `createdAt`. */
export function orderNoCandidate(createdAt: EpochMs, orderId: string, attempt: number): string {
  const stamp = new Date(createdAt + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 19).replace(/\D/g, '');
  const seed = Number.parseInt(orderId.replace(/[^0-9a-f]/gi, '').slice(0, 12) || '0', 16);
  const suffix = (seed + attempt) % SUFFIX_SPACE;
  return `${stamp}${String(suffix).padStart(6, '0')}`;
}
