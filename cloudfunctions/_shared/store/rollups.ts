/**
 * `figures`: the daily rollups, counters per China day for the shop, per product and per distributor (and each
 * distributor's all-time totals), so the dashboard and the distributors list read O(days + page) documents whatever
 * the history.
 *
 * They move in the same transaction as the facts they count (`recordPaid` in the payment's, `recordRefund` in the
 * refund's): the fact's own status guard (unpaid → paid, approved → refunded) is what makes a redelivered callback
 * change nothing, and the same guard covers the counters, so they can neither miss a fact nor count one twice.
 * Document ids are deterministic (`shop:2026-12-03`, `product:2026-12-03:<id>`, `distributor:2026-12-03:<openid>`,
 * `distributor:all:<openid>`, see `figureId`). What each fact adds is the core's (`core/src/figures.ts`).
 *
 * Commission by state (`commission:<date>:<shard>`, `commission:all:<shard>`: settled, clawed back and paid out per
 * day, frozen right now all time) moves the same way: in the payment's and the refund's transactions, in each
 * settlement transaction after its frozen → settled guard (`recordSettled`), and in the payout's after its
 * approved → paid guard (`recordPaidOut`). A redelivered settlement or payout finds the status moved and writes
 * nothing, counters included. `npm run figures:rebuild` recomputes every document from the facts.
 */
import { chinaDate, chinaDayStart, DAY_MS, type DistributorFunnel } from '../../../contract/src';
import {
  figureId,
  funnelOf,
  COMMISSION_SHARD_SUBJECTS,
  paymentBumps,
  payoutBumps,
  placedBumps,
  refundBumps,
  settlementBumps,
  summariseCommissionStates,
  type CommissionStates,
  type FigureBump,
  type FigureKind,
  type PaidOrderFacts,
  type RefundFacts,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { docsByIds, listDocs, txGet, updatedCount } from '../platform/documents';
import { isDuplicateKey, type Transaction } from '../platform/transactions';
import { COLLECTIONS } from './collections';
import type { OrderDoc } from './orders';

export interface FigureDoc {
  _id: string;
  kind: FigureKind;
  date: string | null;
  subject: string | null;
  label?: string;
  updatedAt: number;
  [counter: string]: unknown;
}

function incrementsOf(bump: FigureBump) {
  const _ = db().command;
  return Object.fromEntries(Object.entries(bump.add).map(([field, amount]) => [field, _.inc(amount)]));
}

function freshDoc(bump: FigureBump, now: number): Omit<FigureDoc, '_id'> {
  return {
    kind: bump.key.kind,
    date: bump.key.date,
    subject: bump.key.subject,
    ...(bump.label === undefined ? {} : { label: bump.label }),
    ...bump.add,
    updatedAt: now,
  };
}

async function applyInTransaction(tx: Transaction, bumps: FigureBump[], now: number): Promise<void> {
  for (const bump of bumps) {
    const id = figureId(bump.key);
    const ref = tx.collection(COLLECTIONS.figures).doc(id);
    if (await txGet<FigureDoc>(tx, COLLECTIONS.figures, id)) {
      const label = bump.label === undefined ? {} : { label: bump.label };
      await ref.update({ data: { ...incrementsOf(bump), ...label, updatedAt: now } });
    } else {
      await ref.set({ data: freshDoc(bump, now) });
    }
  }
}

export { paidOrderFacts, refundFacts } from './figure-facts';

/** In the payment's transaction, after its unpaid → paid guard: the payment, its lines and its commissions. */
export async function recordPaid(tx: Transaction, facts: PaidOrderFacts, now: number): Promise<void> {
  await applyInTransaction(tx, paymentBumps(facts), now);
}

/** In the refund's transaction, after its approved → refunded guard: the refund and the commission it reversed. */
export async function recordRefund(tx: Transaction, facts: RefundFacts, now: number): Promise<void> {
  await applyInTransaction(tx, refundBumps(facts), now);
}

/** In a settlement transaction, after its frozen → settled guard: what moved from frozen to available. */
export async function recordSettled(
  tx: Transaction,
  settled: { beneficiaryId: string; settledFen: number; settledAt: number },
  now: number,
): Promise<void> {
  await applyInTransaction(tx, settlementBumps(settled), now);
}

/** In the payout's transaction, after its approved → paid guard: the withdrawal's gross amount. */
export async function recordPaidOut(
  tx: Transaction,
  paid: { openid: string; amountFen: number; paidAt: number },
  now: number,
): Promise<void> {
  await applyInTransaction(tx, payoutBumps(paid), now);
}

/**
 * An order placed (conversion's denominator). Called once, right after the order's first insert (a retried
 * request finds the order and does not get here); not transactional with the insert, so a function that dies
 * between the two under-counts one placement, never over-counts.
 */
export async function recordPlaced(order: OrderDoc, now: number): Promise<void> {
  const bumps = placedBumps(
    order.createdAt,
    order.lines.map((line) => line.productId),
    order.snapshot.beneficiaries[0] ?? null,
  );
  await incrementOutsideTransaction(bumps, now);
}

/**
 * Counters moved one atomic increment at a time, without a transaction (an order placed, a shopper's behaviour):
 * for facts whose own guard already ran (the order's first insert, the shopper's seen-this-minute record), where
 * a hot counter must not make callers queue behind one another. A crash in between under-counts, never doubles.
 */
export async function incrementOutsideTransaction(bumps: FigureBump[], now: number): Promise<void> {
  const collection = db().collection(COLLECTIONS.figures);
  for (const bump of bumps) {
    const id = figureId(bump.key);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (updatedCount(await collection.doc(id).update({ data: { ...incrementsOf(bump), updatedAt: now } })) > 0) {
        break;
      }
      try {
        await collection.add({ data: { _id: id, ...freshDoc(bump, now) } });
        break;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // created meanwhile: increment it on the next turn
      }
    }
  }
}

/** Every counter document of a kind on the China days [fromDate, toDate] (inclusive, `YYYY-MM-DD`). */
export async function figuresBetween(kind: FigureKind, fromDate: string, toDate: string): Promise<FigureDoc[]> {
  const _ = db().command;
  const all: FigureDoc[] = [];
  const PAGE = 1000;
  for (let skip = 0; ; skip += PAGE) {
    const page = await listDocs<FigureDoc>(
      db()
        .collection(COLLECTIONS.figures)
        .where({ kind, date: _.gte(fromDate).and(_.lte(toDate)) })
        .orderBy('date', 'asc')
        .orderBy('subject', 'asc')
        .skip(skip)
        .limit(PAGE),
    );
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

/**
 * Each day's distributors with the highest direct net sales (index kind, date, directNetFen desc): `limit` per day,
 * one indexed read each, whatever the number of distributors who sold that day.
 */
export async function dailyDistributorLeaders(dates: readonly string[], limit: number): Promise<FigureDoc[][]> {
  return Promise.all(
    dates.map((date) =>
      listDocs<FigureDoc>(
        db()
          .collection(COLLECTIONS.figures)
          .where({ kind: 'distributor', date })
          .orderBy('directNetFen', 'desc')
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    ),
  );
}

/** Every day document of these distributors on these dates, read by id (absent days had no sale or commission). */
export async function distributorDays(openids: readonly string[], dates: readonly string[]): Promise<FigureDoc[]> {
  const ids = openids.flatMap((subject) => dates.map((date) => figureId({ kind: 'distributor', date, subject })));
  return docsByIds<FigureDoc>(COLLECTIONS.figures, ids);
}

/** All-time totals of these distributors (one document each, absent when they never sold or earned). */
export async function distributorTotals(openids: readonly string[]): Promise<Map<string, FigureDoc>> {
  const ids = openids.map((openid) => figureId({ kind: 'distributor', date: null, subject: openid }));
  const docs = await docsByIds<FigureDoc>(COLLECTIONS.figures, ids);
  return new Map(docs.map((doc) => [doc.subject as string, doc]));
}

/** One distributor's funnel over the last `days` China days: one document per day, read by id. */
export async function distributorFunnel(openid: string, days: number, now: number): Promise<DistributorFunnel> {
  const start = chinaDayStart(now) - (days - 1) * DAY_MS;
  const dates = Array.from({ length: days }, (_unused, index) => chinaDate(start + index * DAY_MS));
  const ids = dates.map((date) => figureId({ kind: 'distributor', date, subject: openid }));
  const docs = await listDocs<FigureDoc>(
    db()
      .collection(COLLECTIONS.figures)
      .where({ _id: db().command.in(ids) })
      .limit(ids.length),
  );
  return { days, from: dates[0] as string, to: dates[days - 1] as string, ...funnelOf(docs, 'distributor') };
}

/**
 * Commission by state for the dashboard: the range's daily commission documents (at most one per shard and day) and
 * the all-time ones read by id, whatever the number of commissions, balances and withdrawals.
 */
export async function commissionStatesBetween(fromDate: string, toDate: string): Promise<CommissionStates> {
  const ids = COMMISSION_SHARD_SUBJECTS.map((subject) => figureId({ kind: 'commission', date: null, subject }));
  const [days, allTime] = await Promise.all([
    figuresBetween('commission', fromDate, toDate),
    docsByIds<FigureDoc>(COLLECTIONS.figures, ids),
  ]);
  return summariseCommissionStates(days, allTime);
}
