/**
 * Settlement of frozen commissions whose after-sales window has closed. The query for due commissions is the cursor
 * between timer runs (settled ones drop out of it), so a run that stops at its time budget leaves the rest to the
 * next one. Each transaction settles several commissions of ONE beneficiary, because their balance document is the
 * hot spot; the status check inside the transaction makes two overlapping runs safe: the later one sees `settled`.
 * Once the run's writes are committed each distributor whose commissions it settled gets at most one message with
 * the run's total for them (best-effort: a message that fails never undoes or fails settlement).
 */
import {
  addFen,
  applyEntries,
  commissionMachine,
  commissionShard,
  settleCommission,
  settlementGuards,
  transition,
  unwrap,
  type DistributionRules,
  type Fen,
  type GuardContext,
  type LedgerEntry,
  ZERO_FEN,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { docsByIds, listDocs, txGet } from '../platform/documents';
import { balancesOf, loadBalance, postEntries } from '../store/ledger';
import { COLLECTIONS } from '../store/collections';
import { commissionRecordOf, type CommissionDoc } from '../store/commissions';
import { orderForAfterSales, type OrderDoc } from '../store/orders';
import { rulesOfVersion } from '../store/rules';
import { inTransaction } from '../platform/transactions';
import { afterSaleDocsOfOrders, afterSaleSummary } from '../store/after-sales';
import { frozenAmong } from './distributor-freeze';
import type { DistributorDoc } from '../store/distributors';
import { notifyCommissionSettled } from './notifications';
import { recordSettled } from '../store/rollups';

export const SETTLEMENT_JOB_ID = 'settleCommission';

export interface SettleOptions {
  now: number;
  /** Wall-clock time this run may spend; it stops before starting a batch it could not finish. */
  budgetMs: number;
  /** Commissions grouped per run of transactions; large enough that a distributor's several commissions share one. */
  batchSize?: number;
  /** Beneficiaries settled at the same time; each one's commissions stay in one transaction. */
  concurrency?: number;
}

export interface SettleOutcome {
  settled: number;
  /** Due but held back: an after-sale of the order is still open, or the beneficiary is frozen (风控冻结). */
  skipped: number;
  remaining: boolean;
}

/** Writes per transaction stay well inside the platform's transaction limits. */
const MAX_PER_TRANSACTION = 50;

type DueCommission = Pick<CommissionDoc, '_id' | 'orderId' | 'beneficiaryId' | 'settleAt'>;

/** The first batch of a run: small, so it finishes inside any budget and measures the pace for the next ones. */
const FIRST_BATCH = 200;

export async function settleDue({
  now,
  budgetMs,
  batchSize = 5000,
  concurrency = 8,
}: SettleOptions): Promise<SettleOutcome> {
  const started = performance.now();
  const rules = new Map<number, Promise<DistributionRules>>();
  const outcome: SettleOutcome = { settled: 0, skipped: 0, remaining: false };
  let cursor: DueCommission | undefined;
  let size = Math.min(FIRST_BATCH, batchSize);
  /** Slowest pace seen so far, in ms per commission: the next batch is sized so that it still fits. */
  let msPerCommission = 0;
  /** What this run moved to each beneficiary's available balance, counted only from committed transactions. */
  const settledFen = new Map<string, Fen>();
  for (;;) {
    const left = budgetMs - (performance.now() - started);
    if (msPerCommission > 0) size = Math.min(batchSize, Math.floor(left / msPerCommission / 2));
    if (left <= 0 || size < 1) {
      outcome.remaining = true;
      break;
    }
    const batchStarted = performance.now();
    const batch = await dueBatch(now, cursor, size);
    if (batch.length === 0) break;
    const { settled, skipped } = await settleBatch(batch, now, concurrency, rules, settledFen);
    outcome.settled += settled;
    outcome.skipped += skipped;
    cursor = batch[batch.length - 1];
    msPerCommission = Math.max(msPerCommission, (performance.now() - batchStarted) / batch.length);
    if (batch.length < size) break;
  }
  await db()
    .collection(COLLECTIONS.jobs)
    .doc(SETTLEMENT_JOB_ID)
    .set({
      data: {
        lastRunAt: now,
        lastRunSettled: outcome.settled,
        lastRunSkipped: outcome.skipped,
        lastRunRemaining: outcome.remaining,
        // Everything due up to here has been through settlement (settled, or held by an open after-sale): orders
        // received before it may complete. Absent while a backlog remains, so completion waits for settlement.
        ...(outcome.remaining ? {} : { settledThrough: now }),
      },
    });
  await notifySettled(settledFen, concurrency);
  return outcome;
}

/** One message per distributor for the whole run, sent after every write of it; `notifyCommissionSettled` never throws. */
async function notifySettled(settledFen: Map<string, Fen>, concurrency: number): Promise<void> {
  const sends = [...settledFen]
    .filter(([, amount]) => amount > 0)
    .map(
      ([beneficiaryId, amount]) =>
        () =>
          notifyCommissionSettled(beneficiaryId, amount),
    );
  await runPooled(sends, concurrency);
}

/** What one query may return on the platform. */
const PAGE = 1000;

/**
 * Due commissions in (settleAt, _id) order after `cursor`, read a page at a time. Within a run the cursor steps
 * over the ones held back by an open after-sale; a new run starts from the beginning, which is where anything not
 * yet settled is.
 */
async function dueBatch(now: number, cursor: DueCommission | undefined, limit: number): Promise<DueCommission[]> {
  const batch: DueCommission[] = [];
  let after = cursor;
  while (batch.length < limit) {
    const page = await duePage(now, after, Math.min(PAGE, limit - batch.length));
    batch.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1];
  }
  return batch;
}

async function duePage(now: number, cursor: DueCommission | undefined, limit: number): Promise<DueCommission[]> {
  const _ = db().command;
  const due = { status: 'frozen', settleAt: _.lte(now) };
  const after =
    cursor && _.or([{ settleAt: _.gt(cursor.settleAt) }, { settleAt: cursor.settleAt, _id: _.gt(cursor._id) }]);
  return listDocs<DueCommission>(
    db()
      .collection(COLLECTIONS.commissions)
      .where(after ? _.and([due, after]) : due)
      .orderBy('settleAt', 'asc')
      .orderBy('_id', 'asc')
      .field({ _id: true, orderId: true, beneficiaryId: true, settleAt: true })
      .limit(limit),
  );
}

async function settleBatch(
  batch: DueCommission[],
  now: number,
  concurrency: number,
  rulesCache: Map<number, Promise<DistributionRules>>,
  settledFen: Map<string, Fen>,
): Promise<{ settled: number; skipped: number }> {
  const [guards, frozen] = await Promise.all([
    guardsPerOrder([...new Set(batch.map((c) => c.orderId))], now, rulesCache),
    frozenAmong([...new Set(batch.map((c) => c.beneficiaryId))]),
  ]);
  const perBeneficiary = new Map<string, string[]>();
  let skipped = 0;
  for (const commission of batch) {
    // A frozen beneficiary's commissions stay frozen; the first run after the unfreeze settles them.
    if (frozen.has(commission.beneficiaryId)) {
      skipped++;
      continue;
    }
    const orderGuards = guards.get(commission.orderId);
    if (!orderGuards || !transition(commissionMachine, 'frozen', 'settle', orderGuards).ok) {
      skipped++;
      continue;
    }
    const ids = perBeneficiary.get(commission.beneficiaryId) ?? [];
    ids.push(commission._id);
    perBeneficiary.set(commission.beneficiaryId, ids);
  }
  // One queue per commission-figures shard, run one transaction at a time: transactions running side by side never
  // write the same shard's counters (nor the same balance), so they do not conflict and retry.
  const queues = new Map<string, Array<() => Promise<number>>>();
  for (const [beneficiaryId, ids] of perBeneficiary) {
    const queue = queues.get(commissionShard(beneficiaryId)) ?? [];
    queues.set(commissionShard(beneficiaryId), queue);
    for (let i = 0; i < ids.length; i += MAX_PER_TRANSACTION) {
      const chunk = ids.slice(i, i + MAX_PER_TRANSACTION);
      queue.push(async () => {
        const { count, amountFen } = await settleForBeneficiary(beneficiaryId, chunk, guards, now);
        // Counted after the transaction committed: a retried transaction callback never counts twice.
        settledFen.set(beneficiaryId, addFen(settledFen.get(beneficiaryId) ?? ZERO_FEN, amountFen));
        return count;
      });
    }
  }
  const perShard = [...queues.values()].map((queue) => async () => {
    const counts: number[] = [];
    for (const settle of queue) counts.push(await settle());
    return counts;
  });
  const counts = (await runPooled(perShard, concurrency)).flat();
  const settled = counts.reduce((sum, count) => sum + Math.max(count, 0), 0);
  // A freeze that landed between the read above and a transaction: those commissions were held, not settled.
  skipped += counts.reduce((sum, count) => sum - Math.min(count, 0), 0);
  return { settled, skipped };
}

async function guardsPerOrder(
  orderIds: string[],
  now: number,
  rulesCache: Map<number, Promise<DistributionRules>>,
): Promise<Map<string, GuardContext>> {
  const chunks: string[][] = [];
  for (let i = 0; i < orderIds.length; i += PAGE) chunks.push(orderIds.slice(i, i + PAGE));
  const [orders, afterSales] = await Promise.all([
    docsByIds<OrderDoc>(COLLECTIONS.orders, orderIds),
    Promise.all(chunks.map((ids) => afterSaleDocsOfOrders(ids))).then((pages) => pages.flat()),
  ]);
  const guards = new Map<string, GuardContext>();
  for (const order of orders) {
    let rules = rulesCache.get(order.ruleVersion);
    if (!rules) rulesCache.set(order.ruleVersion, (rules = rulesOfVersion(order.ruleVersion)));
    const summaries = afterSales.filter((a) => a.orderId === order._id).map(afterSaleSummary);
    guards.set(order._id, settlementGuards(orderForAfterSales(order), summaries, await rules, now));
  }
  return guards;
}

/**
 * Settles what is still frozen among `ids` (all of one beneficiary) in one transaction; returns how many (and the fen
 * moved to available), or minus how many were held because the beneficiary was frozen meanwhile (read inside the
 * transaction, so a freeze that commits first always holds).
 */
async function settleForBeneficiary(
  beneficiaryId: string,
  ids: string[],
  guards: Map<string, GuardContext>,
  now: number,
): Promise<{ count: number; amountFen: Fen }> {
  return inTransaction(async (tx) => {
    const docs = await Promise.all(ids.map((id) => txGet<CommissionDoc>(tx, COLLECTIONS.commissions, id)));
    const frozen = docs.filter((doc): doc is CommissionDoc => doc?.status === 'frozen');
    if (frozen.length === 0) return { count: 0, amountFen: ZERO_FEN };
    const beneficiary = await txGet<DistributorDoc>(tx, COLLECTIONS.distributors, beneficiaryId);
    if (beneficiary?.freeze) return { count: -frozen.length, amountFen: ZERO_FEN };
    const balance = await loadBalance(tx, beneficiaryId);
    const entries: LedgerEntry[] = [];
    let running = balancesOf(balance);
    for (const doc of frozen) {
      const settled = settleCommission({
        record: commissionRecordOf(doc),
        reversedFen: doc.reversedFen as Fen,
        balances: running,
        at: now,
      });
      running = applyEntries(running, settled);
      entries.push(...settled);
    }
    await postEntries(tx, beneficiaryId, balance, entries, now);
    await Promise.all(
      frozen.map((doc) => {
        const status = unwrap(transition(commissionMachine, doc.status, 'settle', guards.get(doc.orderId)));
        return tx
          .collection(COLLECTIONS.commissions)
          .doc(doc._id)
          .update({ data: { status, settledAt: now } });
      }),
    );
    const amountFen = entries
      .filter((entry) => entry.kind === 'commission.settle')
      .reduce((sum, entry) => addFen(sum, entry.amountFen), ZERO_FEN);
    // Behind the frozen → settled guard above: a run that finds them settled already counts nothing again.
    await recordSettled(tx, { beneficiaryId, settledFen: amountFen, settledAt: now }, now);
    return { count: frozen.length, amountFen };
  });
}

async function runPooled<T>(work: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(work.length);
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const index = next++;
      results[index] = await (work[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, worker));
  return results;
}
