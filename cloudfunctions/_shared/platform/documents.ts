/** Typed single-document reads, inside or outside a transaction (a missing document is `null`, not an error). */
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

/** How many documents a where-update or doc-update changed (conditional updates read this). */
export function updatedCount(result: unknown): number {
  return (result as { stats?: { updated?: number } }).stats?.updated ?? 0;
}
