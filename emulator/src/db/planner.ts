/**
 * Chooses how a query reads the newest documents: the declared index whose leading keys the filter pins by equality
 * on the longest prefix (then one range on the next key), walked in the order the query asks for when the index
 * can give it, so that sort and limit need no full candidate set.
 */
import { isPlainObject, type Doc } from './ejson';
import type { Bound, IndexEntry, KeyRange, OrderedKey, SecondaryIndex } from './indexes';
import { isIndexableScalar } from './keys';
import { compareValues, distinctValues, typeRank } from './order';
import { conjuncts, equalityValues } from './query';
import type { Collection } from './store';
import { naturalOrder, type Walk } from './walk';

/**
 * More `$in` combinations than this on later keys read the index less selectively instead of walking that many
 * stretches. The first key takes any number of values: one stretch per value is still far cheaper than a scan.
 */
const MAX_PREFIXES = 64;

export interface Plan {
  walk: Walk;
  /** The walk yields documents in the requested order (natural order when none was requested). */
  ordered: boolean;
  /** Every document the walk yields matches the whole filter, so nothing needs re-checking. */
  exact: boolean;
}

interface FieldTerms {
  values?: unknown[];
  range?: KeyRange;
}

/** `order` as decoded from the wire; `anyOrder` when the caller doesn't care (counting). */
export function planQuery(
  collection: Collection,
  filter: Doc,
  order: Doc | undefined,
  anyOrder = false,
): Plan | undefined {
  const terms = termsOf(filter);
  if (terms.size === 0 && (anyOrder || !order || Object.keys(order).length === 0)) return undefined;
  let best: { plan: Omit<Plan, 'exact'>; score: number } | undefined;
  for (const index of collection.indexes) {
    const candidate = planFor(collection, index, terms, anyOrder ? undefined : order, anyOrder);
    if (!candidate) continue;
    if (!best || candidate.score > best.score) best = candidate;
  }
  if (!best) return undefined;
  const { walk } = best.plan;
  const pinnedKeys = walk.index.keys.slice(0, walk.prefixes[0]?.length ?? 0);
  // A range is exact on the key after the prefix only while no document holds an array or a subdocument there:
  // on an array MongoDB lets each bound match a different element, where the index holds one element per entry.
  const rangeField =
    walk.range && walk.index.sortsLikeMingo(pinnedKeys.length) ? walk.index.keys[pinnedKeys.length]?.field : undefined;
  return {
    ...best.plan,
    exact: (!walk.range || rangeField !== undefined) && conditionsWithin(filter, pinnedKeys, rangeField),
  };
}

function planFor(
  collection: Collection,
  index: SecondaryIndex,
  terms: Map<string, FieldTerms>,
  order: Doc | undefined,
  anyOrder: boolean,
) {
  const { keys } = index;
  let prefixes: unknown[][] = [[]];
  let depth = 0;
  for (; depth < keys.length; depth++) {
    const values = terms.get((keys[depth] as OrderedKey).field)?.values;
    if (!values || (depth > 0 && prefixes.length * values.length > MAX_PREFIXES)) break;
    prefixes = prefixes.flatMap((prefix) => values.map((value) => [...prefix, value]));
  }
  const range =
    depth < keys.length
      ? oneSidedOverArrays(index, depth, terms.get((keys[depth] as OrderedKey).field)?.range)
      : undefined;
  const fit = orderFit(collection, index, depth, order);
  const walk: Walk = { index, prefixes, range, ...fit.walk, tiebreak: anyOrder ? undefined : fit.walk.tiebreak };
  const plan = { walk, ordered: anyOrder || fit.ordered };
  // Without equality or a range the index only helps by giving the order.
  if (depth === 0 && !range && !(fit.ordered && fit.walk.orderDepth > 0)) return undefined;
  // The longest equality prefix wins, then a range, then giving the order.
  return { plan, score: depth * 4 + (range ? 2 : 0) + (fit.ordered ? 1 : 0) };
}

/**
 * On an array MongoDB lets each bound of a range match a different element (`[1, 2]` matches `{$gt: 1, $lt: 2}`),
 * where an index entry holds one element: while some document holds an array (or a subdocument) at the key, the walk
 * is bounded by one side only, as MongoDB bounds a multikey index, and the re-check applies the other.
 */
function oneSidedOverArrays(index: SecondaryIndex, depth: number, range: KeyRange | undefined): KeyRange | undefined {
  if (!range || index.sortsLikeMingo(depth) || !range.lower || !range.upper) return range;
  return { rank: range.rank, lower: range.lower };
}

/**
 * A filter made only of equalities to strings, booleans or finite numbers on fields that the walk's prefix pins, and
 * at most a plain range on `rangeField` (the walk's range key): the index compares those values exactly as the walk's
 * candidates would be re-checked (an array field matches by element either way; a dotted path fans out across arrays
 * of subdocuments as `valuesAtPath` collects it). A numeric segment (`a.0`) can mean an element or a field, so such
 * paths are re-checked.
 */
function conditionsWithin(filter: Doc, prefixKeys: readonly OrderedKey[], rangeField: string | undefined): boolean {
  // The SDK sends `{at: _.gte(a).and(_.lt(b))}` as an `$and` of one-operator conditions: their operators add up.
  const rangeOperators: Doc = {};
  for (const conjunct of conjuncts(filter)) {
    for (const field in conjunct) {
      const value = conjunct[field];
      if (field === '$and' && Array.isArray(value) && value.every(isPlainObject)) continue;
      if (/(^|\.)\d+(\.|$)/.test(field)) return false;
      if (field === rangeField && isPlainObject(value)) {
        for (const operator in value) {
          if (operator in rangeOperators) return false;
          rangeOperators[operator] = value[operator];
        }
        continue;
      }
      const exactValue =
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!exactValue || !prefixKeys.some((key) => key.field === field)) return false;
    }
  }
  return rangeField === undefined || isPlainRange(rangeOperators);
}

/**
 * `{$gt|$gte: a, $lt|$lte: b}` (either side optional, one operator per side) over finite numbers, strings or Dates
 * of one type: exactly the stretch `rangeOf` bounds the walk by, nothing it would leave to the re-check.
 */
function isPlainRange(condition: unknown): boolean {
  if (!isPlainObject(condition)) return false;
  const operators = Object.keys(condition);
  const lower = operators.filter((op) => op === '$gt' || op === '$gte');
  const upper = operators.filter((op) => op === '$lt' || op === '$lte');
  if (operators.length === 0 || lower.length > 1 || upper.length > 1) return false;
  if (lower.length + upper.length !== operators.length) return false;
  const bounds = operators.map((op) => condition[op]);
  const plain = (value: unknown) =>
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (value instanceof Date && Number.isFinite(value.getTime()));
  return bounds.every(plain) && new Set(bounds.map(typeRank)).size === 1;
}

/**
 * How far the requested order follows the index after the equality prefix: the order's fields must be the next
 * index keys, all in index direction or all reversed, optionally ending with `_id`, which breaks ties.
 */
function orderFit(collection: Collection, index: SecondaryIndex, depth: number, order: Doc | undefined) {
  const fields = Object.entries(order ?? {}).map(([field, direction]) => ({
    field,
    direction: direction === -1 ? -1 : 1,
  }));
  const unordered = { ordered: false, walk: { orderDepth: depth, direction: 1 as const, tiebreak: naturalOrder } };
  let tiebreak = naturalOrder;
  const last = fields[fields.length - 1];
  // `_id` last breaks ties, unless it is the index's own next key (the `_id_` index): then the index gives it.
  const idIsKey = index.keys[depth + fields.length - 1]?.field === '_id';
  if (last?.field === '_id' && !idIsKey) {
    fields.pop();
    const latestId = (entry: IndexEntry) => collection.latest(entry.id)?._id;
    tiebreak = (a, b) => last.direction * compareValues(latestId(a), latestId(b));
  }
  if (depth + fields.length > index.keys.length) return unordered;
  let direction: 1 | -1 | undefined;
  for (const [j, { field, direction: wanted }] of fields.entries()) {
    const key = index.keys[depth + j] as OrderedKey;
    const along = wanted === key.direction ? 1 : -1;
    if (key.field !== field || !index.sortsLikeMingo(depth + j) || (direction && along !== direction)) return unordered;
    direction = along;
  }
  return { ordered: true, walk: { orderDepth: depth + fields.length, direction: direction ?? 1, tiebreak } };
}

/**
 * Per top-level field, an equality and the tightest range that must hold. A `$or` whose every branch bounds a field
 * bounds it too (a keyset cursor such as `{$or: [{at: {$gt: c}}, {at: c, _id: {$gt: id}}]}` gives `at >= c`).
 */
function termsOf(filter: Doc): Map<string, FieldTerms> {
  const terms = new Map<string, FieldTerms>();
  const add = (field: string, values: unknown[] | undefined, range: KeyRange | undefined) => {
    const known = terms.get(field) ?? {};
    terms.set(field, { values: known.values ?? values, range: intersect(known.range, range) });
  };
  for (const conjunct of conjuncts(filter)) {
    for (const [field, condition] of Object.entries(conjunct)) {
      if (field === '$or' && Array.isArray(condition)) {
        for (const [orField, range] of disjunctionRanges(condition)) add(orField, undefined, range);
        continue;
      }
      if (field.startsWith('$')) continue;
      const values = equalityValues(condition);
      if (values) add(field, distinctValues(values), undefined);
      else add(field, undefined, rangeOf(condition));
    }
  }
  return terms;
}

/** Fields every branch constrains to one type, with the loosest bounds of the branches. */
function disjunctionRanges(branches: unknown[]): Map<string, KeyRange> {
  const perBranch = branches.map((branch) => (isPlainObject(branch) ? termsOf(branch) : new Map<string, FieldTerms>()));
  const ranges = new Map<string, KeyRange>();
  for (const field of perBranch[0]?.keys() ?? []) {
    let union: KeyRange | undefined;
    for (const [i, terms] of perBranch.entries()) {
      const range = asRange(terms.get(field));
      union = range && (i === 0 ? range : union && loosest(union, range));
      if (!union) break;
    }
    if (union) ranges.set(field, union);
  }
  return ranges;
}

function asRange(terms: FieldTerms | undefined): KeyRange | undefined {
  const values = terms?.values;
  if (!values) return terms?.range;
  // distinctValues sorts by type first: equal end types mean a single type.
  const [first, last] = [values[0], values[values.length - 1]];
  if (values.length === 0 || typeRank(first) !== typeRank(last)) return undefined;
  return { rank: typeRank(first), lower: { value: first, inclusive: true }, upper: { value: last, inclusive: true } };
}

function intersect(a: KeyRange | undefined, b: KeyRange | undefined): KeyRange | undefined {
  if (!a || !b || a.rank !== b.rank) return a ?? b;
  return { rank: a.rank, lower: pick(a.lower, b.lower, 1, true), upper: pick(a.upper, b.upper, -1, true) };
}

function loosest(a: KeyRange, b: KeyRange): KeyRange | undefined {
  if (a.rank !== b.rank) return undefined;
  return {
    rank: a.rank,
    lower: a.lower && b.lower && pick(a.lower, b.lower, 1, false),
    upper: a.upper && b.upper && pick(a.upper, b.upper, -1, false),
  };
}

/** The tighter (or looser) of two bounds on one side: `side` 1 for lower bounds, -1 for upper ones. */
function pick(x: Bound | undefined, y: Bound | undefined, side: 1 | -1, tighter: boolean): Bound | undefined {
  if (!x || !y) return x ?? y;
  const order = compareValues(x.value, y.value) * side;
  const xTighter = order > 0 || (order === 0 && !x.inclusive);
  return xTighter === tighter ? x : y;
}

/** A `$gt`/`$gte` and `$lt`/`$lte` of one type; any one bound of a conjunction is a safe over-approximation. */
function rangeOf(condition: unknown): KeyRange | undefined {
  if (!isPlainObject(condition)) return undefined;
  const bound = (operator: string) =>
    operator in condition && isIndexableScalar(condition[operator])
      ? { value: condition[operator], inclusive: operator === '$gte' || operator === '$lte' }
      : undefined;
  const lower = bound('$gte') ?? bound('$gt');
  const upper = bound('$lte') ?? bound('$lt');
  const anchor = lower ?? upper;
  if (!anchor) return undefined;
  const rank = typeRank(anchor.value);
  return { rank, lower, upper: upper && typeRank(upper.value) === rank ? upper : undefined };
}
