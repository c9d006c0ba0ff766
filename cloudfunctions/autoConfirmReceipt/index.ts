/**
 * Hourly: confirms receipt of orders shipped `autoConfirmDays` ago, then completes orders whose after-sales window
 * has closed and that settlement has been through (their commissions settled). Work left when the budget runs out waits for the next hour.
 */
import { autoConfirmDue } from '../_shared/workflows/fulfilment';
import { completeSettledOrders } from '../_shared/workflows/completion';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/** The function's timeout is 60 s: a run stays under half of it, leaving room to finish the orders in hand. */
const BUDGET_MS = 25_000;

export async function main(): Promise<Failure | { confirmed: number; completed: number; remaining: boolean }> {
  // A timer: never on behalf of a user (see platform-only.ts).
  if (invokedByUser()) return refusedForUser('autoConfirmReceipt');
  const started = performance.now();
  const now = Date.now();
  const confirmed = await autoConfirmDue(now, BUDGET_MS);
  // Only orders settlement has been through: completing earlier fails on their frozen commissions.
  const completed = await completeSettledOrders(now, BUDGET_MS - (performance.now() - started));
  return {
    confirmed: confirmed.done,
    completed: completed.done,
    remaining: confirmed.remaining || completed.remaining,
  };
}
