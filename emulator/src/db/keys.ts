/**
 * Value → string keys for Maps: document ids and index entries. Keys are type-tagged so that `1` and `"1"` stay
 * apart while every JS number (int, long, double on the wire) collapses to one key, as Mongo compares them.
 */
import { ObjectId } from 'bson';
import { encodeCanonical } from './ejson';

/** The Map key of a document `_id`: the id itself for strings and numbers, a tagged string for anything else. */
export type IdKey = string | number;

export function idKeyOf(id: unknown): IdKey {
  if (typeof id === 'string' || typeof id === 'number') return id;
  if (id instanceof ObjectId) return `\u0000oid:${id.toHexString()}`;
  return `\u0000ejson:${encodeCanonical(id)}`;
}

/** Values an equality index can serve; objects and arrays are left to a scan because mingo compares them loosely. */
export function isIndexableScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    value instanceof ObjectId
  );
}

export function indexKeyOf(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${value}`;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value instanceof Date) return `d${value.getTime()}`;
      if (value instanceof ObjectId) return `o${value.toHexString()}`;
      return `j${encodeCanonical(value)}`;
  }
}
