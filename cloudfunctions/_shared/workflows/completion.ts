/**
 * Completion of received orders whose after-sales window has closed, for the hourly timer. Only orders that
 * settlement has already been through are tried (`settledThrough` of its job record): before that their
 * commissions are still frozen and completing would fail after reading them, as every hour's retry would again.
 * Orders are walked by keyset on (settleAt, _id) through the `status_settle` index, several at a time.
 */
import { DomainError } from '../../../core/src/errors';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { OrderDoc } from '../store/orders';
import { completeOrder } from './fulfilment';
import { SETTLEMENT_JOB_ID } from './settlement';

const PAGE = 200;
/** Orders completed at the same time: each is its own small transaction on its own document. */
const CONCURRENCY = 8;

export interface CompletionOutcome {
  done: number;
  remaining: boolean;
}

/** Up to when settlement has handled every due commission; 0 when it has never finished a run. */
export async function settledThrough(): Promise<number> {
  const job = await getDoc<{ settledThrough?: number }>(COLLECTIONS.jobs, SETTLEMENT_JOB_ID);
  return job?.settledThrough ?? 0;
}

type Due = Pick<OrderDoc, '_id' | 'settleAt'>;

export async function completeSettledOrders(now: number, budgetMs: number): Promise<CompletionOutcome> {
  const started = performance.now();
  const cutoff = Math.min(now, await settledThrough());
  const _ = db().command;
  let done = 0;
  let cursor: Due | undefined;
  for (;;) {
    const due = { status: 'received', settleAt: _.lte(cutoff) };
    const after =
      cursor && _.or([{ settleAt: _.gt(cursor.settleAt) }, { settleAt: cursor.settleAt, _id: _.gt(cursor._id) }]);
    const page = await listDocs<Due>(
      db()
        .collection(COLLECTIONS.orders)
        .where(after ? _.and([due, after]) : due)
        .orderBy('settleAt', 'asc')
        .orderBy('_id', 'asc')
        .field({ _id: true, settleAt: true })
        .limit(PAGE),
    );
    for (let i = 0; i < page.length; i += CONCURRENCY) {
      if (performance.now() - started > budgetMs) return { done, remaining: true };
      const results = await Promise.all(page.slice(i, i + CONCURRENCY).map(({ _id }) => tryComplete(_id, now)));
      done += results.filter(Boolean).length;
    }
    if (page.length < PAGE) return { done, remaining: false };
    cursor = page[page.length - 1];
  }
}

/** An order held by an open after-sale or a commission still frozen stays received; it is tried next hour. */
async function tryComplete(orderId: string, now: number): Promise<boolean> {
  try {
    await completeOrder(orderId, now);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'ILLEGAL_TRANSITION') return false;
    throw error;
  }
}
