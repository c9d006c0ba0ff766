/**
 * Hourly: confirms receipt of orders shipped `autoConfirmDays` ago, then completes orders whose after-sales window
 * has closed and whose commissions are all settled. Work left when the budget runs out waits for the next hour.
 */
import { autoConfirmDue, completeDueOrders } from '../_shared/workflows/fulfilment';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/** The function's timeout is 60 s; this leaves room to finish the order in hand and answer. */
const BUDGET_MS = 45_000;

export async function main(): Promise<Failure | { confirmed: number; completed: number; remaining: boolean }> {
  // A timer: never on behalf of a user (see platform-only.ts).
  if (invokedByUser()) return refusedForUser('autoConfirmReceipt');
  const started = performance.now();
  const now = Date.now();
  const confirmed = await autoConfirmDue(now, BUDGET_MS);
  const completed = await completeDueOrders(now, BUDGET_MS - (performance.now() - started));
  return {
    confirmed: confirmed.done,
    completed: completed.done,
    remaining: confirmed.remaining || completed.remaining,
  };
}
