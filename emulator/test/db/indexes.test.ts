/** Declared indexes: unique constraints through the SDK, and index-served queries that provably don't scan. */
import { VirtualClock } from '../../src/clock';
import { createDatabase, type LocalDatabase } from '../../src/db';
import type { DatabaseSchema } from '../../src/types';
import { connectSdk, failure, type SdkHarness } from './sdk';

const schema: DatabaseSchema = {
  collections: {
    users: {
      indexes: [
        { name: 'email_1', unique: true, keys: [{ name: 'email', direction: '1' }] },
        { name: 'shop_1_code_1', unique: true, keys: [{ name: 'shop', direction: '1' }, { name: 'code', direction: '-1' }] },
      ],
    },
    products: {
      indexes: [
        { name: 'shop_1_price_-1', keys: [{ name: 'shop', direction: '1' }, { name: 'price', direction: '-1' }] },
        { name: 'meta.sku_1', unique: true, keys: [{ name: 'meta.sku', direction: '1' }] },
        { name: 'tags_1', keys: [{ name: 'tags', direction: '1' }] },
      ],
    },
  },
};

describe('unique indexes through the SDK', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await connectSdk(schema);
  });
  afterAll(() => h.close());
  beforeEach(() => h.engine.reset());
  const users = () => h.db.collection('users');

  test('a duplicate unique value is rejected with the Mongo E11000 text', async () => {
    await users().add({ data: { email: 'a@x', shop: 's', code: 1 } });
    const error = await failure(users().add({ data: { email: 'a@x', shop: 's', code: 2 } }));
    expect(error.errMsg).toContain('E11000 duplicate key error collection: users index: email_1 dup key: { email: "a@x" }');
    expect((await users().count()).total).toBe(1);
  });

  test('compound unique keys collide only when every field matches', async () => {
    await users().add({ data: { email: '1', shop: 's', code: 1 } });
    await users().add({ data: { email: '2', shop: 's', code: 2 } });
    await users().add({ data: { email: '3', shop: 't', code: 1 } });
    const error = await failure(users().add({ data: { email: '4', shop: 's', code: 1 } }));
    expect(error.errMsg).toContain('index: shop_1_code_1 dup key: { shop: "s", code: 1 }');
  });

  test('a missing unique field indexes as null, so two documents without it collide', async () => {
    await users().add({ data: { name: 'first', shop: 'a', code: 1 } });
    const error = await failure(users().add({ data: { name: 'second', shop: 'b', code: 1 } }));
    expect(error.errMsg).toContain('index: email_1 dup key: { email: null }');
  });

  test('updates and sets that would duplicate a unique value fail and change nothing', async () => {
    await users().add({ data: [{ _id: 'u1', email: 'a', shop: 's', code: 1 }, { _id: 'u2', email: 'b', shop: 's', code: 2 }] });
    const error = await failure(users().doc('u2').update({ data: { email: 'a' } }));
    expect(error.errMsg).toContain('E11000');
    expect(await failure(users().doc('u2').set({ data: { email: 'a', shop: 'x', code: 9 } }))).toMatchObject({ errCode: -501001 });
    expect(await failure(users().where({ shop: 's' }).update({ data: { email: 'same' } }))).toMatchObject({ errCode: -501001 });
    expect((await users().orderBy('email', 'asc').get()).data.map((d: { email: string }) => d.email)).toEqual(['a', 'b']);
    // Swapping a value onto a document that just gave it up is fine.
    await users().doc('u1').update({ data: { email: 'c' } });
    await users().doc('u2').update({ data: { email: 'a' } });
    expect((await users().doc('u2').get()).data.email).toBe('a');
  });

  test('unique on a dotted path; a non-unique multikey index allows repeats', async () => {
    const products = h.db.collection('products');
    await products.add({ data: { meta: { sku: 'k1' }, tags: ['a'] } });
    expect(await failure(products.add({ data: { meta: { sku: 'k1' } } }))).toMatchObject({ errCode: -501001 });
    await products.add({ data: { meta: { sku: 'k2' }, tags: ['a'] } }); // tags_1 is not unique
    expect((await products.where({ tags: 'a' }).count()).total).toBe(2);
  });
});

describe('index-served queries (engine level)', () => {
  let db: LocalDatabase;
  const shops = 20;
  const perShop = 500;
  beforeAll(async () => {
    db = await createDatabase({ dataDir: ':memory:', clock: new VirtualClock(), schema });
    const docs = [];
    for (let i = 0; i < shops * perShop; i++) {
      docs.push({ _id: `p${i}`, shop: `s${i % shops}`, price: i, meta: { sku: `k${i}` }, tags: [`t${i % 7}`, 'all'] });
    }
    await db.seed('products', docs);
  });
  afterAll(() => db.close());

  const examined = async (request: Record<string, unknown>): Promise<{ count: number; reply: unknown }> => {
    const before = db.stats().documentsExamined;
    const reply = await db.handle('database.getDocument', { collectionName: 'products', queryType: 'WHERE', limit: 100, ...request });
    return { count: db.stats().documentsExamined - before, reply };
  };
  const idsOf = (reply: unknown): string[] =>
    ((reply as { data: { list: string[] } }).data.list).map((text) => (JSON.parse(text) as { _id: string })._id);

  test('equality on the first key of an index examines only that key’s documents, with orderBy + limit', async () => {
    const { count, reply } = await examined({
      query: '{"shop":"s3","price":{"$gte":{"$numberInt":"5000"}}}',
      order: '{"price":{"$numberInt":"-1"}}',
      limit: 3,
    });
    expect(count).toBe(perShop);
    expect(idsOf(reply)).toEqual(['p9983', 'p9963', 'p9943']);
  });

  test('$eq, $in and $and members use indexes too; _id lookups examine one document', async () => {
    expect((await examined({ query: '{"meta.sku":{"$eq":"k42"}}' })).count).toBe(1);
    expect((await examined({ query: '{"shop":{"$in":["s1","s2"]}}', limit: 1000 })).count).toBe(2 * perShop);
    expect((await examined({ query: '{"$and":[{"price":{"$gt":{"$numberInt":"3"}}},{"meta.sku":"k7"}]}' })).count).toBe(1);
    const byId = await examined({ queryType: 'DOC', query: '{"_id":"p17"}' });
    expect(byId.count).toBe(1);
    expect(idsOf(byId.reply)).toEqual(['p17']);
  });

  test('array fields are multikey: equality on an element uses the index', async () => {
    const { count, reply } = await examined({ query: '{"tags":"t3"}', order: '{"price":{"$numberInt":"1"}}', limit: 2 });
    expect(count).toBe(Math.ceil((shops * perShop - 3) / 7));
    expect(idsOf(reply)).toEqual(['p3', 'p10']);
  });

  test('a query on an unindexed field scans', async () => {
    expect((await examined({ query: '{"price":{"$numberInt":"5"}}' })).count).toBe(shops * perShop);
  });

  test('indexes follow updates and removals', async () => {
    await db.handle('database.modifyDocument', {
      collectionName: 'products', queryType: 'DOC', merge: true, query: '{"_id":"p0"}', data: '{"$set":{"shop":"moved"}}',
    });
    expect(idsOf((await examined({ query: '{"shop":"moved"}' })).reply)).toEqual(['p0']);
    expect(idsOf((await examined({ query: '{"shop":"s0"}', limit: 1 })).reply)).toEqual(['p20']);
    await db.handle('database.removeDocument', { collectionName: 'products', queryType: 'DOC', query: '{"_id":"p0"}' });
    const after = await examined({ query: '{"shop":"moved"}' });
    expect(after.count).toBe(0);
    expect(idsOf(after.reply)).toEqual([]);
  });

  test('null equality finds documents missing the indexed field through the index', async () => {
    await db.seed('products', [{ _id: 'nosku', shop: 'x' }]);
    const { count, reply } = await examined({ query: '{"meta.sku":null}' });
    expect(count).toBe(1);
    expect(idsOf(reply)).toEqual(['nosku']);
  });
});
