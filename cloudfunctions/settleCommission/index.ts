/**
 * Every 5 minutes: settles frozen commissions whose after-sales window has closed. Stops before its timeout and
 * leaves the rest to the next run; overlapping runs are safe (see flows/settlement.ts).
 */
import { settleDue, type SettleOutcome } from '../_shared/workflows/settlement';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/**
 * The function's timeout is 60 s: a run stays under half of it, whatever the backlog (batches are sized from the
 * measured pace, the first one small), so a slow database or a cold start never brings it near the limit.
 */
export const BUDGET_MS = 25_000;

export async function main(): Promise<Failure | SettleOutcome> {
  // A timer: never on behalf of a user (see platform-only.ts).
  if (invokedByUser()) return refusedForUser('settleCommission');
  return settleDue({ now: Date.now(), budgetMs: BUDGET_MS });
}
