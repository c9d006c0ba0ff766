/** Every CRUD action of the wire notes §2 through the real wx-server-sdk, with MongoDB semantics checked by hand. */
import { connectSdk, failure, type SdkHarness } from './sdk';

let h: SdkHarness;
beforeAll(async () => {
  h = await connectSdk({ collections: { items: {}, big: {}, other: {} } });
  // One shared 1200-document collection for the limit tests: inserted once, in batches.
  const docs = Array.from({ length: 1200 }, (_, i) => ({ i }));
  for (let start = 0; start < docs.length; start += 300) {
    await h.db.collection('big').add({ data: docs.slice(start, start + 300) });
  }
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.collection('items').where({}).remove();
});

const items = () => h.db.collection('items');

describe('add', () => {
  test('generates a 32-hex _id and stores every EJSON type', async () => {
    const { _id } = await items().add({
      data: {
        n: 1,
        f: 1.5,
        big: 2 ** 40,
        d: new Date(-1000),
        re: /ab+c/gi,
        s: 'x',
        b: true,
        z: null,
        a: [1, 'two'],
        o: { p: { q: 1 } },
      },
    });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await items().doc(_id).get();
    expect(data).toEqual({
      _id,
      n: 1,
      f: 1.5,
      big: 2 ** 40,
      d: new Date(-1000),
      re: { pattern: 'ab+c', options: 'i' }, // the SDK hands regexes back as {pattern, options}; g is not a Mongo flag
      s: 'x',
      b: true,
      z: null,
      a: [1, 'two'],
      o: { p: { q: 1 } },
    });
  });

  test('keeps a user-supplied string or numeric _id and adds several documents in order', async () => {
    const { _ids } = await items().add({ data: [{ _id: 'mine', v: 1 }, { _id: 7, v: 2 }, { v: 3 }] });
    expect(_ids.slice(0, 2)).toEqual(['mine', 7]);
    expect((await items().doc(7).get()).data).toEqual({ _id: 7, v: 2 });
    expect((await items().doc('mine').get()).data.v).toBe(1);
    expect((await items().get()).data.map((d: { v: number }) => d.v)).toEqual([1, 2, 3]);
  });

  test('a duplicate _id is rejected with the E11000 text and nothing is written', async () => {
    await items().add({ data: { _id: 'dup', v: 1 } });
    const error = await failure(items().add({ data: { _id: 'dup', v: 2 } }));
    expect(error.errCode).toBe(-501001);
    expect(error.errMsg).toContain('E11000 duplicate key error collection: items index: _id_ dup key: { _id: "dup" }');
    expect((await items().doc('dup').get()).data.v).toBe(1);
  });

  test('serverDate takes the virtual clock plus its offset', async () => {
    const base = Date.UTC(2030, 0, 1);
    await h.clock.set(base);
    const { _id } = await items().add({ data: { at: h.db.serverDate(), later: h.db.serverDate({ offset: 60_000 }) } });
    h.clock.resetToRealTime();
    const { data } = await items().doc(_id).get();
    expect(Math.abs(data.at.getTime() - base)).toBeLessThan(1000);
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
  });
});

describe('get', () => {
  beforeEach(async () => {
    await items().add({
      data: [
        { _id: 'a', n: 3, g: 'x', t: 1 },
        { _id: 'b', n: 1, g: 'y', t: 2 },
        { _id: 'c', n: 2, g: 'x', t: 3 },
        { _id: 'd', n: 2, g: 'y', t: 4 },
      ],
    });
  });

  test('natural order without orderBy is insertion order', async () => {
    expect((await items().get()).data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('orderBy on several fields, skip and limit', async () => {
    const { data } = await items().orderBy('n', 'desc').orderBy('t', 'asc').skip(1).limit(2).get();
    // n desc, t asc: a(3), c(2,t3), d(2,t4), b(1) → skip 1 → c, d
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['c', 'd']);
  });

  test('doc get of a missing document fails as the SDK reports it', async () => {
    const error = await failure(items().doc('nope').get());
    expect(error.errMsg).toContain('document with _id nope does not exist');
  });

  test('field() projections: include, exclude, dotted, slice, elemMatch', async () => {
    await items().add({
      data: { _id: 'p', o: { x: 1, y: 2 }, arr: [1, 2, 3, 4], subs: [{ k: 1 }, { k: 2 }, { k: 2, m: 1 }], keep: 1 },
    });
    const _ = h.db.command;
    expect((await items().doc('p').field({ keep: true }).get()).data).toEqual({ _id: 'p', keep: 1 });
    expect((await items().doc('p').field({ 'o.x': true }).get()).data).toEqual({ _id: 'p', o: { x: 1 } });
    const excluded = (await items().doc('p').field({ arr: false, subs: false, o: false }).get()).data;
    expect(excluded).toEqual({ _id: 'p', keep: 1 });
    expect(
      (
        await items()
          .doc('p')
          .field({ arr: _.project.slice(2) })
          .get()
      ).data.arr,
    ).toEqual([1, 2]);
    expect(
      (
        await items()
          .doc('p')
          .field({ arr: _.project.slice([1, 2]) })
          .get()
      ).data.arr,
    ).toEqual([2, 3]);
    expect(
      (
        await items()
          .doc('p')
          .field({ arr: _.project.slice(-1) })
          .get()
      ).data.arr,
    ).toEqual([4]);
    expect(
      (
        await items()
          .doc('p')
          .field({ subs: _.project.elemMatch({ k: 2 }) })
          .get()
      ).data,
    ).toEqual({ _id: 'p', subs: [{ k: 2 }] });
  });

  test('count counts matches without a limit', async () => {
    expect((await items().where({ g: 'x' }).count()).total).toBe(2);
    expect((await items().count()).total).toBe(4);
    expect((await h.db.collection('big').count()).total).toBe(1200);
  });
});

describe('limits', () => {
  test('get() returns 100 by default, limit raises it, and 1000 is the cap', async () => {
    const big = h.db.collection('big');
    expect((await big.get()).data).toHaveLength(100);
    expect((await big.limit(250).get()).data).toHaveLength(250);
    expect((await big.limit(5000).get()).data).toHaveLength(1000);
    const page = (await big.skip(1150).limit(100).get()).data;
    expect(page.map((d: { i: number }) => d.i)).toEqual(Array.from({ length: 50 }, (_, k) => 1150 + k));
  });

  test('the server caps a raw limit above 1000 too', async () => {
    const reply = await h.engine.handle('database.getDocument', {
      collectionName: 'big',
      queryType: 'WHERE',
      limit: 5000,
    });
    expect('data' in reply && (reply.data as { list: unknown[] }).list).toHaveLength(1000);
  });
});

describe('update and set', () => {
  beforeEach(async () => {
    await items().add({
      data: [
        { _id: 'a', n: 1, o: { p: 1, q: 1 } },
        { _id: 'b', n: 1 },
        { _id: 'c', n: 2 },
      ],
    });
  });

  test('doc update merges nested plain objects into dotted $set', async () => {
    const result = await items()
      .doc('a')
      .update({ data: { o: { q: 5, r: 6 }, n: 10 } });
    expect(result.stats.updated).toBe(1);
    expect((await items().doc('a').get()).data).toEqual({ _id: 'a', n: 10, o: { p: 1, q: 5, r: 6 } });
  });

  test('updated counts documents actually modified', async () => {
    expect(
      (
        await items()
          .doc('a')
          .update({ data: { n: 1 } })
      ).stats.updated,
    ).toBe(0);
    expect(
      (
        await items()
          .doc('zzz')
          .update({ data: { n: 1 } })
      ).stats.updated,
    ).toBe(0);
    expect(
      (
        await items()
          .where({ n: 1 })
          .update({ data: { n: 1, m: 1 } })
      ).stats.updated,
    ).toBe(2);
  });

  test('where update multi by default, and only the first match with multi:false', async () => {
    expect(
      (
        await items()
          .where({ n: 1 })
          .update({ data: { tag: 'all' } })
      ).stats.updated,
    ).toBe(2);
    const one = await h.engine.handle('database.modifyDocument', {
      collectionName: 'items',
      queryType: 'WHERE',
      multi: false,
      merge: true,
      upsert: false,
      query: '{"n":{"$numberInt":"1"}}',
      data: '{"$set":{"first":true}}',
    });
    expect(one).toEqual({ data: { updated: 1 } });
    expect((await items().where({ first: true }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['a']);
  });

  test('collection.update without where updates everything', async () => {
    expect((await items().update({ data: { all: 1 } })).stats.updated).toBe(3);
  });

  test('doc set replaces an existing document (keeping _id) and upserts a missing one', async () => {
    const replaced = await items()
      .doc('a')
      .set({ data: { only: 1 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await items().doc('a').get()).data).toEqual({ _id: 'a', only: 1 });
    const created = await items()
      .doc('new')
      .set({ data: { v: 2 } });
    expect(created._id).toBe('new');
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect((await items().doc('new').get()).data).toEqual({ _id: 'new', v: 2 });
  });

  test('doc set sends upsert_id only when it creates', async () => {
    const body = (id: string) => ({
      collectionName: 'items',
      queryType: 'DOC',
      multi: false,
      merge: false,
      upsert: true,
      query: JSON.stringify({ _id: id }),
      data: '{"v":{"$numberInt":"1"}}',
    });
    expect(await h.engine.handle('database.modifyDocument', body('fresh'))).toEqual({
      data: { updated: 0, upsert_id: 'fresh' },
    });
    // Document.set: "updated: 成功更新的记录数量，若指定的 _id 已存在则为 1" — 1 even though the values are the same.
    expect(await h.engine.handle('database.modifyDocument', body('fresh'))).toEqual({ data: { updated: 1 } });
  });

  test('serverDate in update values and in queries', async () => {
    await items()
      .doc('b')
      .update({ data: { at: h.db.serverDate({ offset: -60_000 }) } });
    const { data } = await items()
      .where({ at: h.db.command.lt(h.db.serverDate()) })
      .get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['b']);
    const future = await items()
      .where({ at: h.db.command.gt(h.db.serverDate()) })
      .get();
    expect(future.data).toEqual([]);
  });

  test('an update of _id is a Mongo error', async () => {
    const reply = await h.engine.handle('database.modifyDocument', {
      collectionName: 'items',
      queryType: 'DOC',
      multi: false,
      merge: true,
      upsert: false,
      query: '{"_id":"a"}',
      data: '{"$set":{"_id":"z"}}',
    });
    expect(reply).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });

  test('a type mismatch is a Mongo error the SDK reports as -502001', async () => {
    await items()
      .doc('c')
      .update({ data: { s: 'text' } });
    const error = await failure(
      items()
        .doc('c')
        .update({ data: { s: h.db.command.inc(1) } }),
    );
    expect(error.errCode).toBe(-502001);
    expect(error.errMsg).toContain('Cannot apply $inc to a value of non-numeric type');
    expect((await items().doc('c').get()).data.s).toBe('text');
  });
});

describe('remove', () => {
  beforeEach(async () => {
    await items().add({
      data: [
        { _id: 'a', n: 1 },
        { _id: 'b', n: 1 },
        { _id: 'c', n: 2 },
      ],
    });
  });

  test('doc remove, and of a missing document deleted:0', async () => {
    expect((await items().doc('a').remove()).stats.removed).toBe(1);
    expect((await items().doc('a').remove()).stats.removed).toBe(0);
  });

  test('where remove is multi by default', async () => {
    expect((await items().where({ n: 1 }).remove()).stats.removed).toBe(2);
    expect((await items().count()).total).toBe(1);
  });

  test('multi:false removes only the first match', async () => {
    const reply = await h.engine.handle('database.removeDocument', {
      collectionName: 'items',
      queryType: 'WHERE',
      multi: false,
      query: '{"n":{"$numberInt":"1"}}',
    });
    expect(reply).toEqual({ data: { deleted: 1 } });
    expect((await items().get()).data.map((d: { _id: string }) => d._id)).toEqual(['b', 'c']);
  });

  test('remove on a bare collection sends query "" and removes everything', async () => {
    await items().remove();
    const sent = h.server.actions.filter((a) => a.action === 'database.removeDocument').at(-1);
    expect(sent?.body.query).toBe('');
    expect((await items().count()).total).toBe(0);
  });
});

describe('collections and errors', () => {
  test('every action on a missing collection fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const missing = h.db.collection('missing');
    for (const call of [
      () => missing.add({ data: { a: 1 } }),
      () => missing.get(),
      () => missing.doc('x').get(),
      () => missing.count(),
      () => missing.doc('x').update({ data: { a: 1 } }),
      () => missing.doc('x').set({ data: { a: 1 } }),
      () => missing.where({ a: 1 }).update({ data: { a: 2 } }),
      () => missing.doc('x').remove(),
      () => missing.where({ a: 1 }).remove(),
    ]) {
      const error = await failure(call());
      expect(error.errCode).toBe(-502005);
      expect(error.errMsg).toContain('[ResourceNotFound] Db or Table not exist.');
    }
    const aggregateError = await failure(missing.aggregate().match({}).end());
    expect(aggregateError.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test('createCollection creates once, then DATABASE_COLLECTION_ALREADY_EXIST', async () => {
    const created = await h.db.createCollection('fresh');
    expect(created.errMsg).toBe('createCollection:ok');
    await h.db.collection('fresh').add({ data: { a: 1 } });
    const error = await failure(h.db.createCollection('fresh'));
    expect(error.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    expect(await failure(h.db.createCollection('items'))).toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
  });

  test('malformed requests are INVALID_PARAM and never throw', async () => {
    const handle = h.engine.handle.bind(h.engine);
    expect(await handle('database.nope', {})).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await handle('database.getDocument', { queryType: 'WHERE' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(
      await handle('database.getDocument', { collectionName: 'items', queryType: 'WHERE', query: '{bad' }),
    ).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await handle('database.insertDocument', { collectionName: 'items', data: ['null'] })).toMatchObject({
      code: 'INVALID_PARAM',
    });
    expect(await handle('database.insertDocument', { collectionName: 'items', data: ['"str"'] })).toMatchObject({
      code: 'INVALID_PARAM',
    });
    expect(
      await handle('database.getDocument', { collectionName: 'items', queryType: 'DOC', query: '{}' }),
    ).toMatchObject({ code: 'INVALID_PARAM' });
  });

  test('an unknown query operator is a Mongo error', async () => {
    expect(
      await h.engine.handle('database.getDocument', {
        collectionName: 'items',
        queryType: 'WHERE',
        query: '{"a":{"$bogus":1}}',
        limit: 10,
      }),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});
