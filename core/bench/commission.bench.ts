/**
 * core.commission.ordersPerSecond: the whole money path of one order, as the cloud functions run it:
 * price 5 lines with a coupon, snapshot a 2-level chain, compute commissions, accrue them, then one
 * partial refund (refund amount, reversal per level, reverse entries). Returns the figure; a runner
 * elsewhere prints it.
 */
import {
  accrueCommission,
  commissionsForOrder,
  DEFAULT_RULES,
  priceOrder,
  refundAmountForLine,
  reversalForRefund,
  reverseCommission,
  snapshotAncestors,
  ZERO_BALANCES,
  type Coupon,
  type Fen,
  type LedgerEntry,
  type Product,
  type ShippingRules,
} from '../src';

const NOW = 1_760_000_000_000;

function fixtures() {
  const products = new Map<string, Product>();
  for (let i = 0; i < 50; i++) {
    products.set(`p${i}`, {
      id: `p${i}`,
      title: `商品 ${i}`,
      priceFen: (990 + i * 137) as Fen,
      stock: 1_000_000,
      onShelf: true,
      ...(i % 5 === 0 ? { limitedTime: { priceFen: (800 + i) as Fen, startsAt: NOW - 1000, endsAt: NOW + 1000 } } : {}),
    });
  }
  const coupon: Coupon = { id: 'c1', kind: 'amount_off', amountFen: 1500 as Fen, minSpendFen: 5000 as Fen };
  const shipping: ShippingRules = { flatFen: 800 as Fen, freeOverFen: 9900 as Fen };
  const inviters = new Map<string, string | null>([
    ['buyer', 'inviter'],
    ['inviter', 'grand'],
    ['grand', null],
  ]);
  return { products, coupon, shipping, inviters };
}

export interface CommissionBenchResult {
  readonly orders: number;
  readonly entries: number;
  readonly ms: number;
}

/** Runs `orders` orders through the path; exported so a test can smoke-run it small. */
export function runCommissionOrders(orders: number, now: () => number): CommissionBenchResult {
  const { products, coupon, shipping, inviters } = fixtures();
  const rules = DEFAULT_RULES;
  const statusOf = () => null;
  let entries = 0;
  const started = now();
  for (let n = 0; n < orders; n++) {
    const base = n % 45;
    const items = [
      { productId: `p${base}`, quantity: 1 + (n % 3) },
      { productId: `p${base + 1}`, quantity: 2 },
      { productId: `p${base + 2}`, quantity: 1 },
      { productId: `p${base + 3}`, quantity: 3 },
      { productId: `p${base + 4}`, quantity: 1 },
    ];
    const priced = priceOrder({ products, items, coupon, shipping, now: NOW });
    if (!priced.ok) throw priced.error;
    const orderId = `o${n}`;
    const snapshot = snapshotAncestors({ buyerId: 'buyer', rules, inviters, statusOf });
    const records = commissionsForOrder({ orderId, lines: priced.value.lines, snapshot, rules });
    if (!records.ok) throw records.error;
    const ledger: LedgerEntry[] = [];
    for (const record of records.value) ledger.push(accrueCommission(record, NOW));

    // one partial refund: one unit of line 3 (quantity 3)
    const line = priced.value.lines[3];
    if (!line) throw new Error('fixture has 5 lines');
    const refund = refundAmountForLine(line.paidFen, line.quantity, 0, 1);
    if (!refund.ok) throw refund.error;
    for (const record of records.value) {
      if (record.line !== 3) continue;
      const reversal = reversalForRefund({
        record,
        refundId: `r${n}`,
        remainingQuantity: line.quantity - 1,
        alreadyReversedFen: 0 as Fen,
      });
      if (!reversal.ok) throw reversal.error;
      if (reversal.value)
        ledger.push(reverseCommission({ reversal: reversal.value, settled: false, balances: ZERO_BALANCES, at: NOW }));
    }
    entries += ledger.length;
  }
  return { orders, entries, ms: now() - started };
}

/**
 * Milliseconds of CPU this process used. The goal is throughput on one core, and the benchmark shares
 * its machine with test runs and emulators: wall-clock time would measure the neighbours. (GC threads
 * add to process CPU time, so this can only understate the figure.)
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export default async function bench(): Promise<Record<string, number>> {
  const clock = cpuMs;
  runCommissionOrders(20_000, clock); // warm-up so the JIT has compiled the path
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const result = runCommissionOrders(100_000, clock);
    best = Math.max(best, Math.round((result.orders * 1000) / result.ms));
  }
  return { 'core.commission.ordersPerSecond': best };
}
