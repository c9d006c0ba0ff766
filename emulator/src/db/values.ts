/** Helpers over stored document values: copying one document and reading/rendering fields for error messages. */
import { ObjectId } from 'bson';
import { encodeForWire, isPlainObject, type Doc } from './ejson';

/** Deep copy of one stored value. Unlike structuredClone it keeps ObjectId instances intact. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof ObjectId) return value;
  if (isPlainObject(value)) {
    const copy: Doc = {};
    for (const key in value) copy[key] = cloneValue(value[key]);
    return copy as T;
  }
  return value;
}

/** The value at a dotted path, following numeric segments into arrays; undefined when absent. */
export function valueAtPath(doc: unknown, path: string): unknown {
  let value = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(segment)) value = value[Number(segment)];
    else if (isPlainObject(value)) value = value[segment];
    else return undefined;
  }
  return value;
}

/** Mongo's `$type` name of a value, as its error messages print it. */
export function bsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof ObjectId) return 'objectId';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** A value in the `{ field: value }` style of Mongo error messages. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'null';
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  return encodeForWire(value);
}
