/**
 * The total order of index keys. For the values the shop stores (null/missing, numbers, strings, booleans, dates,
 * ObjectIds) it is the order mingo's $sort uses, so walking an index yields what a scan + sort would; anything else
 * (objects, arrays, regexes) only needs a consistent place, because such keys never serve an ordered walk.
 */
import { ObjectId } from 'bson';
import { encodeCanonical, isPlainObject } from './ejson';

/**
 * mingo's cross-type sort order (SORT_ORDER in mingo/util), with missing and null merged as its $sort merges them.
 * ObjectIds sort after every type mingo knows, and so do values of other classes.
 */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  switch (typeof value) {
    case 'number':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (value instanceof Date) return 10;
  if (value instanceof ObjectId) return 12;
  if (Array.isArray(value)) return 7;
  if (isPlainObject(value)) return 6;
  if (value instanceof RegExp) return 11;
  return 13;
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // NaN first, as MongoDB orders it, so the order stays total.
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
}

export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  const rank = typeRank(a);
  const other = typeRank(b);
  if (rank !== other) return rank < other ? -1 : 1;
  switch (rank) {
    case 2:
      return 0;
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case 12: {
      const [x, y] = [(a as ObjectId).toHexString(), (b as ObjectId).toHexString()];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default: {
      const [x, y] = [encodeCanonical(a), encodeCanonical(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

/** Whether mingo's $sort orders `value` exactly as compareValues does (arrays and documents it compares differently). */
export function sortsLikeMingo(value: unknown): boolean {
  const rank = typeRank(value);
  return rank !== 6 && rank !== 7 && rank !== 11 && rank !== 13;
}

/** `values` without repeats under compareValues, sorted. */
export function distinctValues(values: readonly unknown[]): unknown[] {
  if (values.length < 2) return [...values];
  const sorted = [...values].sort(compareValues);
  return sorted.filter((value, i) => i === 0 || compareValues(sorted[i - 1], value) !== 0);
}
