/** Declared indexes: unique constraints through the SDK, and index-served queries that provably don't scan. */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VirtualClock } from '../../src/clock';
import { createDatabase, type LocalDatabase } from '../../src/db';
import type { DatabaseSchema } from '../../src/types';
import { connectSdk, failure, type SdkHarness } from './sdk';

const schema: DatabaseSchema = {
  collections: {
    users: {
      indexes: [
        { name: 'email_1', unique: true, keys: [{ name: 'email', direction: '1' }] },
        {
          name: 'shop_1_code_1',
          unique: true,
          keys: [
            { name: 'shop', direction: '1' },
            { name: 'code', direction: '-1' },
          ],
        },
      ],
    },
    products: {
      indexes: [
        {
          name: 'shop_1_price_-1',
          keys: [
            { name: 'shop', direction: '1' },
            { name: 'price', direction: '-1' },
          ],
        },
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
    expect(error.errMsg).toContain(
      'E11000 duplicate key error collection: users index: email_1 dup key: { email: "a@x" }',
    );
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
    await users().add({
      data: [
        { _id: 'u1', email: 'a', shop: 's', code: 1 },
        { _id: 'u2', email: 'b', shop: 's', code: 2 },
      ],
    });
    const error = await failure(
      users()
        .doc('u2')
        .update({ data: { email: 'a' } }),
    );
    expect(error.errMsg).toContain('E11000');
    expect(
      await failure(
        users()
          .doc('u2')
          .set({ data: { email: 'a', shop: 'x', code: 9 } }),
      ),
    ).toMatchObject({ errCode: -501001 });
    expect(
      await failure(
        users()
          .where({ shop: 's' })
          .update({ data: { email: 'same' } }),
      ),
    ).toMatchObject({ errCode: -501001 });
    expect((await users().orderBy('email', 'asc').get()).data.map((d: { email: string }) => d.email)).toEqual([
      'a',
      'b',
    ]);
    // Swapping a value onto a document that just gave it up is fine.
    await users()
      .doc('u1')
      .update({ data: { email: 'c' } });
    await users()
      .doc('u2')
      .update({ data: { email: 'a' } });
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
    const reply = await db.handle('database.getDocument', {
      collectionName: 'products',
      queryType: 'WHERE',
      limit: 100,
      ...request,
    });
    return { count: db.stats().documentsExamined - before, reply };
  };
  const idsOf = (reply: unknown): string[] =>
    (reply as { data: { list: string[] } }).data.list.map((text) => (JSON.parse(text) as { _id: string })._id);

  test('equality on the first key + a range on the second, in index order: only `limit` documents are examined', async () => {
    const { count, reply } = await examined({
      query: '{"shop":"s3","price":{"$gte":{"$numberInt":"5000"}}}',
      order: '{"price":{"$numberInt":"-1"}}',
      limit: 3,
    });
    expect(count).toBe(3);
    expect(idsOf(reply)).toEqual(['p9983', 'p9963', 'p9943']);
  });

  test('$eq, $in and $and members use indexes too; _id lookups examine one document', async () => {
    expect((await examined({ query: '{"meta.sku":{"$eq":"k42"}}' })).count).toBe(1);
    expect((await examined({ query: '{"shop":{"$in":["s1","s2"]}}', limit: 1000 })).count).toBe(2 * perShop);
    expect((await examined({ query: '{"$and":[{"price":{"$gt":{"$numberInt":"3"}}},{"meta.sku":"k7"}]}' })).count).toBe(
      1,
    );
    const byId = await examined({ queryType: 'DOC', query: '{"_id":"p17"}' });
    expect(byId.count).toBe(1);
    expect(idsOf(byId.reply)).toEqual(['p17']);
  });

  test('array fields are multikey: equality on an element uses the index', async () => {
    const { count, reply } = await examined({
      query: '{"tags":"t3"}',
      order: '{"price":{"$numberInt":"1"}}',
      limit: 2,
    });
    expect(count).toBe(Math.ceil((shops * perShop - 3) / 7));
    expect(idsOf(reply)).toEqual(['p3', 'p10']);
  });

  test('a $lookup whose sub-pipeline opens with a constant $match joins through the index instead of a scan', async () => {
    const before = db.stats().documentsExamined;
    const reply = (await db.handle('database.aggregateDocuments', {
      collectionName: 'products',
      stages: [
        { stageKey: '$match', stageValue: '{"_id":"p5"}' },
        {
          stageKey: '$lookup',
          stageValue:
            '{"from":"products","pipeline":[{"$match":{"meta.sku":"k42"}},{"$project":{"price":1}}],"as":"same"}',
        },
        { stageKey: '$project', stageValue: '{"same":1}' },
      ],
    })) as { data: { list: string[] } };
    expect(db.stats().documentsExamined - before).toBe(2);
    expect(reply.data.list.map((text) => JSON.parse(text) as unknown)).toEqual([
      { _id: 'p5', same: [{ _id: 'p42', price: 42 }] },
    ]);
  });

  test('a query on an unindexed field scans', async () => {
    expect((await examined({ query: '{"price":{"$numberInt":"5"}}' })).count).toBe(shops * perShop);
  });

  test('indexes follow updates and removals', async () => {
    await db.handle('database.modifyDocument', {
      collectionName: 'products',
      queryType: 'DOC',
      merge: true,
      query: '{"_id":"p0"}',
      data: '{"$set":{"shop":"moved"}}',
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

describe('ordered compound indexes (engine level)', () => {
  const compound: DatabaseSchema = {
    collections: {
      commissions: {
        indexes: [
          {
            name: 'status_settle',
            keys: [
              { name: 'status', direction: '1' },
              { name: 'settleAt', direction: '1' },
            ],
          },
        ],
      },
      products: {
        indexes: [
          {
            name: 'shelf_category_sort',
            keys: [
              { name: 'onShelf', direction: '1' },
              { name: 'categoryId', direction: '1' },
              { name: 'sort', direction: '-1' },
            ],
          },
        ],
      },
    },
  };
  const STATUSES = ['frozen', 'settled', 'reversed'];
  type Commission = { _id: string; status: string; settleAt: number | string | null };
  /** Deterministic pseudo-random settle times with many ties, some null and some of another type. */
  const commission = (i: number): Commission => ({
    _id: `c${String((i * 7919) % 100_003).padStart(6, '0')}`,
    status: STATUSES[i % 3] as string,
    settleAt: i % 50 === 0 ? null : i % 97 === 0 ? 'soon' : 1000 + ((i * 2654435761) % 4001),
  });

  let dir: string;
  let db: LocalDatabase;
  const open = () => createDatabase({ dataDir: dir, clock: new VirtualClock(), schema: compound });
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'db-ordered-'));
    db = await open();
    await db.seed(
      'commissions',
      Array.from({ length: 20_000 }, (_, i) => commission(i)),
    );
  });
  afterAll(async () => {
    await db.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  interface Query {
    query: Record<string, unknown>;
    order?: Record<string, 1 | -1>;
    offset?: number;
    limit: number;
  }
  const run = async (collectionName: string, { query, order, offset, limit }: Query) => {
    const before = db.stats().documentsExamined;
    const reply = await db.handle('database.getDocument', {
      collectionName,
      queryType: 'WHERE',
      query: JSON.stringify(query),
      order: order && JSON.stringify(order),
      offset,
      limit,
    });
    if (!('data' in reply)) throw new Error(JSON.stringify(reply));
    const docs = (reply.data as { list: string[] }).list.map((text) => JSON.parse(text) as Commission);
    return { docs, ids: docs.map((doc) => doc._id), examined: db.stats().documentsExamined - before };
  };
  /** What a full scan gives: the collection in natural order, filtered, stable-sorted, paged. */
  const bruteForce = async (
    collectionName: string,
    keep: (doc: Commission) => boolean,
    order: Array<[keyof Commission, 1 | -1]>,
    offset: number,
    limit: number,
  ) => {
    const all = (await db.dump(collectionName)) as Commission[];
    const compare = (a: Commission, b: Commission) => {
      for (const [field, direction] of order) {
        const [x, y] = [a[field] as number | string, b[field] as number | string];
        if (x !== y) return (x < y ? -1 : 1) * direction;
      }
      return 0;
    };
    return all
      .filter(keep)
      .sort(compare)
      .slice(offset, offset + limit)
      .map((doc) => doc._id);
  };
  const isNumber = (value: unknown): value is number => typeof value === 'number';

  test('equality + range + orderBy + limit examines about `limit` documents and equals a full scan', async () => {
    const query = { status: 'frozen', settleAt: { $lte: 3000 } };
    const page = await run('commissions', { query, order: { settleAt: 1 }, offset: 40, limit: 60 });
    expect(page.examined).toBeLessThanOrEqual(100 + 2);
    const expected = await bruteForce(
      'commissions',
      (d) => d.status === 'frozen' && isNumber(d.settleAt) && d.settleAt <= 3000,
      [['settleAt', 1]],
      40,
      60,
    );
    expect(page.ids).toEqual(expected);
    expect(expected).toHaveLength(60);
  });

  test('reverse order walks the index backwards; ties stay in natural order as a stable sort leaves them', async () => {
    const query = { status: 'settled', settleAt: { $gt: 1500, $lt: 4000 } };
    const page = await run('commissions', { query, order: { settleAt: -1 }, limit: 200 });
    expect(page.examined).toBeLessThanOrEqual(200 + 2);
    const keep = (d: Commission) =>
      d.status === 'settled' && isNumber(d.settleAt) && d.settleAt > 1500 && d.settleAt < 4000;
    expect(page.ids).toEqual(await bruteForce('commissions', keep, [['settleAt', -1]], 0, 200));
  });

  test('$in on the prefix merges the stretches in order; a trailing _id orders ties', async () => {
    const query = { status: { $in: ['reversed', 'frozen'] }, settleAt: { $gte: 2000 } };
    const page = await run('commissions', { query, order: { settleAt: 1, _id: -1 }, limit: 100 });
    expect(page.examined).toBeLessThanOrEqual(100 + 2);
    const keep = (d: Commission) => d.status !== 'settled' && isNumber(d.settleAt) && d.settleAt >= 2000;
    expect(page.ids).toEqual(
      await bruteForce(
        'commissions',
        keep,
        [
          ['settleAt', 1],
          ['_id', -1],
        ],
        0,
        100,
      ),
    );
  });

  test('keyset paging with $or (the settlement query) reads each page from where the last one ended', async () => {
    const now = 2500;
    const keep = (d: Commission) => d.status === 'frozen' && isNumber(d.settleAt) && d.settleAt <= now;
    const expected = await bruteForce(
      'commissions',
      keep,
      [
        ['settleAt', 1],
        ['_id', 1],
      ],
      0,
      100_000,
    );
    const pages: string[] = [];
    let cursor: Commission | undefined;
    for (;;) {
      const due = { status: 'frozen', settleAt: { $lte: now } };
      const after = cursor && {
        $or: [{ settleAt: { $gt: cursor.settleAt } }, { settleAt: cursor.settleAt, _id: { $gt: cursor._id } }],
      };
      const page = await run('commissions', {
        query: after ? { $and: [due, after] } : due,
        order: { settleAt: 1, _id: 1 },
        limit: 250,
      });
      // Only the cursor's tied settle time is walked again.
      expect(page.examined).toBeLessThanOrEqual(250 + 10);
      pages.push(...page.ids);
      if (page.ids.length < 250) break;
      cursor = page.docs[page.docs.length - 1];
    }
    expect(pages).toEqual(expected);
  });

  test('an order the index cannot give, and no order at all, still match a full scan', async () => {
    const query = { status: 'frozen', settleAt: { $gte: 3500 } };
    const keep = (d: Commission) => d.status === 'frozen' && isNumber(d.settleAt) && d.settleAt >= 3500;
    const byId = await run('commissions', { query, order: { _id: 1 }, limit: 50 });
    expect(byId.ids).toEqual(await bruteForce('commissions', keep, [['_id', 1]], 0, 50));
    const natural = await run('commissions', { query, limit: 50 });
    expect(natural.ids).toEqual(await bruteForce('commissions', keep, [], 0, 50));
    expect(natural.examined).toBe(50);
    // Null and other types sort before/after numbers; equality on null finds missing values too.
    const nulls = await run('commissions', {
      query: { status: 'settled', settleAt: null },
      order: { settleAt: 1 },
      limit: 1000,
    });
    expect(nulls.ids).toEqual(
      await bruteForce('commissions', (d) => d.status === 'settled' && d.settleAt === null, [], 0, 1000),
    );
  });

  test('three-key index with a descending key serves where+orderBy+limit like the storefront', async () => {
    await db.seed(
      'products',
      Array.from({ length: 3000 }, (_, i) => ({
        _id: `p${i}`,
        onShelf: i % 10 !== 0,
        categoryId: `c${i % 7}`,
        sort: i % 40,
      })),
    );
    const query = { onShelf: true, categoryId: 'c3' };
    const desc = await run('products', { query, order: { sort: -1 }, offset: 5, limit: 10 });
    expect(desc.examined).toBeLessThanOrEqual(15 + 2);
    const keep = (d: Commission & Record<string, unknown>) => d.onShelf === true && d.categoryId === 'c3';
    expect(desc.ids).toEqual(
      await bruteForce('products', keep as (d: Commission) => boolean, [['sort' as keyof Commission, -1]], 5, 10),
    );
    const asc = await run('products', { query, order: { sort: 1 }, limit: 10 });
    expect(asc.ids).toEqual(
      await bruteForce('products', keep as (d: Commission) => boolean, [['sort' as keyof Commission, 1]], 0, 10),
    );
  });

  test('the index follows updates of indexed fields, removals, transactional commits, reset and a reopened data dir', async () => {
    const query = {
      query: { status: 'frozen', settleAt: { $lte: 1200 } },
      order: { settleAt: 1 } as const,
      limit: 1000,
    };
    const keep = (d: Commission) => d.status === 'frozen' && isNumber(d.settleAt) && d.settleAt <= 1200;
    const check = async () => {
      const page = await run('commissions', query);
      expect(page.ids).toEqual(await bruteForce('commissions', keep, [['settleAt', 1]], 0, 1000));
      return page.ids;
    };
    const [first, second, third] = await check();
    const modify = (id: string | undefined, data: unknown) =>
      db.handle('database.modifyDocument', {
        collectionName: 'commissions',
        queryType: 'DOC',
        merge: true,
        query: JSON.stringify({ _id: id }),
        data: JSON.stringify(data),
      });
    await modify(first, { $set: { status: 'settled' } });
    await modify(second, { $set: { settleAt: 999 } });
    await db.handle('database.modifyDocument', {
      collectionName: 'commissions',
      queryType: 'WHERE',
      multi: true,
      query: '{"status":"reversed","settleAt":{"$lte":1100}}',
      data: '{"$set":{"status":"frozen"}}',
    });
    await db.handle('database.removeDocument', {
      collectionName: 'commissions',
      queryType: 'DOC',
      query: JSON.stringify({ _id: third }),
    });
    const transaction = ((await db.handle('database.startTransaction', {})) as { transactionId: string }).transactionId;
    await db.handle('database.insertDocument', {
      collectionName: 'commissions',
      transactionId: transaction,
      data: ['{"_id":"tx1","status":"frozen","settleAt":1001}'],
    });
    await db.handle('database.modifyDocument', {
      collectionName: 'commissions',
      transactionId: transaction,
      queryType: 'DOC',
      merge: true,
      query: JSON.stringify({ _id: second }),
      data: '{"$set":{"settleAt":5000}}',
    });
    const beforeCommit = await check();
    expect(beforeCommit).not.toContain('tx1');
    await db.handle('database.commitTransaction', { transactionId: transaction });
    const ids = await check();
    expect(ids).toContain('tx1');
    expect(ids).not.toContain(first);
    expect(ids).not.toContain(second);
    expect(ids).not.toContain(third);

    await db.close();
    db = await open();
    expect((await run('commissions', query)).ids).toEqual(ids);

    await db.reset();
    expect((await run('commissions', query)).ids).toEqual([]);
    await db.seed('commissions', [{ _id: 'again', status: 'frozen', settleAt: 1100 }]);
    expect((await run('commissions', query)).ids).toEqual(['again']);
  });
});
