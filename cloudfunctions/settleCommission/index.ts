/**
 * Every 5 minutes: settles frozen commissions whose after-sales window has closed. Stops before its timeout and
 * leaves the rest to the next run; overlapping runs are safe (see flows/settlement.ts).
 */
import { settleDue, type SettleOutcome } from '../_shared/workflows/settlement';

/** The function's timeout is 60 s. */
const BUDGET_MS = 45_000;

export async function main(): Promise<SettleOutcome> {
  return settleDue({ now: Date.now(), budgetMs: BUDGET_MS });
}
