/**
 * Every query operator CloudBase documents (db.command, "查询指令": eq neq lt lte gt gte in nin and or nor not
 * exists mod all elemMatch size geoNear geoWithin geoIntersects expr, plus db.RegExp), through both server SDKs.
 * Expectations are worked out by hand from the documented semantics (CloudBase pages cited per case; where
 * CloudBase defers to MongoDB 4.x, MongoDB's reference page), never copied from the emulator.
 */
import { ids, useConformance, type Client, type Doc } from './clients';

const conformance = useConformance();

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const inventory: Doc[] = [
  {
    _id: 'a',
    qty: 5,
    price: 10,
    tags: ['red', 'blank'],
    sizes: [1, 5, 10],
    scores: [
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ],
    loc: point(113.33, 23.13),
    desc: 'hello world',
  },
  {
    _id: 'b',
    qty: 20,
    price: 20,
    tags: ['blue'],
    sizes: [20],
    scores: [{ x: 5, y: 6 }],
    loc: point(116.4, 39.9),
    desc: 'Bonjour',
  },
  { _id: 'c', qty: 50, tags: ['red', 'blue', 'plain'], sizes: [{ x: 1 }], desc: 'HELLO there' },
  { _id: 'd', qty: 0, price: 5, tags: [], sizes: [] },
];

beforeAll(() => conformance.seed('inventory', inventory));

/** A square around Guangzhou (113.33E 23.13N), which holds 'a' and not Beijing's 'b'. */
const guangzhou = (c: Client) =>
  new c.db.Geo.Polygon([
    new c.db.Geo.LineString(
      [
        [113, 23],
        [114, 23],
        [114, 24],
        [113, 24],
        [113, 23],
      ].map(([lng, lat]) => new c.db.Geo.Point(lng, lat)),
    ),
  ]);

const cases: Array<[string, (c: Client) => Doc, string[]]> = [
  // https://docs.cloudbase.net/api-reference/server/node-sdk/database/command (eq/neq/lt/lte/gt/gte/in/nin)
  ['eq', ({ _ }) => ({ qty: _.eq(20) }), ['b']],
  ['neq', ({ _ }) => ({ qty: _.neq(20) }), ['a', 'c', 'd']],
  ['lt', ({ _ }) => ({ qty: _.lt(20) }), ['a', 'd']],
  ['lte', ({ _ }) => ({ qty: _.lte(20) }), ['a', 'b', 'd']],
  ['gt', ({ _ }) => ({ qty: _.gt(5) }), ['b', 'c']],
  ['gte', ({ _ }) => ({ qty: _.gte(5) }), ['a', 'b', 'c']],
  ['in', ({ _ }) => ({ qty: _.in([5, 50]) }), ['a', 'c']],
  ['nin', ({ _ }) => ({ qty: _.nin([5, 50]) }), ['b', 'd']],
  // neq/nin also match documents without the field (MongoDB $ne/$nin): 'c' has no price.
  ['neq on a missing field', ({ _ }) => ({ price: _.neq(10) }), ['b', 'c', 'd']],
  // Logical: and/or/nor/not (command.and / command.or / command.nor / command.not)
  ['and', ({ _ }) => ({ qty: _.gt(0).and(_.lt(50)) }), ['a', 'b']],
  ['or across fields', ({ _ }) => _.or([{ qty: _.lt(5) }, { price: _.gte(20) }]), ['b', 'd']],
  ['nor', ({ _ }) => _.nor([{ qty: _.lt(5) }, { price: _.gte(20) }]), ['a', 'c']],
  ['not', ({ _ }) => ({ qty: _.not(_.gt(5)) }), ['a', 'd']],
  // Field: exists, mod (0 % 10 is 0, so 'd' matches)
  ['exists false', ({ _ }) => ({ price: _.exists(false) }), ['c']],
  ['mod', ({ _ }) => ({ qty: _.mod(10, 0) }), ['b', 'c', 'd']],
  // Arrays: all, elemMatch, size; a scalar condition on an array matches any element (MongoDB "query an array")
  ['all', ({ _ }) => ({ tags: _.all(['red', 'blue']) }), ['c']],
  ['element equality', () => ({ tags: 'blue' }), ['b', 'c']],
  ['elemMatch with field criteria', ({ _ }) => ({ scores: _.elemMatch({ x: _.gte(3), y: _.lt(6) }) }), ['a']],
  // Field criteria only look at elements that are documents: 'a' has plain numbers, so only 'c' (issue 20).
  ['elemMatch field criteria skip plain values', ({ _ }) => ({ sizes: _.elemMatch({ x: 1 }) }), ['c']],
  [
    'elemMatch field criteria with null skip plain values',
    ({ _ }) => ({ sizes: _.elemMatch({ x: _.in([1, null]) }) }),
    ['c'],
  ],
  ['elemMatch value criteria', ({ _ }) => ({ sizes: _.elemMatch(_.gt(8)) }), ['a', 'b']],
  ['size', ({ _ }) => ({ tags: _.size(1) }), ['b']],
  ['size 0', ({ _ }) => ({ sizes: _.size(0) }), ['d']],
  // db.RegExp (Database.RegExp): options 'i' is case-insensitive
  ['RegExp', ({ db }) => ({ desc: db.RegExp({ regexp: '^hello', options: 'i' }) }), ['a', 'c']],
  // Geo: geoNear (within 1 km of 'a'), geoWithin and geoIntersects a polygon around Guangzhou
  [
    'geoNear',
    ({ _, db }) => ({ loc: _.geoNear({ geometry: new db.Geo.Point(113.33, 23.13), maxDistance: 1000 }) }),
    ['a'],
  ],
  ['geoWithin', (c) => ({ loc: c._.geoWithin({ geometry: guangzhou(c) }) }), ['a']],
  ['geoIntersects', (c) => ({ loc: c._.geoIntersects({ geometry: guangzhou(c) }) }), ['a']],
  // expr (command.expr + aggregation operators): a missing price is below every number in BSON order
  ['expr', ({ _, $ }) => _.expr($.gt(['$qty', '$price'])), ['c']],
  // $jsonSchema (MongoDB 4.x query operator, draft 4 + bsonType) (issue 20)
  [
    '$jsonSchema required + bsonType',
    () => ({ $jsonSchema: { required: ['price'], properties: { qty: { bsonType: 'int', minimum: 5 } } } }),
    ['a', 'b'],
  ],
  [
    '$jsonSchema array items',
    () => ({
      $jsonSchema: {
        properties: { tags: { bsonType: 'array', minItems: 2, items: { enum: ['red', 'blue', 'plain', 'blank'] } } },
        required: ['tags'],
      },
    }),
    ['a', 'c'],
  ],
];

describe.each(['wx-server-sdk', '@cloudbase/node-sdk'] as const)('query operators through %s', (sdk) => {
  const client = () => conformance.clients.find((c) => c.name === sdk) as Client;
  test.each(cases)('%s', async (_name, where, expected) => {
    const c = client();
    expect(ids(await c.find('inventory', where(c)))).toEqual(expected);
  });

  // Collection.count counts what where() matches (Collection.count docs).
  test('count', async () => {
    const c = client();
    expect(
      (
        await c.db
          .collection('inventory')
          .where({ qty: c._.gte(5) })
          .count()
      ).total,
    ).toBe(3);
  });
});
