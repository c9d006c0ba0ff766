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
 * What an index holds for a document: its place in natural order and its key. Where every indexed field of the
 * document holds one value (nearly always) the entry is the committed version itself (`IndexedVersion`), shared by
 * all of the collection's indexes, and its keys are read from the document when compared: a 200k-order shop keeps
 * millions of entries (issue 19), and an object of their own cost about 100 bytes each. A document with an array in
 * an indexed field has one `FannedEntry` of its own per combination of its values.
 */
export interface IndexEntry {
  readonly pos: number;
  readonly id: IdKey;
}

/** A committed version of a document as its collection keeps it (`value` null: deleted). */
export interface IndexedVersion extends IndexEntry {
  readonly value: Doc | null;
}

/**
 * One combination of an array-holding document's key values. It keeps the version too, and only the values it
 * picked from the arrays: the other keys are read from the document like a version entry's.
 */
class FannedEntry implements IndexEntry {
  constructor(
    readonly version: IndexedVersion,
    /** The value of the one key that goes through an array, or every key's value when several do. */
    readonly picked: unknown,
    readonly several: boolean,
  ) {}

  get pos(): number {
    return this.version.pos;
  }

  get id(): IdKey {
    return this.version.id;
  }
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
  /** The ordered keys whose path goes through an array; none: the document itself is the entry. */
  arrayKeys: number[];
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

  /** Keeps entries in step with a document's committed versions; undefined (or a deleted version) means absent. */
  update(before: IndexedVersion | undefined, after: IndexedVersion | undefined): void {
    const old = before?.value ? this.keyValuesOf(before.value) : undefined;
    const next = after?.value ? this.keyValuesOf(after.value) : undefined;
    // Most updates ($inc on a counter, status flags of other indexes) leave this index's keys alone: the entries move
    // to the new version in place, so the index never keeps an old document alive.
    if (old && next && sameKeyValues(old, next)) {
      const fresh = this.entriesOf(after as IndexedVersion, next);
      this.entriesOf(before as IndexedVersion, old).forEach((entry, i) =>
        this.entries.replace(entry, fresh[i] as IndexEntry),
      );
      return;
    }
    if (old && before?.value) {
      this.count(old, -1);
      for (const entry of this.entriesOf(before, old)) this.entries.delete(entry);
      if (this.unique)
        for (const combo of this.uniqueKeys(before.value)) removeFrom(this.byFullKey, combo.key, before.id);
    }
    if (next && after?.value) {
      this.count(next, 1);
      for (const entry of this.entriesOf(after, next)) this.entries.insert(entry);
      if (this.unique) for (const combo of this.uniqueKeys(after.value)) addTo(this.byFullKey, combo.key, after.id);
    }
  }

  /** The entry's value of ordered key `i`. */
  private keyOf(entry: IndexEntry, i: number): unknown {
    const path = this.paths[i] as string[];
    if (!(entry instanceof FannedEntry)) return scalarAt((entry as IndexedVersion).value as Doc, path);
    if (entry.several) return (entry.picked as unknown[])[i];
    const value = scalarAt(entry.version.value as Doc, path);
    return value === THROUGH_ARRAY ? entry.picked : value;
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
        const order = compareValues(this.keyOf(entry, i), prefix[i]);
        if (order !== 0) return order * (this.directions[i] as number);
      }
      return range && rangeKey ? sideOf(this.keyOf(entry, depth), range) * rangeKey.direction : 0;
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
      const order = compareValues(this.keyOf(a, i), this.keyOf(b, i));
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
    const arrayKeys: number[] = [];
    for (let i = 0; i < this.paths.length; i++) {
      const single = scalarAt(doc, this.paths[i] as string[]);
      values.push(single === THROUGH_ARRAY ? distinctValues(valuesAtPath(doc, this.paths[i] as string[])) : [single]);
      sortable.push(single !== THROUGH_ARRAY && sortsLikeMingo(single));
      if (i < this.keys.length && single === THROUGH_ARRAY) arrayKeys.push(i);
    }
    return { values, sortable, arrayKeys };
  }

  private count(keyValues: KeyValues, delta: 1 | -1): void {
    for (let i = 0; i < this.keys.length; i++) {
      if (!keyValues.sortable[i]) this.unsortable[i] = (this.unsortable[i] as number) + delta;
    }
    if (keyValues.values.some((values, i) => i < this.keys.length && values.length > 1)) this.multikeyDocs += delta;
  }

  /** The version itself, or one entry per combination of the document's key values when an array holds some. */
  private entriesOf(version: IndexedVersion, { values, arrayKeys }: KeyValues): IndexEntry[] {
    if (this.keys.length === 0) return [];
    if (arrayKeys.length === 0) return [version];
    const keyed = values.slice(0, this.keys.length);
    if (arrayKeys.length === 1)
      return (keyed[arrayKeys[0] as number] as unknown[]).map((value) => new FannedEntry(version, value, false));
    let combos: unknown[][] = [[]];
    for (const options of keyed) combos = combos.flatMap((combo) => options.map((value) => [...combo, value]));
    return combos.map((combo) => new FannedEntry(version, combo, true));
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
