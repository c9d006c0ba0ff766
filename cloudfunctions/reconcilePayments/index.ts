/**
 * Daily at 10:00 China time (WeChat generates the previous day's bill from 09:00): reconciles yesterday's bill with
 * the shop's orders and after-sales and queues every mismatch for an operator (see flows/reconciliation.ts).
 */
import type { Failure } from '../_shared/platform/envelope';
import { reconcilePreviousDay } from '../_shared/workflows/reconciliation';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

export async function main(): Promise<Failure | Awaited<ReturnType<typeof reconcilePreviousDay>>> {
  // A timer: never on behalf of a user (see platform-only.ts).
  if (invokedByUser()) return refusedForUser('reconcilePayments');
  return reconcilePreviousDay(Date.now());
}
