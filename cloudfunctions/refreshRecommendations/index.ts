/**
 * Daily at 04:00 China time: recomputes "买了它的人还买了" from the last 90 days of kept orders
 * (workflows/recommendations.ts). A timer: never on behalf of a user.
 */
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';
import { refreshRecommendations, type RefreshOutcome } from '../_shared/workflows/recommendations';

/** Half of the 60 s timeout, so a run never races its own timeout. */
const BUDGET_MS = 30_000;

export async function main(): Promise<Failure | RefreshOutcome> {
  if (invokedByUser()) return refusedForUser('refreshRecommendations');
  const now = Date.now();
  return refreshRecommendations(now, now + BUDGET_MS);
}
