/**
 * Typed reads for the admin screens. The SDK returns at most 1000 documents per `get()` and 20 per aggregation
 * without `$limit`, so lists are paged, exports walk every page, and pipelines always end with a limit.
 */
import { z } from 'zod';
import { DomainError } from '../../core/src/errors';
import { db } from '../_shared/platform/cloud';
import { listDocs } from '../_shared/platform/documents';

export const MAX_PER_GET = 1000;

type Query = ReturnType<ReturnType<typeof db>['collection']>;
type Filtered = ReturnType<Query['where']>;
type Aggregate = ReturnType<Query['aggregate']>;
type Readable = Query | Filtered;

export async function countOf(query: Readable): Promise<number> {
  const { total } = (await query.count()) as { total: number };
  return total;
}

export async function aggregateList<T>(pipeline: Aggregate): Promise<T[]> {
  const { list } = (await pipeline.end()) as { list: T[] };
  return list;
}

/** Orders that count as sales: paid, and not cancelled (a payment after cancellation is refunded). */
export const SOLD_ORDER_STATES = ['paid', 'shipped', 'received', 'completed'];

/** `page` and `pageSize` as they arrive in a query string. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export async function pageOf<T>(
  collection: string,
  filter: object,
  order: { field: string; direction: 'asc' | 'desc' },
  { page, pageSize }: { page: number; pageSize: number },
): Promise<Page<T>> {
  const where = db().collection(collection).where(filter);
  const [items, total] = await Promise.all([
    listDocs<T>(
      where
        .orderBy(order.field, order.direction)
        .skip((page - 1) * pageSize)
        .limit(pageSize),
    ),
    countOf(where),
  ]);
  return { items, total, page, pageSize };
}

/**
 * Every matching document, walking pages in `_id` order. `limit` bounds what one request may pull so that an
 * export cannot run the function out of time or memory; the caller says what happens beyond it.
 */
export async function allMatching<T>(collection: string, filter: object, limit: number): Promise<T[]> {
  const found: T[] = [];
  while (found.length < limit) {
    const batch = await listDocs<T>(
      db()
        .collection(collection)
        .where(filter)
        .orderBy('_id', 'asc')
        .skip(found.length)
        .limit(Math.min(MAX_PER_GET, limit - found.length)),
    );
    found.push(...batch);
    if (batch.length < MAX_PER_GET) break;
  }
  return found;
}

/** A case-insensitive "contains" condition for a search box, with the typed text taken literally. */
export function containsText(text: string): unknown {
  return db().RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
}

/** `createdAt` in [from, to): either bound may be open. */
export function createdWithin({ from, to }: { from?: number; to?: number }): Record<string, unknown> {
  const _ = db().command;
  if (from !== undefined && to !== undefined) return { createdAt: _.gte(from).and(_.lt(to)) };
  if (from !== undefined) return { createdAt: _.gte(from) };
  if (to !== undefined) return { createdAt: _.lt(to) };
  return {};
}

/** An export is one function call (20 s): past this many rows the operator narrows the range instead. */
export const EXPORT_LIMIT = 20_000;

/** Every document an export covers, oldest first; too many is refused up front rather than cut short. */
export async function exportRows<T extends { createdAt: number }>(collection: string, filter: object): Promise<T[]> {
  const total = await countOf(db().collection(collection).where(filter));
  if (total > EXPORT_LIMIT) {
    throw new DomainError(
      'INVALID_INPUT',
      { total, limit: EXPORT_LIMIT },
      `共 ${total} 条记录，超过单次导出上限 ${EXPORT_LIMIT} 条，请缩小时间范围`,
    );
  }
  const rows = await allMatching<T>(collection, filter, EXPORT_LIMIT);
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}
