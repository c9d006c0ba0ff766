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

/**
 * The document as the store keeps it: the same values, every plain object rebuilt by a constructor made for its
 * list of keys. V8 sizes a constructor's objects to the properties it saw them get (slack tracking), where objects
 * grown one property at a time (decoders, update operators, cloneValue) keep growth slack in a separate property
 * array; built this way a stored order takes about 60% less heap, which is what lets the emulator hold a
 * 200k-order shop (issue 19). Strings, numbers, Dates and ObjectIds are shared, not copied.
 */
export function compactDocument(doc: Doc): Doc {
  return compact(doc) as Doc;
}

type Shape = new (values: unknown[]) => Doc;
/** Constructors by key list; bounded, so documents with ever-new keys fall back to their own objects. */
const shapes = new Map<string, Shape>();
const MAX_SHAPES = 10_000;

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const keys = Object.keys(value);
  const shape = shapeFor(keys);
  // Without a shape the object stays as it came: the store never changes a document it holds.
  return shape ? new shape(keys.map((key) => compact((value as Doc)[key]))) : value;
}

function shapeFor(keys: string[]): Shape | undefined {
  // JSON of the list: unambiguous, where joining with any separator lets two different lists collide.
  const signature = JSON.stringify(keys);
  let shape = shapes.get(signature);
  // `__proto__` as an assignment target would set the prototype instead of a field; such objects stay as they are.
  if (shape || shapes.size >= MAX_SHAPES || keys.includes('__proto__')) return shape;
  // V8 sizes a constructor's objects from the `this.<key> = ` assignments it counts in the source, so the body is
  // written out per key list. Each key is a JSON string literal (JSON.stringify escapes every quote, backslash and
  // line break), which JavaScript reads back as exactly that key: data never becomes code.
  const body = keys.map((key, i) => `this[${JSON.stringify(key)}] = values[${i}];`).join('\n');
  shape = new Function('values', body) as unknown as Shape;
  // Objects it builds are plain objects (isPlainObject, JSON, mingo see no difference).
  shape.prototype = Object.prototype;
  shapes.set(signature, shape);
  return shape;
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
