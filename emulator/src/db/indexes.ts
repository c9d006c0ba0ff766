/**
 * Secondary indexes declared in database/collections.json. Each keeps, for its first field, a multikey Map from
 * value key to document ids so equality queries avoid a scan; unique ones also keep the full compound key.
 */
import type { IndexSpec } from '../types';
import { isPlainObject, type Doc } from './ejson';
import { indexKeyOf, type IdKey } from './keys';

/**
 * Every value a query on `path` could match against: the value itself, the elements of an array value, fanning out
 * across arrays of subdocuments; a missing field yields `undefined` because Mongo matches it with `null`.
 * It may over-approximate (candidates are re-checked by the full filter) but must never miss a match.
 */
export function valuesAtPath(doc: unknown, segments: readonly string[], includeWholeArrays: boolean): unknown[] {
  const out: unknown[] = [];
  const collect = (value: unknown, depth: number): void => {
    if (depth === segments.length) {
      if (!Array.isArray(value)) {
        out.push(value);
        return;
      }
      if (includeWholeArrays || value.length === 0) out.push(value);
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

export class SecondaryIndex {
  readonly name: string;
  readonly unique: boolean;
  readonly fields: string[];
  /** Whether equality on the first field can be answered from this index (2dsphere keys cannot). */
  readonly servesEquality: boolean;
  private readonly paths: string[][];
  private readonly byFirstField = new Map<string, Set<IdKey>>();
  private readonly byFullKey = new Map<string, Set<IdKey>>();

  constructor(spec: IndexSpec) {
    this.name = spec.name;
    this.unique = spec.unique === true;
    this.fields = spec.keys.map((key) => key.name);
    this.paths = this.fields.map((field) => field.split('.'));
    this.servesEquality = spec.keys[0]?.direction !== '2dsphere';
  }

  get firstField(): string {
    return this.fields[0] ?? '';
  }

  insert(id: IdKey, doc: Doc): void {
    for (const key of this.firstFieldKeys(doc)) addTo(this.byFirstField, key, id);
    if (this.unique) for (const combo of this.uniqueKeys(doc)) addTo(this.byFullKey, combo.key, id);
  }

  delete(id: IdKey, doc: Doc): void {
    for (const key of this.firstFieldKeys(doc)) removeFrom(this.byFirstField, key, id);
    if (this.unique) for (const combo of this.uniqueKeys(doc)) removeFrom(this.byFullKey, combo.key, id);
  }

  /** Ids of documents whose first field may equal one of `values`. */
  candidates(values: readonly unknown[]): Set<IdKey> {
    if (values.length === 1) return this.byFirstField.get(indexKeyOf(values[0])) ?? new Set();
    const ids = new Set<IdKey>();
    for (const value of values) for (const id of this.byFirstField.get(indexKeyOf(value)) ?? []) ids.add(id);
    return ids;
  }

  /**
   * The first unique key of `doc` already held by a document other than `self` and not in `replaced`
   * (documents being rewritten in the same batch, whose old keys no longer count).
   */
  conflictFor(self: IdKey, doc: Doc, replaced: ReadonlySet<IdKey>): UniqueViolation | undefined {
    for (const combo of this.uniqueKeys(doc)) {
      for (const holder of this.byFullKey.get(combo.key) ?? []) {
        if (holder !== self && !replaced.has(holder)) return { index: this.name, fields: this.fields, values: combo.values };
      }
    }
    return undefined;
  }

  clear(): void {
    this.byFirstField.clear();
    this.byFullKey.clear();
  }

  private firstFieldKeys(doc: Doc): Set<string> {
    return new Set(valuesAtPath(doc, this.paths[0] ?? [], true).map(indexKeyOf));
  }

  /** Mongo unique semantics: arrays are multikey (each element a key), a missing field is `null`. */
  uniqueKeys(doc: Doc): Array<{ key: string; values: unknown[] }> {
    let combos: Array<{ key: string; values: unknown[] }> = [{ key: '', values: [] }];
    for (const path of this.paths) {
      const distinct = new Map<string, unknown>();
      for (const value of valuesAtPath(doc, path, false)) distinct.set(indexKeyOf(value), value ?? null);
      combos = combos.flatMap((combo) =>
        [...distinct].map(([key, value]) => ({ key: `${combo.key}\u0001${key}`, values: [...combo.values, value] })),
      );
    }
    return combos;
  }
}

function addTo(map: Map<string, Set<IdKey>>, key: string, id: IdKey): void {
  const ids = map.get(key);
  if (ids) ids.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom(map: Map<string, Set<IdKey>>, key: string, id: IdKey): void {
  const ids = map.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) map.delete(key);
}
