/**
 * Hourly: moves distributors to the grade their own results reach (and, once a keep period ends, back to what
 * they still reach). Each run reads one bounded page of distributors and goes on from its cursor next time (see
 * workflows/grades.ts). A call on behalf of a user is refused: grades are never set by the one they pay.
 */
import { upgradeGrades, type GradeRunOutcome } from '../_shared/workflows/grades';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/** The function's timeout is 60 s. */
const BUDGET_MS = 45_000;

export async function main(): Promise<Failure | GradeRunOutcome> {
  if (invokedByUser()) return refusedForUser('upgradeGrades');
  return upgradeGrades({ now: Date.now(), budgetMs: BUDGET_MS });
}
