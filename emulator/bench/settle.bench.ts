/**
 * settle.commissionsPerSecond.{10k,100k}: the settleCommission timer, run again and again as its schedule would,
 * until nothing due is left, over N frozen commissions whose window has closed (two levels per order, spread over
 * 500 distributors, with the accrual entries and balances the payment would have written).
 * settle.scaling100kVs10k = time(100k) / (10 × time(10k)); 1 means linear.
 */
import {
  accrueCommission,
  applyEntry,
  DAY_MS,
  ZERO_BALANCES,
  type Balances,
  type CommissionRecord,
} from '../../core/src';
import { startEmulator, type Emulator } from '../src/emulator';

const DISTRIBUTORS = 500;
const BASE_FEN = 10_000;
const LEVELS = [
  { level: 1, rateBp: 1500 },
  { level: 2, rateBp: 800 },
];

async function seedDue(emulator: Emulator, commissions: number, now: number): Promise<void> {
  const receivedAt = now - 8 * DAY_MS;
  const settleAt = receivedAt + 7 * DAY_MS;
  const orders: Record<string, unknown>[] = [];
  const docs: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  const balances = new Map<string, Balances>();
  for (let o = 0; docs.length < commissions; o++) {
    const orderId = `bench-order-${o}`;
    orders.push({
      _id: orderId,
      buyerOpenid: `o-buyer-${o}`,
      status: 'received',
      lines: [
        {
          line: 0,
          productId: 'p-bench',
          title: 'bench',
          unitPriceFen: BASE_FEN,
          quantity: 1,
          listAmountFen: BASE_FEN,
          discountFen: 0,
          paidFen: BASE_FEN,
          refundedQuantity: 0,
        },
      ],
      totalFen: BASE_FEN,
      outTradeNo: `O${orderId}`,
      ruleVersion: 1,
      snapshot: { beneficiaries: [], ruleVersion: 1 },
      createdAt: receivedAt - DAY_MS,
      paidAt: receivedAt - DAY_MS,
      receivedAt,
      settleAt,
    });
    for (const { level, rateBp } of LEVELS) {
      if (docs.length >= commissions) break;
      const beneficiaryId = `o-dist-${(o * LEVELS.length + level) % DISTRIBUTORS}`;
      const record: CommissionRecord = {
        id: `commission:${orderId}:0:${level}`,
        orderId,
        line: 0,
        level,
        beneficiaryId,
        productId: 'p-bench',
        quantity: 1,
        baseFen: BASE_FEN as never,
        terms: { kind: 'rate', rateBp: rateBp as never },
        amountFen: ((BASE_FEN * rateBp) / 10_000) as never,
        ruleVersion: 1,
      };
      const { id, ...fields } = record;
      docs.push({
        _id: id,
        ...fields,
        status: 'frozen',
        buyerOpenid: `o-buyer-${o}`,
        reversedFen: 0,
        createdAt: receivedAt - DAY_MS,
        settleAt,
      });
      const entry = accrueCommission(record, receivedAt - DAY_MS);
      const { id: entryId, ...entryFields } = entry;
      entries.push({ _id: entryId, ...entryFields });
      balances.set(beneficiaryId, applyEntry(balances.get(beneficiaryId) ?? ZERO_BALANCES, entry));
    }
  }
  const { db } = emulator.services;
  await db.seed('orders', orders);
  await db.seed('commissions', docs);
  await db.seed('ledgerEntries', entries);
  await db.seed(
    'balances',
    [...balances].map(([id, b]) => ({ _id: id, ...b, updatedAt: now })),
  );
}

/** Seconds from the first timer run until a run reports nothing remaining. */
async function settleAll(emulator: Emulator): Promise<{ seconds: number; settled: number; runs: number }> {
  const started = performance.now();
  let settled = 0;
  for (let runs = 1; ; runs++) {
    const response = await fetch(`${emulator.url}/_emulator/timers/settleCommission/every5min`, { method: 'POST' });
    const body = (await response.json()) as { result?: { settled: number; remaining: boolean } };
    if (!body.result) throw new Error(`settleCommission failed: ${JSON.stringify(body)}`);
    settled += body.result.settled;
    process.stderr.write(
      `  run ${runs}: settled ${body.result.settled} (total ${settled}) remaining=${body.result.remaining}\n`,
    );
    if (!body.result.remaining) return { seconds: (performance.now() - started) / 1000, settled, runs };
  }
}

export async function measure(commissions: number): Promise<number> {
  const emulator = await startEmulator({ port: 0, dataDir: ':memory:' });
  try {
    await emulator.services.reset();
    // The first invocation bundles and starts the function; that is deployment, not settlement.
    await emulator.services.functions.invoke('settleCommission', {}, { source: 'wx_trigger' });
    await seedDue(emulator, commissions, emulator.services.context.clock.now());
    const { seconds, settled } = await settleAll(emulator);
    if (settled !== commissions) throw new Error(`settled ${settled} of ${commissions}`);
    return seconds;
  } finally {
    await emulator.close();
  }
}

export default async function bench(): Promise<Record<string, number>> {
  const small = await measure(10_000);
  const large = await measure(100_000);
  return {
    'settle.commissionsPerSecond.10k': Math.round(10_000 / small),
    'settle.commissionsPerSecond.100k': Math.round(100_000 / large),
    'settle.scaling100kVs10k': large / (10 * small),
  };
}
