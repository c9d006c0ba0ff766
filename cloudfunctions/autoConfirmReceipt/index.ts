/**
 * Hourly: confirms receipt of orders shipped `autoConfirmDays` ago, then completes orders whose after-sales window
 * has closed and that settlement has been through (their commissions settled). Work left when the budget runs out
 * waits for the next hour. It also closes returns never sent back within `returnShipDays` and retries
 * shipping-information uploads WeChat has not accepted yet.
 */
import { autoConfirmDue } from '../_shared/workflows/fulfilment';
import { completeSettledOrders } from '../_shared/workflows/completion';
import { expireUnreturned } from '../_shared/workflows/refunds';
import { retryPendingShippingUploads } from '../_shared/workflows/shipping-info';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/** The function's timeout is 60 s: a run stays under half of it, leaving room to finish the orders in hand. */
const BUDGET_MS = 25_000;

export async function main(): Promise<
  | Failure
  | { confirmed: number; completed: number; remaining: boolean; returnsClosed: number; shippingUploaded: number }
> {
  // A timer: never on behalf of a user (see platform-only.ts).
  if (invokedByUser()) return refusedForUser('autoConfirmReceipt');
  const started = performance.now();
  const now = Date.now();
  const confirmed = await autoConfirmDue(now, BUDGET_MS);
  // Only orders settlement has been through: completing earlier fails on their frozen commissions.
  const completed = await completeSettledOrders(now, BUDGET_MS - (performance.now() - started));
  const returnsClosed = await expireUnreturned(now);
  const shippingUploaded = await retryPendingShippingUploads(now);
  return {
    confirmed: confirmed.done,
    completed: completed.done,
    remaining: confirmed.remaining || completed.remaining,
    returnsClosed,
    shippingUploaded,
  };
}
