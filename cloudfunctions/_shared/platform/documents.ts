/**
 * Typed document reads: one by id inside or outside a transaction (a missing document is `null`, not an error), a
 * list by ids, a built query.
 */
import { db } from './cloud';
import type { Transaction } from './transactions';

export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const { data } = (await db().collection(collection).doc(id).get()) as { data?: unknown };
  return (data ?? null) as T | null;
}

export async function txGet<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  const { data } = await tx.collection(collection).doc(id).get();
  return (data ?? null) as T | null;
}

/** A document body for `set`/`add`: the SDK refuses `_id` inside `set` data, so it travels separately. */
export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** Runs a built query (`db().collection(c).where(...)...`) and types its documents. */
export async function listDocs<T>(query: { get(): unknown }): Promise<T[]> {
  const { data } = (await query.get()) as { data: T[] };
  return data;
}

/** What one query may return on the platform: a list of ids is read this many at a time. */
const IDS_PER_GET = 1000;

/**
 * The documents with these ids, in no particular order (absent ones are simply missing), optionally projected to
 * `fields`: one read per 1,000 ids.
 */
export async function docsByIds<T>(
  collection: string,
  ids: readonly string[],
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const _ = db().command;
  const reads: Promise<T[]>[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_GET) {
    const chunk = ids.slice(i, i + IDS_PER_GET);
    const query = db()
      .collection(collection)
      .where({ _id: _.in(chunk) })
      .limit(chunk.length);
    reads.push(listDocs<T>(fields ? query.field(fields) : query));
  }
  return (await Promise.all(reads)).flat();
}

/** How many documents a where-update or doc-update changed (conditional updates read this). */
export function updatedCount(result: unknown): number {
  return (result as { stats?: { updated?: number } }).stats?.updated ?? 0;
}
