/** Every query operator of the wire notes §6 through the real SDK; expected ids derived by hand from Mongo semantics. */
import { connectSdk, type SdkHarness } from './sdk';

let h: SdkHarness;
const docs = [
  {
    _id: 'a',
    n: 1,
    s: 'apple',
    tags: ['red', 'fruit'],
    o: { x: 1, y: { z: 'q' } },
    arr: [
      { k: 1, v: 'a' },
      { k: 5, v: 'b' },
    ],
    d: new Date('2024-01-01'),
    loc: { type: 'Point', coordinates: [113.3, 23.1] },
  },
  {
    _id: 'b',
    n: 2.5,
    s: 'Banana',
    tags: ['yellow', 'fruit'],
    o: { x: 2 },
    arr: [{ k: 2, v: 'b' }],
    d: new Date('2024-06-01'),
    nul: null,
  },
  {
    _id: 'c',
    n: 10,
    s: 'cherry',
    tags: ['red'],
    o: { x: 1, y: { z: 'r' } },
    arr: [],
    loc: { type: 'Point', coordinates: [116.4, 39.9] },
  },
  { _id: 'd', s: 'date', tags: [], o: { x: 3 }, a: 5, b: 3 },
  { _id: 'e', n: -4, s: 'elder', a: 1, b: 2, tags: ['fruit', 'red', 'small'] },
];

beforeAll(async () => {
  h = await connectSdk({ collections: { q: {} } });
  // Dates and geo points go through the SDK encoder like a user's add would.
  await h.db.collection('q').add({
    data: docs.map((doc) =>
      'loc' in doc && doc.loc ? { ...doc, loc: new h.db.Geo.Point(...(doc.loc.coordinates as [number, number])) } : doc,
    ),
  });
});
afterAll(() => h.close());

const ids = async (where: unknown): Promise<string[]> =>
  (await h.db.collection('q').where(where).get()).data.map((doc: { _id: string }) => doc._id);

test('comparison: eq neq gt gte lt lte', async () => {
  const _ = h.db.command;
  expect(await ids({ n: 1 })).toEqual(['a']);
  expect(await ids({ n: _.eq(2.5) })).toEqual(['b']);
  expect(await ids({ n: _.neq(1) })).toEqual(['b', 'c', 'd', 'e']); // $ne matches documents missing the field
  expect(await ids({ n: _.gt(2) })).toEqual(['b', 'c']);
  expect(await ids({ n: _.gte(2.5) })).toEqual(['b', 'c']);
  expect(await ids({ n: _.lt(1) })).toEqual(['e']);
  expect(await ids({ n: _.lte(1) })).toEqual(['a', 'e']);
  expect(await ids({ d: _.gt(new Date('2024-03-01')) })).toEqual(['b']);
});

test('in nin all', async () => {
  const _ = h.db.command;
  expect(await ids({ n: _.in([1, 10]) })).toEqual(['a', 'c']);
  expect(await ids({ tags: _.in(['yellow', 'small']) })).toEqual(['b', 'e']);
  expect(await ids({ n: _.nin([1, 10]) })).toEqual(['b', 'd', 'e']);
  expect(await ids({ tags: _.all(['red', 'fruit']) })).toEqual(['a', 'e']);
});

test('exists size mod', async () => {
  const _ = h.db.command;
  expect(await ids({ n: _.exists(false) })).toEqual(['d']);
  expect(await ids({ nul: _.exists(true) })).toEqual(['b']);
  expect(await ids({ tags: _.size(0) })).toEqual(['d']);
  expect(await ids({ tags: _.size(2) })).toEqual(['a', 'b']);
  expect(await ids({ n: _.mod(3, 1) })).toEqual(['a', 'c']); // 1 % 3 = 1, 10 % 3 = 1; -4 % 3 = -1 in Mongo
  expect(await ids({ n: _.mod([5, 0]) })).toEqual(['c']);
});

test('elemMatch and array element matching', async () => {
  const _ = h.db.command;
  expect(await ids({ arr: _.elemMatch({ k: _.gt(1), v: 'b' }) })).toEqual(['a', 'b']);
  expect(await ids({ arr: _.elemMatch({ k: _.gt(3) }) })).toEqual(['a']);
  expect(await ids({ tags: 'red' })).toEqual(['a', 'c', 'e']); // scalar equality matches an element
  expect(await ids({ tags: ['red'] })).toEqual(['c']); // array equality is exact
  expect(await ids({ 'arr.k': 2 })).toEqual(['b']);
  expect(await ids({ 'tags.0': 'red' })).toEqual(['a', 'c']);
});

test('null matches missing fields and explicit nulls', async () => {
  expect(await ids({ nul: null })).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(await ids({ n: null })).toEqual(['d']);
});

test('logical: and or nor not, on fields and at the top level', async () => {
  const _ = h.db.command;
  expect(await ids({ n: _.gt(0).and(_.lt(5)) })).toEqual(['a', 'b']);
  expect(await ids({ n: _.and(_.gt(1), _.lt(20)) })).toEqual(['b', 'c']);
  expect(await ids({ n: _.lt(0).or(_.gt(5)) })).toEqual(['c', 'e']);
  expect(await ids({ n: _.or([_.eq(1), _.eq(2.5)]) })).toEqual(['a', 'b']);
  expect(await ids(_.or([{ n: 1 }, { s: 'date' }]))).toEqual(['a', 'd']);
  expect(await ids(_.and([{ tags: 'red' }, { n: _.gt(0) }]))).toEqual(['a', 'c']);
  expect(await ids(_.nor([{ tags: 'red' }, { n: _.exists(false) }]))).toEqual(['b']);
  expect(await ids({ n: _.nor([_.eq(1), _.eq(10)]) })).toEqual(['b', 'd', 'e']);
  expect(await ids({ n: _.not(_.gt(2)) })).toEqual(['a', 'd', 'e']); // $not also matches documents missing the field
});

test('regular expressions: RegExp, db.RegExp, $not with a regex', async () => {
  const _ = h.db.command;
  expect(await ids({ s: /^b/i })).toEqual(['b']);
  expect(await ids({ s: /an/g })).toEqual(['b']); // the g flag the SDK forwards must not make matching stateful
  expect(await ids({ s: /an/g })).toEqual(['b']);
  expect(await ids({ s: h.db.RegExp({ regexp: 'RR', options: 'i' }) })).toEqual(['c']);
  expect(await ids({ s: _.not(/e/) })).toEqual(['b']);
  expect(await ids({ tags: /^sm/ })).toEqual(['e']);
});

test('nested plain objects are flattened into dotted paths (not exact sub-document equality)', async () => {
  const _ = h.db.command;
  expect(await ids({ o: { x: 1 } })).toEqual(['a', 'c']);
  expect(await ids({ o: { y: { z: 'q' } } })).toEqual(['a']);
  expect(await ids({ o: { x: 1, y: { z: _.in(['r']) } } })).toEqual(['c']);
  expect(await ids({ 'o.y.z': 'r' })).toEqual(['c']);
  expect(await ids({ o: {} })).toEqual(['a', 'b', 'c', 'd', 'e']); // an empty object drops the condition
});

test('hand-written $ operators pass through', async () => {
  expect(await ids({ n: { $gte: 2.5 } })).toEqual(['b', 'c']);
  expect(await ids({ $or: [{ n: { $lt: 0 } }, { s: { $regex: '^ch' } }] })).toEqual(['c', 'e']);
  expect(await ids({ o: { $eq: { x: 2 } } })).toEqual(['b']); // $eq on an object is exact sub-document equality
  expect(await ids({ nul: { $type: 'null' } })).toEqual(['b']);
});

test('$expr compares fields of the same document', async () => {
  const _ = h.db.command;
  const $ = _.aggregate;
  expect(await ids(_.expr($.gt(['$a', '$b'])))).toEqual(['d']);
  expect(await ids({ s: /e/, ..._.expr($.lt(['$a', '$b'])) })).toEqual(['e']);
});

test('numbers compare across int and double', async () => {
  const _ = h.db.command;
  expect(await ids({ n: _.in([2.5, 10.0]) })).toEqual(['b', 'c']);
  expect(await ids({ n: 10.0 })).toEqual(['c']);
});

test('geo: geoNear orders by distance, geoWithin polygon and centerSphere, geoIntersects', async () => {
  const _ = h.db.command;
  const { Point, Polygon, LineString } = h.db.Geo;
  // Guangzhou (a) is ~1900 km from Beijing (c).
  expect(await ids({ loc: _.geoNear({ geometry: new Point(116, 40), maxDistance: 3_000_000 }) })).toEqual(['c', 'a']);
  expect(await ids({ loc: _.geoNear({ geometry: new Point(116, 40), maxDistance: 200_000 }) })).toEqual(['c']);
  expect(await ids({ loc: _.geoNear({ geometry: new Point(116, 40), minDistance: 200_000 }) })).toEqual(['a']);
  const southChina = new Polygon([
    new LineString([
      new Point(110, 20),
      new Point(120, 20),
      new Point(120, 26),
      new Point(110, 26),
      new Point(110, 20),
    ]),
  ]);
  expect(await ids({ loc: _.geoWithin({ geometry: southChina }) })).toEqual(['a']);
  expect(await ids({ loc: _.geoIntersects({ geometry: southChina }) })).toEqual(['a']);
  expect(await ids({ loc: _.geoWithin({ centerSphere: [[116.4, 39.9], 0.01] }) })).toEqual(['c']);
});
