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
 * Every matching document, walking pages by keyset on `_id` (each page one range read, however deep). `limit`
 * bounds what one request may pull so that a read cannot run the function out of time or memory; the caller says
 * what happens beyond it.
 */
export async function allMatching<T>(collection: string, filter: object, limit: number): Promise<T[]> {
  const _ = db().command;
  const found: T[] = [];
  let after: string | undefined;
  while (found.length < limit) {
    const batch = await listDocs<T & { _id: string }>(
      db()
        .collection(collection)
        .where(after === undefined ? filter : _.and([filter, { _id: _.gt(after) }]))
        .orderBy('_id', 'asc')
        .limit(Math.min(MAX_PER_GET, limit - found.length)),
    );
    found.push(...batch);
    if (batch.length < MAX_PER_GET) break;
    after = (batch[batch.length - 1] as { _id: string })._id;
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

/**
 * Every document a synchronous export covers, oldest first, walked by keyset on (createdAt, _id): each page
 * continues the index stretch where the last one ended, so the rows read equal the rows written (paging by `_id`
 * under a createdAt range made every page re-read the whole range). Large ranges belong to the export job
 * (exports.ts), which pages across calls and hands out a file; this one has no row cap but one call's time.
 */
export async function exportRows<T extends { _id: string; createdAt: number }>(
  collection: string,
  filter: object,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    // keysetPage reads one more than its limit to know whether more follow: a page stays one platform read.
    const page = await keysetPage<T>(collection, filter, OLDEST_FIRST, { cursor, limit: MAX_PER_GET - 1 });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}

// ---- keyset paging: every list sorted by an index, the next page found from where the last one ended (no skip)

/** `cursor` and `limit` as they arrive in a query string. */
export const keysetQuery = {
  cursor: z.string().trim().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export interface KeysetPage<T> {
  items: T[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

export interface KeysetOrder {
  /** A field the filter's index has right after its equality keys; `_id` breaks ties. */
  field: string;
  direction: 'asc' | 'desc';
}

/** The two orders the lists use most, by creation: the screens show the newest first, queues the oldest. */
export const NEWEST_FIRST: KeysetOrder = { field: 'createdAt', direction: 'desc' };
export const OLDEST_FIRST: KeysetOrder = { field: 'createdAt', direction: 'asc' };

type CursorKey = [string | number, string];

/** The last item's sort value and `_id`, as base64url JSON: opaque to the screen, checked when it comes back. */
export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    (typeof parsed[0] === 'string' || (typeof parsed[0] === 'number' && Number.isFinite(parsed[0]))) &&
    typeof parsed[1] === 'string';
  if (!valid) throw new DomainError('INVALID_INPUT', { field: 'cursor' }, '翻页位置无效，请从第一页重新查询');
  return parsed as CursorKey;
}

/** Documents after the cursor in (field, _id) order: a range the planner reads from the index. */
export function afterCursor(order: KeysetOrder, cursor: string | undefined): object | undefined {
  if (cursor === undefined) return undefined;
  const _ = db().command;
  const [value, id] = decodeCursor(cursor);
  const beyond = order.direction === 'desc' ? _.lt : _.gt;
  return _.or([{ [order.field]: beyond.call(_, value) }, { [order.field]: value, _id: beyond.call(_, id) }]);
}

/** One page of `filter` in (field, _id) order after `cursor`: reads limit + 1 documents, whatever the depth. */
export async function keysetPage<T extends { _id: string }>(
  collection: string,
  filter: object,
  order: KeysetOrder,
  { cursor, limit }: { cursor?: string; limit: number },
): Promise<KeysetPage<T>> {
  const _ = db().command;
  const after = afterCursor(order, cursor);
  const where = after ? _.and([filter, after]) : filter;
  const found = await listDocs<T>(
    db()
      .collection(collection)
      .where(where)
      .orderBy(order.field, order.direction)
      .orderBy('_id', order.direction)
      .limit(limit + 1),
  );
  return pageFrom(found, order, limit);
}

/** The first `limit` of `found` (sorted) and the cursor after the last of them when more follow. */
export function pageFrom<T extends { _id: string }>(found: T[], order: KeysetOrder, limit: number): KeysetPage<T> {
  const items = found.slice(0, limit);
  const last = items[items.length - 1] as Record<string, unknown> | undefined;
  const nextCursor =
    found.length > limit && last ? encodeCursor(last[order.field] as string | number, String(last._id)) : null;
  return { items, nextCursor };
}

// ---- one list, two pagings: keyset for the screens, page numbers for older callers

/**
 * `cursor`/`limit` (keyset: the screens) or `page`/`pageSize` (skip + total: older callers). A query with neither
 * gets the older shape, so nothing that called a list before breaks.
 */
export const listPagingQuery = {
  cursor: keysetQuery.cursor,
  limit: z.coerce.number().int().min(1).max(100).optional(),
  page: pagingQuery.page.optional(),
  pageSize: pagingQuery.pageSize.optional(),
};

export interface ListPaging {
  cursor?: string;
  limit?: number;
  page?: number;
  pageSize?: number;
}

/** A keyset page, or a numbered one with the cursor after it (a screen can switch to keyset from any page). */
export type ListPage<T> = (KeysetPage<T> & { total?: number }) | (Page<T> & { nextCursor: string | null });

/**
 * One page of `filter` in `order`, as the caller asked for it. `exactCount` says whether an index answers the
 * filter's count exactly (equalities only, or no filter: the collection's size); only then does a keyset answer
 * carry `total`, so that no page load walks more than the index entries the filter pins. A numbered page always
 * counts (older callers expect `total`).
 */
export async function listPage<T extends { _id: string }>(
  collection: string,
  filter: object,
  order: KeysetOrder,
  paging: ListPaging,
  { exactCount }: { exactCount: boolean },
): Promise<ListPage<T>> {
  if (paging.cursor !== undefined || paging.limit !== undefined) {
    const [page, total] = await Promise.all([
      keysetPage<T>(collection, filter, order, { cursor: paging.cursor, limit: paging.limit ?? 20 }),
      exactCount ? countOf(db().collection(collection).where(filter)) : undefined,
    ]);
    return total === undefined ? page : { ...page, total };
  }
  const page = paging.page ?? 1;
  const pageSize = paging.pageSize ?? 20;
  const where = db().collection(collection).where(filter);
  const [items, total] = await Promise.all([
    listDocs<T>(
      where
        .orderBy(order.field, order.direction)
        // Ties in keyset order, so the cursor after a numbered page continues exactly where it ends.
        .orderBy('_id', order.direction)
        .skip((page - 1) * pageSize)
        .limit(pageSize),
    ),
    countOf(where),
  ]);
  const last = items[items.length - 1] as Record<string, unknown> | undefined;
  const more = page * pageSize < total;
  const nextCursor = last && more ? encodeCursor(last[order.field] as string | number, String(last._id)) : null;
  return { items, total, page, pageSize, nextCursor };
}
