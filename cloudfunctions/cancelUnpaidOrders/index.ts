/** Timer: cancels orders left unpaid past the payment window and releases their stock. */
import { sweepOrders } from '../_shared/workflows/orders';

/** Leave room before the function timeout (cloudbaserc.json) for the last order in flight. */
const BUDGET_MS = 40_000;

export async function main(): Promise<{ cancelled: number; repaired: number }> {
  const started = Date.now();
  return sweepOrders(started, started + BUDGET_MS);
}
