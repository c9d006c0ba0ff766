/**
 * The EJSON dialect of the wire (notes §5). Decoding is hand-rolled on top of JSON.parse because bson's EJSON.parse
 * rejects the `g`/`y` regex flags the SDK copies verbatim from JS regexes, knows nothing of `$tcb_server_date`, and
 * is several times slower than one walk over JSON.parse output. Rare BSON types still go through bson.
 */
import { EJSON, ObjectId } from 'bson';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

/** Type wrappers bson understands but the SDK never sends; handed to EJSON as a fallback. */
const OTHER_BSON_WRAPPERS = new Set([
  '$numberDecimal',
  '$binary',
  '$uuid',
  '$timestamp',
  '$symbol',
  '$code',
  '$minKey',
  '$maxKey',
  '$dbPointer',
  '$undefined',
]);

/** JS has no `x` (extended) flag, and `g`/`y` would make RegExp.test stateful, which breaks repeated matching. */
export function toJsRegExp(pattern: string, options: string): RegExp {
  const flags = [...new Set(options)].filter((flag) => 'imsu'.includes(flag)).join('');
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${(error as Error).message}`);
  }
}

/** True for documents and operator objects, false for arrays, Dates, RegExps and BSON values. */
export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (isPlainObject(value)) {
    const text = value.$numberInt ?? value.$numberLong ?? value.$numberDouble;
    if (typeof text === 'string') return Number(text);
  }
  throw invalidParam(`expected a number, got ${JSON.stringify(value)}`);
}

function decodeDate(value: unknown): Date {
  const ms = typeof value === 'string' ? Date.parse(value) : numberOf(value);
  if (Number.isNaN(ms)) throw invalidParam(`invalid $date ${JSON.stringify(value)}`);
  return new Date(ms);
}

/** Decodes one type wrapper, or returns undefined when `object` is an ordinary document or operator object. */
function decodeWrapper(object: Doc, key: string, serverNow: () => number): unknown {
  const inner = object[key];
  switch (key) {
    case '$numberInt':
    case '$numberLong':
    case '$numberDouble':
      if (typeof inner === 'string') return Number(inner);
      return undefined;
    case '$date':
      return decodeDate(inner);
    case '$regularExpression':
      if (isPlainObject(inner) && typeof inner.pattern === 'string') {
        return toJsRegExp(inner.pattern, typeof inner.options === 'string' ? inner.options : '');
      }
      return undefined;
    case '$tcb_server_date':
      return new Date(serverNow() + (isPlainObject(inner) && inner.offset !== undefined ? numberOf(inner.offset) : 0));
    case '$oid':
      if (typeof inner === 'string' && ObjectId.isValid(inner)) return new ObjectId(inner);
      return undefined;
    default:
      if (!OTHER_BSON_WRAPPERS.has(key)) return undefined;
      try {
        return EJSON.deserialize(object, { relaxed: true });
      } catch (error) {
        throw invalidParam(`invalid ${key} value: ${(error as Error).message}`);
      }
  }
}

/** Replaces EJSON wrappers in a JSON.parse result in place (the result is always freshly parsed, so unshared). */
export function decodeValue(value: unknown, serverNow: () => number): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeValue(value[i], serverNow);
    return value;
  }
  if (!isPlainObject(value)) return value;
  let firstKey: string | undefined;
  let keyCount = 0;
  for (const key in value) {
    if (keyCount++ === 0) firstKey = key;
    if (keyCount > 1) break;
  }
  if (keyCount === 1 && firstKey !== undefined && firstKey.startsWith('$')) {
    const decoded = decodeWrapper(value, firstKey, serverNow);
    if (decoded !== undefined) return decoded;
  }
  for (const key in value) value[key] = decodeValue(value[key], serverNow);
  return value;
}

/** Parses one EJSON string of the wire. `serverNow` is read at most once per marker, at decode time (= write/query time). */
export function decodeWire(text: unknown, serverNow: () => number, what: string): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParam(`${what} is not valid EJSON`);
  }
  return decodeValue(parsed, serverNow);
}

export function decodeWireObject(text: unknown, serverNow: () => number, what: string): Doc {
  const value = decodeWire(text, serverNow, what);
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an object`);
  return value;
}

/**
 * Native JSON.stringify hands the replacer the value after toJSON (a Date is already a string), but `this[key]`
 * is still the original, so types JSON cannot carry are swapped for their EJSON wrappers there.
 */
function wireReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { $numberDouble: String(raw) };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || isPlainObject(raw)) return value;
  if (raw instanceof Date) return { $date: { $numberLong: String(raw.getTime()) } };
  if (raw instanceof RegExp) return { $regularExpression: { pattern: raw.source, options: raw.flags } };
  return EJSON.serialize(raw, { relaxed: false });
}

/** Only JSON's own types (finite numbers): native JSON.stringify writes exactly what the replacer would, faster. */
function isJsonSafe(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJsonSafe);
      if (!isPlainObject(value)) return false;
      for (const key in value) if (!isJsonSafe(value[key])) return false;
      return true;
    default:
      return false;
  }
}

/** What goes into `data.list`: EJSON the SDK's EJSON.parse understands; three times faster than bson's stringify. */
export function encodeForWire(doc: unknown): string {
  return isJsonSafe(doc) ? JSON.stringify(doc) : JSON.stringify(doc, wireReplacer);
}

/** Stored versions never change (a write stores a new object), so each is encoded once however often it is read. */
const encodedVersions = new WeakMap<Doc, string>();

/** encodeForWire for documents that are never mutated: stored versions and freshly built results. */
export function encodeImmutableDoc(doc: Doc): string {
  let text = encodedVersions.get(doc);
  if (text === undefined) encodedVersions.set(doc, (text = encodeForWire(doc)));
  return text;
}

function hasObjectId(value: unknown): boolean {
  if (value instanceof ObjectId) return true;
  if (Array.isArray(value)) return value.some(hasObjectId);
  if (!isPlainObject(value)) return false;
  for (const key in value) if (hasObjectId(value[key])) return true;
  return false;
}

function objectIdsAsText(value: unknown): unknown {
  if (value instanceof ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map(objectIdsAsText);
  if (!isPlainObject(value)) return value;
  const copy: Doc = {};
  for (const key in value) copy[key] = objectIdsAsText(value[key]);
  return copy;
}

/**
 * A document for a `get` reply. The SDK's reply formatting (`Util.formatField`) turns an ObjectId, which
 * `{"$oid"}` decodes to, into `{}`, so ObjectIds stored outside `_id` travel as their 24-hex text and reach the
 * caller intact; `_id` and aggregation results keep `{"$oid"}` (wire notes §5.2).
 */
export function encodeForGet(doc: Doc): string {
  let hasOid = false;
  for (const key in doc) if (key !== '_id' && hasObjectId(doc[key])) hasOid = true;
  if (!hasOid) return encodeImmutableDoc(doc);
  const copy: Doc = {};
  for (const key in doc) copy[key] = key === '_id' ? doc[key] : objectIdsAsText(doc[key]);
  return encodeForWire(copy);
}

/** Journal and snapshot lines: canonical EJSON keeps dates, regexes and non-finite numbers intact. */
export function encodeCanonical(value: unknown): string {
  return EJSON.stringify(value, { relaxed: false });
}

/** For dump(): relaxed EJSON objects (`{"$date":"2026-01-01T00:00:00.000Z"}`), which seed() accepts back. */
export function toPlainJson(doc: unknown): unknown {
  return EJSON.serialize(doc, { relaxed: true });
}
