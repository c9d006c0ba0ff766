/**
 * An index walk must return exactly what a full scan returns, in the same order, including when the walk alone
 * decides the result (equalities on indexed fields are not re-checked by mingo). Documents mix the awkward cases:
 * arrays, nested arrays, equal numbers written differently, booleans, null and missing fields.
 */
import fc from 'fast-check';
import { VirtualClock } from '../../src/clock';
import { createDatabase, type LocalDatabase } from '../../src/db';
import type { DatabaseSchema } from '../../src/types';

const indexed: DatabaseSchema = {
  collections: {
    items: {
      indexes: [
        {
          name: 'a_1_b_-1',
          keys: [
            { name: 'a', direction: '1' },
            { name: 'b', direction: '-1' },
          ],
        },
        { name: 'c_1', keys: [{ name: 'c', direction: '1' }] },
        // A dotted path, walked without re-checking equalities: it must fan out across arrays of subdocuments as
        // mingo does.
        { name: 'd.e_1', keys: [{ name: 'd.e', direction: '1' }] },
      ],
    },
  },
};
const scanned: DatabaseSchema = { collections: { items: { indexes: [] } } };

// Few distinct values, so that many documents share keys and ties between them decide the order.
const scalar = fc.constantFrom<unknown>('x', 1, 1.5, true, null);
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }) },
);
// Under a dotted path, no array directly inside an array: there mingo descends into the inner array and MongoDB
// (and the index, which follows it) does not, so {d: {e: [[1]]}} matches {'d.e': 1} only in mingo.
const subdocument = fc.record({ e: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })) }, { requiredKeys: [] });
const nested = fc.oneof(
  { weight: 2, arbitrary: subdocument },
  { weight: 2, arbitrary: fc.array(fc.oneof(subdocument, scalar), { maxLength: 3 }) },
  { weight: 1, arbitrary: scalar },
);
const document = fc.record({ a: fieldValue, b: fieldValue, c: fieldValue, d: nested }, { requiredKeys: [] });
const equality = fc.constantFrom('x', 1, 1.5, true);
const filter = fc
  .record({ a: equality, b: equality, c: equality, 'd.e': equality }, { requiredKeys: [] })
  .filter((f) => Object.keys(f).length > 0);
const order = fc.constantFrom<Record<string, number> | undefined>(undefined, { b: -1 }, { b: 1 }, { a: 1, b: -1 });

const ejson = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? { $numberDouble: String(v) } : v));

async function find(
  db: LocalDatabase,
  query: Record<string, unknown>,
  sort: Record<string, number> | undefined,
  limit: number,
): Promise<string[]> {
  const reply = (await db.handle('database.getDocument', {
    collectionName: 'items',
    queryType: 'WHERE',
    query: ejson(query),
    ...(sort ? { order: ejson(sort) } : {}),
    limit,
  })) as { data?: { list: string[] }; code?: string };
  if (!reply.data) throw new Error(`query failed: ${JSON.stringify(reply)}`);
  return reply.data.list.map((text) => (JSON.parse(text) as { _id: string })._id);
}

/** What an index counts (on its entries when exact) must be what mingo counts over every document. */
async function count(db: LocalDatabase, query: Record<string, unknown>): Promise<number> {
  const reply = (await db.handle('database.calculateDocument', {
    collectionName: 'items',
    queryType: 'WHERE',
    query: ejson(query),
  })) as { data?: { total: number } };
  if (!reply.data) throw new Error(`count failed: ${JSON.stringify(reply)}`);
  return reply.data.total;
}

/** Sets fields of one document in place; documents then move between entries (or keep them) in every index. */
async function setFields(db: LocalDatabase, id: string, fields: Record<string, unknown>): Promise<void> {
  const reply = (await db.handle('database.modifyDocument', {
    collectionName: 'items',
    queryType: 'DOC',
    merge: true,
    query: JSON.stringify({ _id: id }),
    data: ejson({ $set: fields }),
  })) as { code?: string };
  if (reply.code) throw new Error(`update failed: ${JSON.stringify(reply)}`);
}

// Ranges on one type, as the planner bounds a walk by; counted exactly on the index only where no document holds an
// array at the range key (on [0, 10] MongoDB lets `$gte: 1` and `$lte: 5` match different elements).
const bound = fc.constantFrom<unknown>(0, 1, 1.5, 2, 'w', 'x', 'y');
const range = fc
  .record({ $gt: bound, $gte: bound, $lt: bound, $lte: bound }, { requiredKeys: [] })
  .filter((r) => Object.keys(r).length > 0 && !('$gt' in r && '$gte' in r) && !('$lt' in r && '$lte' in r));
const rangeFilter = fc.oneof(
  fc.record({ a: equality, b: range }),
  fc.record({ b: range }),
  fc.record({ c: range }),
  // As the SDK sends `{c: _.gte(x).and(_.lt(y))}`: one operator per member of an `$and`.
  range.map((r) => ({ $and: Object.entries(r).map(([operator, value]) => ({ c: { [operator]: value } })) })),
);
const change = fc.record({
  doc: fc.nat({ max: 24 }),
  fields: fc.record({ a: fieldValue, b: fieldValue, c: fieldValue, z: scalar }, { requiredKeys: [] }),
});

/** The same documents in a database with the indexes and in one without any, which can only scan. */
async function seededPair(docs: readonly Record<string, unknown>[]): Promise<[LocalDatabase, LocalDatabase]> {
  const clock = new VirtualClock();
  const pair = await Promise.all([
    createDatabase({ dataDir: ':memory:', clock, schema: indexed }),
    createDatabase({ dataDir: ':memory:', clock, schema: scanned }),
  ]);
  const seeded = docs.map((doc, i) => ({ _id: `d${i}`, ...doc }));
  for (const db of pair) await db.seed('items', seeded);
  return pair;
}

describe('index walks agree with scans', () => {
  it('for ranges after the equality prefix, counted and found after updates that move documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(document, { minLength: 1, maxLength: 25 }),
        fc.array(change, { maxLength: 8 }),
        rangeFilter,
        async (docs, changes, query) => {
          const [withIndex, withoutIndex] = await seededPair(docs);
          for (const { doc, fields } of changes) {
            const id = `d${doc % docs.length}`;
            await setFields(withIndex, id, fields);
            await setFields(withoutIndex, id, fields);
          }
          expect(await count(withIndex, query)).toBe(await count(withoutIndex, query));
          expect(await find(withIndex, query, undefined, 30)).toEqual(await find(withoutIndex, query, undefined, 30));
          // Every equality still finds what a scan finds once entries have moved.
          for (const value of ['x', 1, 1.5, true])
            expect(await find(withIndex, { c: value }, undefined, 30)).toEqual(
              await find(withoutIndex, { c: value }, undefined, 30),
            );
          await Promise.all([withIndex.close(), withoutIndex.close()]);
        },
      ),
      {
        numRuns: 300,
        // Each bound met by a different element of an array: MongoDB (and mingo) match it.
        examples: [
          [[{ c: [1, 2] }, { c: 1.5 }], [], { c: { $gt: 1, $lt: 2 } }],
          [[{ a: 'x', b: [0, 2] }], [{ doc: 0, fields: { z: 1 } }], { a: 'x', b: { $gte: 1, $lte: 1.5 } }],
        ],
      },
    );
  });

  it('for equality filters on indexed fields, with and without order and limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(document, { minLength: 1, maxLength: 25 }),
        filter,
        order,
        fc.integer({ min: 1, max: 30 }),
        async (docs, query, sort, limit) => {
          const [withIndex, withoutIndex] = await seededPair(docs);
          expect(await find(withIndex, query, sort, limit)).toEqual(await find(withoutIndex, query, sort, limit));
          expect(await count(withIndex, query)).toBe(await count(withoutIndex, query));
          await Promise.all([withIndex.close(), withoutIndex.close()]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
