/**
 * Secondary indexes declared in database/collections.json. Each keeps one entry per document (per key combination
 * for array fields) sorted by its full compound key, so equality on a key prefix plus one range on the next key is
 * a contiguous stretch walked in key order; unique ones also keep the full compound key in a Map.
 */
import type { IndexSpec } from '../types';
import { isPlainObject, type Doc } from './ejson';
import { indexKeyOf, type IdKey } from './keys';
import { compareValues, distinctValues, sortsLikeMingo, typeRank } from './order';
import { SortedList } from './sorted-list';

/**
 * Every value a query on `path` could match against: the value itself or the elements of an array value, fanning out
 * across arrays of subdocuments; a missing field yields `undefined` because Mongo matches it with `null`.
 * It may over-approximate (candidates are re-checked by the full filter) but must never miss a match.
 */
export function valuesAtPath(doc: unknown, segments: readonly string[]): unknown[] {
  const out: unknown[] = [];
  const collect = (value: unknown, depth: number): void => {
    if (depth === segments.length) {
      if (!Array.isArray(value)) {
        out.push(value);
        return;
      }
      if (value.length === 0) out.push(value);
      out.push(...value);
      return;
    }
    const segment = segments[depth] as string;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(segment)) collect(value[Number(segment)], depth + 1);
      for (const element of value) collect(element, depth);
      if (value.length === 0) out.push(undefined);
      return;
    }
    if (isPlainObject(value)) collect(value[segment], depth + 1);
    else out.push(undefined);
  };
  collect(doc, 0);
  return out;
}

export interface UniqueViolation {
  index: string;
  fields: string[];
  values: unknown[];
}

/**
 * One index entry. The first three key values sit in fields of the entry itself (every entry has the same five, so
 * V8 gives them all one shape); a fourth and later key go in `more`. A 200k-order shop keeps millions of entries
 * (issue 19), and an object holding a separate values array cost about 40% more heap per entry.
 */
export interface IndexEntry {
  readonly pos: number;
  readonly id: IdKey;
  readonly k0: unknown;
  readonly k1: unknown;
  readonly k2: unknown;
  readonly more: readonly unknown[] | undefined;
}

/** The entry's value of index key `i`. */
export function entryKey(entry: IndexEntry, i: number): unknown {
  switch (i) {
    case 0:
      return entry.k0;
    case 1:
      return entry.k1;
    case 2:
      return entry.k2;
    default:
      return entry.more?.[i - 3];
  }
}

function newEntry(pos: number, id: IdKey, values: readonly unknown[]): IndexEntry {
  return {
    pos,
    id,
    k0: values[0],
    k1: values[1],
    k2: values[2],
    more: values.length > 3 ? values.slice(3) : undefined,
  };
}

export interface Bound {
  value: unknown;
  inclusive: boolean;
}

/** Values of one type (Mongo range operators never match across types) between optional bounds. */
export interface KeyRange {
  rank: number;
  lower?: Bound;
  upper?: Bound;
}

export interface OrderedKey {
  field: string;
  direction: 1 | -1;
}

/** One document's values for each field of the index, and whether mingo would sort by that field as the index does. */
interface KeyValues {
  values: unknown[][];
  sortable: boolean[];
}

export class SecondaryIndex {
  readonly name: string;
  readonly unique: boolean;
  readonly fields: string[];
  /** The keys entries are sorted by: those before the first one that is not ascending or descending (2dsphere). */
  readonly keys: OrderedKey[];
  /** keys[i].direction, read on every comparison. */
  private readonly directions: number[];
  private readonly paths: string[][];
  private readonly entries = new SortedList<IndexEntry>(
    (a, b) => this.compareKeys(a, b, 0, this.keys.length) || a.pos - b.pos,
  );
  /** Per key, documents whose value there is an array or document: an index walk can't reproduce mingo's sort on it. */
  private readonly unsortable: number[];
  private multikeyDocs = 0;
  /** Holders per full key: the id itself while there is one (nearly always, in a unique index), a Set beyond. */
  private readonly byFullKey = new Map<string, Holders>();

  constructor(spec: IndexSpec) {
    this.name = spec.name;
    this.unique = spec.unique === true;
    this.fields = spec.keys.map((key) => key.name);
    this.paths = this.fields.map((field) => field.split('.'));
    const ordered = spec.keys.findIndex((key) => key.direction !== '1' && key.direction !== '-1');
    this.keys = spec.keys.slice(0, ordered === -1 ? undefined : ordered).map((key) => ({
      field: key.name,
      direction: key.direction === '-1' ? -1 : 1,
    }));
    this.directions = this.keys.map((key) => key.direction);
    this.unsortable = this.keys.map(() => 0);
  }

  /** Whether an ordered walk on key `i` returns documents in the order mingo's $sort would. */
  sortsLikeMingo(i: number): boolean {
    return this.unsortable[i] === 0;
  }

  /** Whether some document has several entries (an array in an indexed field), so walks must drop repeats. */
  get multikey(): boolean {
    return this.multikeyDocs > 0;
  }

  /** Keeps entries in step with a document's committed versions; `before`/`after` undefined mean absent. */
  update(id: IdKey, pos: number, before: Doc | undefined, after: Doc | undefined): void {
    const old = before && this.keyValuesOf(before);
    const next = after && this.keyValuesOf(after);
    // Most updates ($inc on a counter, status flags of other indexes) leave this index's keys alone.
    if (old && next && sameKeyValues(old, next)) return;
    if (old && before) {
      this.count(old, -1);
      for (const entry of this.entriesOf(id, pos, old)) this.entries.delete(entry);
      if (this.unique) for (const combo of this.uniqueKeys(before)) removeFrom(this.byFullKey, combo.key, id);
    }
    if (next && after) {
      this.count(next, 1);
      for (const entry of this.entriesOf(id, pos, next)) this.entries.insert(entry);
      if (this.unique) for (const combo of this.uniqueKeys(after)) addTo(this.byFullKey, combo.key, id);
    }
  }

  /**
   * Entries whose first keys equal `prefix` and whose next key lies in `range`, in index order (`direction` 1) or
   * reversed (-1). The index must not change while this runs.
   */
  *scan(prefix: readonly unknown[], range: KeyRange | undefined, direction: 1 | -1): Generator<IndexEntry> {
    const place = this.placeOf(prefix, range);
    if (direction === 1) {
      for (const entry of this.entries.forward(this.entries.seek((entry) => place(entry) < 0))) {
        if (place(entry) > 0) return;
        yield entry;
      }
      return;
    }
    for (const entry of this.entries.backward(this.entries.seek((entry) => place(entry) <= 0))) {
      if (place(entry) < 0) return;
      yield entry;
    }
  }

  /** Where an entry lies relative to a stretch, in index order: negative before it, 0 inside, positive after. */
  private placeOf(prefix: readonly unknown[], range: KeyRange | undefined): (entry: IndexEntry) => number {
    const depth = prefix.length;
    const rangeKey = this.keys[depth];
    return (entry) => {
      for (let i = 0; i < depth; i++) {
        const order = compareValues(entryKey(entry, i), prefix[i]);
        if (order !== 0) return order * (this.directions[i] as number);
      }
      return range && rangeKey ? sideOf(entryKey(entry, depth), range) * rangeKey.direction : 0;
    };
  }

  /**
   * How many entries `scan(prefix, range, 1)` would yield, from the places where the stretch starts and ends: a
   * count of a stretch of 200k entries costs its blocks, not 200k steps (MongoDB counts a COUNT_SCAN in C++).
   */
  countStretch(prefix: readonly unknown[], range: KeyRange | undefined): number {
    const place = this.placeOf(prefix, range);
    return this.entries.distance(
      this.entries.seek((entry) => place(entry) < 0),
      this.entries.seek((entry) => place(entry) <= 0),
    );
  }

  /** Compares keys `from` to `to` (exclusive) of two entries in index order. */
  compareKeys(a: IndexEntry, b: IndexEntry, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const order = compareValues(entryKey(a, i), entryKey(b, i));
      if (order !== 0) return order * (this.directions[i] as number);
    }
    return 0;
  }

  /**
   * The first unique key of `doc` already held by a document other than `self` and not in `replaced`
   * (documents being rewritten in the same batch, whose old keys no longer count).
   */
  conflictFor(self: IdKey, doc: Doc, replaced: ReadonlySet<IdKey>): UniqueViolation | undefined {
    for (const combo of this.uniqueKeys(doc)) {
      for (const holder of holdersOf(this.byFullKey.get(combo.key))) {
        if (holder !== self && !replaced.has(holder))
          return { index: this.name, fields: this.fields, values: combo.values };
      }
    }
    return undefined;
  }

  /** Mongo unique semantics: arrays are multikey (each element a key), a missing field is `null`. */
  uniqueKeys(doc: Doc): Array<{ key: string; values: unknown[] }> {
    let combos: Array<{ key: string; values: unknown[] }> = [{ key: '', values: [] }];
    for (const path of this.paths) {
      const distinct = new Map<string, unknown>();
      for (const value of valuesAtPath(doc, path)) distinct.set(indexKeyOf(value), value ?? null);
      combos = combos.flatMap((combo) =>
        [...distinct].map(([key, value]) => ({ key: `${combo.key}\u0001${key}`, values: [...combo.values, value] })),
      );
    }
    return combos;
  }

  private keyValuesOf(doc: Doc): KeyValues {
    const values: unknown[][] = [];
    const sortable: boolean[] = [];
    for (const path of this.paths) {
      const single = scalarAt(doc, path);
      values.push(single === THROUGH_ARRAY ? distinctValues(valuesAtPath(doc, path)) : [single]);
      sortable.push(single !== THROUGH_ARRAY && sortsLikeMingo(single));
    }
    return { values, sortable };
  }

  private count(keyValues: KeyValues, delta: 1 | -1): void {
    for (let i = 0; i < this.keys.length; i++) {
      if (!keyValues.sortable[i]) this.unsortable[i] = (this.unsortable[i] as number) + delta;
    }
    if (keyValues.values.some((values, i) => i < this.keys.length && values.length > 1)) this.multikeyDocs += delta;
  }

  /** One entry per combination of the document's key values: more than one only for array fields. */
  private entriesOf(id: IdKey, pos: number, { values }: KeyValues): IndexEntry[] {
    if (this.keys.length === 0) return [];
    const keyed = values.slice(0, this.keys.length);
    if (keyed.every((options) => options.length === 1))
      return [
        newEntry(
          pos,
          id,
          keyed.map((options) => options[0]),
        ),
      ];
    let combos: unknown[][] = [[]];
    for (const options of keyed) combos = combos.flatMap((combo) => options.map((value) => [...combo, value]));
    return combos.map((combo) => newEntry(pos, id, combo));
  }
}

/** Which side of `range` a key value lies on, in ascending value order: -1 below, 0 inside, 1 above. */
function sideOf(value: unknown, range: KeyRange): number {
  const rank = typeRank(value);
  if (rank !== range.rank) return rank < range.rank ? -1 : 1;
  if (range.lower) {
    const order = compareValues(value, range.lower.value);
    if (order < 0 || (order === 0 && !range.lower.inclusive)) return -1;
  }
  if (range.upper) {
    const order = compareValues(value, range.upper.value);
    if (order > 0 || (order === 0 && !range.upper.inclusive)) return 1;
  }
  return 0;
}

const THROUGH_ARRAY = Symbol('through an array');

/**
 * The one value at `path` when no array lies on it, the common case that needs no fan-out. Such a value is also
 * what mingo's $sort resolves the path to; through an array mingo resolves to an array and sorts by other rules.
 */
function scalarAt(doc: Doc, path: readonly string[]): unknown {
  let value: unknown = doc;
  for (const segment of path) {
    if (Array.isArray(value)) return THROUGH_ARRAY;
    if (!isPlainObject(value)) return undefined;
    value = value[segment];
  }
  return Array.isArray(value) ? THROUGH_ARRAY : value;
}

function sameKeyValues(a: KeyValues, b: KeyValues): boolean {
  for (let i = 0; i < a.values.length; i++) {
    const [x, y] = [a.values[i] as unknown[], b.values[i] as unknown[]];
    if (a.sortable[i] !== b.sortable[i] || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (compareValues(x[j], y[j]) !== 0) return false;
  }
  return true;
}

/** One holder (the common case, a single id costs no Set) or several. */
type Holders = IdKey | Set<IdKey>;

function holdersOf(holders: Holders | undefined): Iterable<IdKey> {
  if (holders === undefined) return [];
  return holders instanceof Set ? holders : [holders];
}

function addTo(map: Map<string, Holders>, key: string, id: IdKey): void {
  const holders = map.get(key);
  if (holders === undefined) map.set(key, id);
  else if (holders instanceof Set) holders.add(id);
  else if (holders !== id) map.set(key, new Set([holders, id]));
}

function removeFrom(map: Map<string, Holders>, key: string, id: IdKey): void {
  const holders = map.get(key);
  if (holders === undefined) return;
  if (!(holders instanceof Set)) {
    if (holders === id) map.delete(key);
    return;
  }
  holders.delete(id);
  if (holders.size === 1) map.set(key, holders.values().next().value as IdKey);
  else if (holders.size === 0) map.delete(key);
}
