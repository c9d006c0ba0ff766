/**
 * The store keeps documents rebuilt by per-key-list constructors (values.ts compactDocument) to save heap: the copy
 * must be the same document to every reader (equal, plain, same key order), keep rich values, and never let a key
 * become code or a prototype.
 */
import fc from 'fast-check';
import { ObjectId } from 'bson';
import { isPlainObject, type Doc } from '../../src/db/ejson';
import { compactDocument } from '../../src/db/values';

const json = fc.jsonValue();

test('any JSON document comes back equal, with the same key order and only plain objects', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), json), (fields) => {
      const doc: Doc = { _id: 'd1', ...fields };
      const copy = compactDocument(doc);
      expect(copy).toEqual(doc);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(doc));
      const plain = (value: unknown): boolean =>
        Array.isArray(value)
          ? value.every(plain)
          : typeof value !== 'object' || value === null || (isPlainObject(value) && Object.values(value).every(plain));
      expect(plain(copy)).toBe(true);
    }),
  );
});

test('Dates, ObjectIds and regexes stay the values they were', () => {
  const at = new Date(1_700_000_000_000);
  const id = new ObjectId();
  const doc: Doc = { _id: 'd2', at, ref: id, pattern: /a/i, nested: { at } };
  const copy = compactDocument(doc);
  expect(copy.at).toBe(at);
  expect(copy.ref).toBe(id);
  expect(copy.pattern).toBe(doc.pattern);
  expect((copy.nested as Doc).at).toBe(at);
});

test('keys that look like code stay keys; __proto__ never becomes a prototype', () => {
  const hostile = `"]; globalThis.hacked = 1; this["x`;
  const doc = JSON.parse(
    `{"_id":"d3","${hostile.replace(/"/g, '\\"')}":1,"inner":{"__proto__":{"polluted":true}}}`,
  ) as Doc;
  const copy = compactDocument(doc);
  expect((globalThis as { hacked?: number }).hacked).toBeUndefined();
  expect(copy[hostile]).toBe(1);
  const inner = copy.inner as Doc;
  expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
  expect((inner as { polluted?: boolean }).polluted).toBeUndefined();
  expect(Object.keys(inner)).toEqual(['__proto__']);
});
