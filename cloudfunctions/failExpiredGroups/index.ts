/**
 * Timer: fails group buys whose time ran out and refunds every member through the normal refund path (the refund
 * callback, which asks WeChat Pay, restores stock and commissions); finishes joins a dying payment left undone.
 * Its event is never read: a timer is told nothing it has to believe.
 */
import { sweepGroups } from '../_shared/workflows/group-buys';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/** Leave room before the function timeout (cloudbaserc.json) for the last group in flight. */
const BUDGET_MS = 40_000;

export async function main(): Promise<Failure | { failed: number; refunded: number; joined: number }> {
  if (invokedByUser()) return refusedForUser('failExpiredGroups');
  const started = Date.now();
  return sweepGroups(started, started + BUDGET_MS);
}
