/** Aggregation through the real SDK (wire notes §8): stage encoding, results, the default result size. */
import { connectSdk, type SdkHarness } from './sdk';

let h: SdkHarness;
beforeAll(async () => {
  h = await connectSdk({ collections: { sales: {}, shops: {}, many: {} } });
  await h.db.collection('sales').add({
    data: [
      { _id: 's1', shop: 'A', amount: 10, items: ['x', 'y'] },
      { _id: 's2', shop: 'B', amount: 5, items: ['x'] },
      { _id: 's3', shop: 'A', amount: 7, items: [] },
      { _id: 's4', shop: 'C', amount: 1, items: ['z'] },
    ],
  });
  await h.db.collection('shops').add({
    data: [
      { _id: 'A', city: 'GZ' },
      { _id: 'B', city: 'SZ' },
    ],
  });
  await h.db.collection('many').add({ data: Array.from({ length: 30 }, (_, i) => ({ i })) });
});
afterAll(() => h.close());

const agg = (name = 'sales') => h.db.collection(name).aggregate();

test('match group sort skip limit project', async () => {
  const _ = h.db.command;
  const $ = _.aggregate;
  const { list } = await agg()
    .match({ amount: _.gt(1) })
    .group({ _id: '$shop', total: $.sum('$amount'), count: $.sum(1) })
    .sort({ total: -1 })
    .skip(0)
    .limit(10)
    .project({ total: 1, count: 1 })
    .end();
  expect(list).toEqual([
    { _id: 'A', total: 17, count: 2 },
    { _id: 'B', total: 5, count: 1 },
  ]);
  const skipped = await agg().sort({ amount: 1 }).skip(1).limit(2).project({ _id: 1 }).end();
  expect(skipped.list).toEqual([{ _id: 's2' }, { _id: 's3' }]);
});

test('unwind, count, sortByCount, addFields', async () => {
  const unwound = await agg().unwind('$items').project({ items: 1 }).end();
  expect(unwound.list).toEqual([
    { _id: 's1', items: 'x' },
    { _id: 's1', items: 'y' },
    { _id: 's2', items: 'x' },
    { _id: 's4', items: 'z' },
  ]);
  expect((await agg().match({ shop: 'A' }).count('n').end()).list).toEqual([{ n: 2 }]);
  expect((await agg().unwind('$items').sortByCount('$items').limit(1).end()).list).toEqual([{ _id: 'x', count: 2 }]);
  const $ = h.db.command.aggregate;
  const added = await agg()
    .match({ _id: 's2' })
    .addFields({ double: $.multiply(['$amount', 2]) })
    .project({ double: 1 })
    .end();
  expect(added.list).toEqual([{ _id: 's2', double: 10 }]);
});

test('lookup joins another collection, also with a let/pipeline sub-pipeline', async () => {
  const joined = await agg()
    .match({ shop: 'B' })
    .lookup({ from: 'shops', localField: 'shop', foreignField: '_id', as: 'shop' })
    .project({ shop: 1 })
    .end();
  expect(joined.list).toEqual([{ _id: 's2', shop: [{ _id: 'B', city: 'SZ' }] }]);
  const _ = h.db.command;
  const $ = _.aggregate;
  const piped = await h.db
    .collection('shops')
    .aggregate()
    .match({ _id: 'A' })
    .lookup({
      from: 'sales',
      let: { shopId: '$_id' },
      pipeline: $.pipeline()
        .match(_.expr($.eq(['$shop', '$$shopId'])))
        .project({ amount: 1, _id: 0 })
        .done(),
      as: 'sales',
    })
    .end();
  expect(piped.list).toEqual([{ _id: 'A', city: 'GZ', sales: [{ amount: 10 }, { amount: 7 }] }]);
});

test('lookup with a sub-pipeline and no let: a constant $match, later stages, a missing collection', async () => {
  const _ = h.db.command;
  const $ = _.aggregate;
  const { list } = await agg('shops')
    .match({ _id: _.in(['A', 'B']) })
    .lookup({
      from: 'sales',
      pipeline: $.pipeline()
        .match({ amount: _.gte(7) })
        .sort({ amount: 1 })
        .project({ _id: 1 })
        .done(),
      as: 'big',
    })
    .lookup({ from: 'sales', pipeline: $.pipeline().match({ _id: 'nope' }).done(), as: 'none' })
    .lookup({ from: 'no_such_collection', pipeline: $.pipeline().match({ _id: 'A' }).done(), as: 'missing' })
    .sort({ _id: -1 })
    .end();
  expect(list).toEqual([
    { _id: 'B', city: 'SZ', big: [{ _id: 's3' }, { _id: 's1' }], none: [], missing: [] },
    { _id: 'A', city: 'GZ', big: [{ _id: 's3' }, { _id: 's1' }], none: [], missing: [] },
  ]);
  // Each input document gets its own copy of the joined documents.
  const shared = await agg('shops')
    .match({ _id: _.in(['A', 'B']) })
    .lookup({
      from: 'sales',
      pipeline: $.pipeline().match({ _id: 's2' }).addFields({ tag: '$$ROOT._id' }).done(),
      as: 'joined',
    })
    .unwind('$joined')
    .project({ joined: 1 })
    .end();
  expect(shared.list).toEqual([
    { _id: 'A', joined: { _id: 's2', shop: 'B', amount: 5, items: ['x'], tag: 's2' } },
    { _id: 'B', joined: { _id: 's2', shop: 'B', amount: 5, items: ['x'], tag: 's2' } },
  ]);
});

test('without $limit at most 20 results come back; $limit raises it', async () => {
  expect((await agg('many').match({}).end()).list).toHaveLength(20);
  expect((await agg('many').limit(25).end()).list).toHaveLength(25);
});

test('aggregation never modifies the stored documents', async () => {
  await agg().addFields({ amount: 0 }).end();
  expect((await h.db.collection('sales').doc('s1').get()).data.amount).toBe(10);
});

test('stage values on the wire: objects as EJSON, scalars as JSON', async () => {
  await agg().match({ amount: 10 }).skip(0).unwind('$items').count('c').end();
  const sent = h.server.actions.filter((a) => a.action === 'database.aggregateDocuments').at(-1)?.body.stages;
  expect(sent).toEqual([
    { stageKey: '$match', stageValue: '{"amount":{"$numberInt":"10"}}' },
    { stageKey: '$skip', stageValue: '0' },
    { stageKey: '$unwind', stageValue: '"$items"' },
    { stageKey: '$count', stageValue: '"c"' },
  ]);
});
