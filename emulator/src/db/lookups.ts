/**
 * A `$lookup` whose sub-pipeline opens with a `$match` that uses no variables (no `$expr`) joins the same foreign
 * documents to every input document. That `$match` then runs once, through the query planner and its indexes, and
 * mingo joins only what it found, instead of a copy of the whole foreign collection per aggregation: a checkout that
 * looks up one order by `_id` must not cost a scan of every order.
 */
import type { Doc } from './ejson';
import { needsExpressions } from './mingo';

export interface NarrowedLookups {
  stages: Doc[];
  /** The foreign documents of a narrowed `$lookup` (by its rewritten `from`), undefined for a real collection. */
  narrowed(from: string): Doc[] | undefined;
}

export function narrowConstantLookups(
  stages: Doc[],
  find: (collection: string, filter: Doc) => Doc[],
): NarrowedLookups {
  const found = new Map<string, Doc[]>();
  const rewritten = stages.map((stage, index) => {
    const lookup = stage.$lookup as Doc | undefined;
    if (!lookup || typeof lookup.from !== 'string' || !Array.isArray(lookup.pipeline)) return stage;
    const [first, ...rest] = lookup.pipeline as Doc[];
    const match = first && Object.keys(first).length === 1 ? (first.$match as Doc | undefined) : undefined;
    if (!match || needsExpressions(match)) return stage;
    // NUL cannot occur in a collection name, so the alias never shadows a real collection.
    const alias = `\u0000${index}:${lookup.from}`;
    found.set(alias, find(lookup.from, match));
    return { $lookup: { ...lookup, from: alias, pipeline: rest } };
  });
  return { stages: rewritten, narrowed: (from) => found.get(from) };
}
