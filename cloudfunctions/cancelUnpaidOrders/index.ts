/** Timer: cancels orders left unpaid past the payment window and releases their stock. */
import { sweepOrders } from '../_shared/workflows/orders';
import type { Failure } from '../_shared/platform/envelope';
import { invokedByUser, refusedForUser } from '../_shared/platform/platform-only';

/** Leave room before the function timeout (cloudbaserc.json) for the last order in flight. */
const BUDGET_MS = 40_000;

export async function main(): Promise<Failure | { cancelled: number; repaired: number }> {
  // A timer: never on behalf of a user (see platform-only.ts).
  if (invokedByUser()) return refusedForUser('cancelUnpaidOrders');
  const started = Date.now();
  return sweepOrders(started, started + BUDGET_MS);
}
