/**
 * Every aggregation stage and aggregation operator CloudBase documents (Aggregate: addFields bucket bucketAuto
 * count geoNear group limit lookup match project replaceRoot sample skip sort sortByCount unwind; db.command.aggregate
 * operators), through both server SDKs. CloudBase's operator pages restate MongoDB 4.x's; expected values are worked
 * out by hand from those pages (docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/...,
 * www.mongodb.com/docs/v4.4/reference/operator/aggregation/...), most of them the pages' own examples.
 */
import { useConformance, type Client, type Doc } from './clients';

const conformance = useConformance();

const date = (iso: string) => ({ $date: iso });
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

beforeAll(async () => {
  await conformance.seed('sales', [
    { _id: 's1', item: 'apple', price: 10, qty: 2, tags: ['fruit', 'red'] },
    { _id: 's2', item: 'banana', price: 20, qty: 1, tags: ['fruit'] },
    { _id: 's3', item: 'apple', price: 10, qty: 5, tags: [] },
    { _id: 's4', item: 'carrot', price: 5, qty: 10, tags: ['veg'] },
  ]);
  await conformance.seed('fruits', [{ _id: 'f1', name: 'apple' }]);
  await conformance.seed('places', [
    { _id: 'tower', loc: point(113.3245, 23.1064) }, // Canton Tower
    { _id: 'station', loc: point(113.2644, 23.1491) }, // Guangzhou railway station, ~7.8 km away
    { _id: 'beijing', loc: point(116.4074, 39.9042) },
  ]);
  // 2016-01-01 is a Friday; 2016-01-03 a Sunday (the first Sunday of 2016); 2015-12-31 a Thursday.
  await conformance.seed('one', [
    {
      _id: 'x',
      a: 5,
      b: 2,
      s: 'Hello',
      arr: [1, 2, 3],
      d: date('2016-01-01T00:00:00Z'),
      sunday: date('2016-01-03T09:08:07.006Z'),
      nye: date('2015-12-31T00:00:00Z'),
    },
  ]);
});

type Stage = (c: Client) => (pipeline: any) => any;

const stageCases: Array<[string, string, Stage, Doc[]]> = [
  [
    'addFields',
    'sales',
    ({ $ }) =>
      (p) =>
        p
          .addFields({ total: $.multiply(['$price', '$qty']) })
          .sort({ _id: 1 })
          .project({ _id: 0, total: 1 }),
    [{ total: 20 }, { total: 20 }, { total: 50 }, { total: 50 }],
  ],
  // bucket: [lower, upper): [0,10) holds carrot (5), [10,30) the prices 10, 20, 10
  [
    'bucket',
    'sales',
    ({ $ }) =>
      (p) =>
        p.bucket({ groupBy: '$price', boundaries: [0, 10, 30], default: 'other', output: { count: $.sum(1) } }),
    [
      { _id: 0, count: 1 },
      { _id: 10, count: 3 },
    ],
  ],
  // bucketAuto: qty 1,2 | 5,10; a bucket's max is the next one's min, the last one's max the largest value
  [
    'bucketAuto',
    'sales',
    () => (p) => p.bucketAuto({ groupBy: '$qty', buckets: 2 }),
    [
      { _id: { min: 1, max: 5 }, count: 2 },
      { _id: { min: 5, max: 10 }, count: 2 },
    ],
  ],
  ['count', 'sales', () => (p) => p.match({ price: 10 }).count('n'), [{ n: 2 }]],
  [
    'group',
    'sales',
    ({ $ }) =>
      (p) =>
        p.group({ _id: '$item', total: $.sum('$qty') }).sort({ _id: 1 }),
    [
      { _id: 'apple', total: 7 },
      { _id: 'banana', total: 1 },
      { _id: 'carrot', total: 10 },
    ],
  ],
  ['limit', 'sales', () => (p) => p.sort({ _id: 1 }).limit(2).project({ _id: 1 }), [{ _id: 's1' }, { _id: 's2' }]],
  [
    'lookup',
    'fruits',
    () => (p) =>
      p
        .lookup({ from: 'sales', localField: 'name', foreignField: 'item', as: 'sold' })
        .project({ _id: 1, 'sold._id': 1 }),
    [{ _id: 'f1', sold: [{ _id: 's1' }, { _id: 's3' }] }],
  ],
  [
    'match',
    'sales',
    ({ _ }) =>
      (p) =>
        p
          .match({ qty: _.gte(5) })
          .project({ _id: 1 })
          .sort({ _id: 1 }),
    [{ _id: 's3' }, { _id: 's4' }],
  ],
  ['project', 'sales', () => (p) => p.match({ _id: 's1' }).project({ _id: 0, item: 1 }), [{ item: 'apple' }]],
  [
    'replaceRoot',
    'sales',
    () => (p) => p.match({ _id: 's2' }).replaceRoot({ newRoot: { name: '$item' } }),
    [{ name: 'banana' }],
  ],
  ['skip', 'sales', () => (p) => p.sort({ _id: 1 }).skip(3).project({ _id: 1 }), [{ _id: 's4' }]],
  [
    'sort',
    'sales',
    () => (p) => p.sort({ qty: -1 }).project({ _id: 1 }),
    [{ _id: 's4' }, { _id: 's3' }, { _id: 's1' }, { _id: 's2' }],
  ],
  ['sortByCount', 'sales', () => (p) => p.match({ item: 'apple' }).sortByCount('$item'), [{ _id: 'apple', count: 2 }]],
  // unwind drops empty arrays unless preserveNullAndEmptyArrays
  ['unwind', 'sales', () => (p) => p.unwind('$tags').count('n'), [{ n: 4 }]],
  [
    'unwind preserving empty arrays',
    'sales',
    () => (p) => p.unwind({ path: '$tags', preserveNullAndEmptyArrays: true }).count('n'),
    [{ n: 5 }],
  ],
  // geoNear (issue 20): first stage, nearest first, distance in metres, maxDistance excludes Beijing
  [
    'geoNear',
    'places',
    ({ db }) =>
      (p) =>
        p
          .geoNear({
            near: new db.Geo.Point(113.3245, 23.1064),
            spherical: true,
            distanceField: 'distance',
            maxDistance: 20000,
            key: 'loc',
          })
          .project({ _id: 1 }),
    [{ _id: 'tower' }, { _id: 'station' }],
  ],
  [
    'geoNear with query',
    'places',
    ({ db }) =>
      (p) =>
        p
          .geoNear({
            near: new db.Geo.Point(113.3245, 23.1064),
            spherical: true,
            distanceField: 'distance',
            query: { _id: 'station' },
          })
          .project({ _id: 1 }),
    [{ _id: 'station' }],
  ],
];

/** Each expression is projected over the one document of 'one' ({a: 5, b: 2, s: 'Hello', arr: [1, 2, 3], ...}). */

const operatorCases: Array<[string, (c: Client) => any, unknown]> = [
  ['abs', ({ $ }) => $.abs($.subtract(['$b', '$a'])), 3],
  ['add', ({ $ }) => $.add(['$a', '$b']), 7],
  ['add to a date', ({ $ }) => $.add(['$d', 86_400_000]), new Date('2016-01-02T00:00:00Z')],
  ['allElementsTrue', ({ $ }) => $.allElementsTrue([[true, 1]]), true],
  ['anyElementTrue', ({ $ }) => $.anyElementTrue([[0, false]]), false],
  ['and', ({ $ }) => $.and([true, '$a']), true],
  ['arrayElemAt', ({ $ }) => $.arrayElemAt(['$arr', -1]), 3],
  [
    'arrayToObject',
    ({ $ }) =>
      $.arrayToObject([
        [
          ['item', 'abc123'],
          ['qty', 25],
        ],
      ]),
    { item: 'abc123', qty: 25 },
  ],
  ['ceil', ({ $ }) => $.ceil(1.2), 2],
  ['cmp', ({ $ }) => $.cmp(['$a', '$b']), 1],
  ['concat', ({ $ }) => $.concat(['$s', ' ', 'World']), 'Hello World'],
  ['concatArrays', ({ $ }) => $.concatArrays(['$arr', [4]]), [1, 2, 3, 4]],
  ['cond', ({ $ }) => $.cond({ if: $.gte(['$a', 5]), then: 'big', else: 'small' }), 'big'],
  ['dateFromParts', ({ $ }) => $.dateFromParts({ year: 2017, month: 2, day: 8 }), new Date('2017-02-08T00:00:00Z')],
  [
    'dateFromString',
    ({ $ }) => $.dateFromString({ dateString: '2017-02-08T12:10:40.787Z' }),
    new Date('2017-02-08T12:10:40.787Z'),
  ],
  [
    'dateToString',
    ({ $ }) => $.dateToString({ date: '$sunday', format: '%Y-%m-%d %H:%M:%S.%L %j' }),
    '2016-01-03 09:08:07.006 003',
  ],
  // %w: 1 (Sunday) to 7; %U: Sunday-based week; %V/%G: ISO week and its year (issue 20)
  [
    'dateToString week symbols',
    ({ $ }) => $.dateToString({ date: '$sunday', format: '%w %u %U %V %G' }),
    '1 7 01 53 2015',
  ],
  [
    'dateToString in a timezone',
    ({ $ }) => $.dateToString({ date: '$sunday', format: '%H:%M', timezone: '+08:00' }),
    '17:08',
  ],
  ['dayOfMonth', ({ $ }) => $.dayOfMonth('$d'), 1],
  ['dayOfWeek (Friday)', ({ $ }) => $.dayOfWeek('$d'), 6],
  ['dayOfYear', ({ $ }) => $.dayOfYear('$sunday'), 3],
  ['divide', ({ $ }) => $.divide(['$a', '$b']), 2.5],
  ['eq', ({ $ }) => $.eq(['$a', 5]), true],
  ['eq does not look into arrays', ({ $ }) => $.eq(['$arr', 1]), false],
  ['exp', ({ $ }) => $.exp(0), 1],
  ['filter', ({ $ }) => $.filter({ input: '$arr', as: 'x', cond: $.gt(['$$x', 1]) }), [2, 3]],
  ['floor', ({ $ }) => $.floor(1.7), 1],
  ['gt', ({ $ }) => $.gt(['$a', '$b']), true],
  ['gt against a missing field (BSON order)', ({ $ }) => $.gt(['$a', '$missing']), true],
  ['gte', ({ $ }) => $.gte(['$a', 5]), true],
  ['hour', ({ $ }) => $.hour('$sunday'), 9],
  ['ifNull', ({ $ }) => $.ifNull(['$missing', 'fallback']), 'fallback'],
  ['in', ({ $ }) => $.in([2, '$arr']), true],
  ['indexOfArray', ({ $ }) => $.indexOfArray(['$arr', 2]), 1],
  // MongoDB's $indexOfBytes / $indexOfCP examples: "é" is 2 bytes, 1 code point (issue 20)
  ['indexOfBytes', ({ $ }) => $.indexOfBytes(['cafétéria', 't']), 5],
  ['indexOfBytes from a start', ({ $ }) => $.indexOfBytes(['foo.bar.fi', '.', 5]), 7],
  ['indexOfCP', ({ $ }) => $.indexOfCP(['cafétéria', 't']), 4],
  ['indexOfCP of é', ({ $ }) => $.indexOfCP(['cafétéria', 'é']), 3],
  ['indexOfCP within an end', ({ $ }) => $.indexOfCP(['vanilla', 'll', 0, 2]), -1],
  ['indexOfCP of null', ({ $ }) => $.indexOfCP([null, 'foo']), null],
  ['isArray', ({ $ }) => $.isArray(['$arr']), true],
  ['isoDayOfWeek', ({ $ }) => $.isoDayOfWeek('$sunday'), 7],
  // 2016-01-01 (Friday) is in ISO week 53 of 2015 (issue 20)
  ['isoWeek', ({ $ }) => $.isoWeek('$d'), 53],
  ['isoWeekYear', ({ $ }) => $.isoWeekYear('$d'), 2015],
  ['let', ({ $ }) => $.let({ vars: { total: $.add(['$a', '$b']) }, in: $.multiply(['$$total', 2]) }), 14],
  ['literal', ({ $ }) => $.literal('$a'), '$a'],
  ['ln', ({ $ }) => $.ln(1), 0],
  ['log', ({ $ }) => $.log([100, 10]), 2],
  ['log10', ({ $ }) => $.log10(1000), 3],
  ['lt', ({ $ }) => $.lt(['$a', '$b']), false],
  ['lte', ({ $ }) => $.lte(['$a', 5]), true],
  ['map', ({ $ }) => $.map({ input: '$arr', as: 'x', in: $.multiply(['$$x', 10]) }), [10, 20, 30]],
  ['mergeObjects', ({ $ }) => $.mergeObjects([{ a: 1 }, { b: 2 }]), { a: 1, b: 2 }],
  ['millisecond', ({ $ }) => $.millisecond('$sunday'), 6],
  ['minute', ({ $ }) => $.minute('$sunday'), 8],
  ['mod', ({ $ }) => $.mod(['$a', '$b']), 1],
  ['month', ({ $ }) => $.month('$d'), 1],
  ['multiply', ({ $ }) => $.multiply(['$a', '$b']), 10],
  ['neq', ({ $ }) => $.neq(['$a', 5]), false],
  ['not', ({ $ }) => $.not([false]), true],
  ['objectToArray', ({ $ }) => $.objectToArray({ k: 1 }), [{ k: 'k', v: 1 }]],
  ['or', ({ $ }) => $.or([false, 0]), false],
  ['pow', ({ $ }) => $.pow([2, 10]), 1024],
  ['range', ({ $ }) => $.range([0, 5, 2]), [0, 2, 4]],
  ['reduce', ({ $ }) => $.reduce({ input: '$arr', initialValue: 0, in: $.add(['$$value', '$$this']) }), 6],
  ['reverseArray', ({ $ }) => $.reverseArray('$arr'), [3, 2, 1]],
  ['second', ({ $ }) => $.second('$sunday'), 7],
  ['setDifference', ({ $ }) => $.setDifference([[1, 2, 3], [2]]), [1, 3]],
  [
    'setEquals',
    ({ $ }) =>
      $.setEquals([
        [1, 2],
        [2, 1, 1],
      ]),
    true,
  ],
  [
    'setIntersection',
    ({ $ }) =>
      $.setIntersection([
        [1, 2, 3],
        [3, 4],
      ]),
    [3],
  ],
  ['setIsSubset', ({ $ }) => $.setIsSubset([[1], [1, 2]]), true],
  [
    'setUnion (one of each)',
    ({ $ }) =>
      $.size(
        $.setUnion([
          [1, 2],
          [2, 3],
        ]),
      ),
    3,
  ],
  ['size', ({ $ }) => $.size('$arr'), 3],
  ['slice', ({ $ }) => $.slice(['$arr', 1, 1]), [2]],
  ['slice from the end', ({ $ }) => $.slice(['$arr', -2]), [2, 3]],
  ['split', ({ $ }) => $.split(['a-b-c', '-']), ['a', 'b', 'c']],
  ['sqrt', ({ $ }) => $.sqrt(16), 4],
  ['strcasecmp', ({ $ }) => $.strcasecmp(['Hello', 'hello']), 0],
  ['strLenBytes', ({ $ }) => $.strLenBytes('cafétéria'), 11],
  ['strLenCP', ({ $ }) => $.strLenCP('cafétéria'), 9],
  // CloudBase substr / substrBytes / substrCP pages: a negative length means "to the end", a negative start "" (issue 20)
  ['substr to the end', ({ $ }) => $.substr(['$s', 1, -1]), 'ello'],
  ['substr from a negative start', ({ $ }) => $.substr(['$s', -1, 2]), ''],
  ['substrBytes', ({ $ }) => $.substrBytes(['$s', 0, 2]), 'He'],
  ['substrBytes to the end', ({ $ }) => $.substrBytes(['$s', 3, -1]), 'lo'],
  ['substrCP', ({ $ }) => $.substrCP(['cafétéria', 3, 2]), 'ét'],
  ['substrCP to the end', ({ $ }) => $.substrCP(['cafétéria', 5, -1]), 'éria'],
  ['subtract', ({ $ }) => $.subtract(['$a', '$b']), 3],
  ['subtract dates', ({ $ }) => $.subtract(['$sunday', '$d']), 2 * 86_400_000 + 9 * 3_600_000 + 8 * 60_000 + 7_006],
  [
    'switch',
    ({ $ }) =>
      $.switch({
        branches: [
          { case: $.gt(['$a', 10]), then: 'big' },
          { case: $.gt(['$a', 1]), then: 'mid' },
        ],
        default: 'small',
      }),
    'mid',
  ],
  ['toLower', ({ $ }) => $.toLower('$s'), 'hello'],
  ['toUpper', ({ $ }) => $.toUpper('$s'), 'HELLO'],
  ['trunc', ({ $ }) => $.trunc(1.7), 1],
  ['trunc of a negative number', ({ $ }) => $.trunc(-1.7), -1],
  // week: Sunday-based, days before the year's first Sunday are week 0 (issue 20)
  ['week before the first Sunday', ({ $ }) => $.week('$d'), 0],
  ['week of the first Sunday', ({ $ }) => $.week('$sunday'), 1],
  ['week of 2015-12-31', ({ $ }) => $.week('$nye'), 52],
  ['year', ({ $ }) => $.year('$d'), 2016],
  [
    'zip',
    ({ $ }) =>
      $.zip({
        inputs: [
          [1, 2],
          [3, 4],
        ],
      }),
    [
      [1, 3],
      [2, 4],
    ],
  ],
];

/** Accumulators, grouped over the two apple sales (qty 2 then 5, price 10 both). */

const accumulatorCases: Array<[string, (c: Client) => any, unknown]> = [
  ['sum', ({ $ }) => $.sum('$qty'), 7],
  ['avg', ({ $ }) => $.avg('$qty'), 3.5],
  ['first', ({ $ }) => $.first('$qty'), 2],
  ['last', ({ $ }) => $.last('$qty'), 5],
  ['max', ({ $ }) => $.max('$qty'), 5],
  ['min', ({ $ }) => $.min('$qty'), 2],
  ['push', ({ $ }) => $.push('$qty'), [2, 5]],
  ['addToSet', ({ $ }) => $.addToSet('$price'), [10]],
  ['stdDevPop', ({ $ }) => $.stdDevPop('$qty'), 1.5],
  ['stdDevSamp', ({ $ }) => $.stdDevSamp('$qty'), Math.sqrt(4.5)],
];

describe.each(['wx-server-sdk', '@cloudbase/node-sdk'] as const)('aggregation through %s', (sdk) => {
  const client = () => conformance.clients.find((c) => c.name === sdk) as Client;

  test.each(stageCases)('stage %s', async (_name, collection, build, expected) => {
    const c = client();
    expect(await c.aggregate(collection, build(c))).toEqual(expected);
  });

  test('stage sample', async () => {
    const c = client();
    const sampled = await c.aggregate('sales', (p) => p.sample({ size: 2 }));
    // size documents drawn from the input (MongoDB's $sample page warns the same one may come twice)
    expect(sampled).toHaveLength(2);
    for (const doc of sampled) expect(['s1', 's2', 's3', 's4']).toContain(doc._id);
  });

  test('stage geoNear writes the distance in metres, 0 at the point itself', async () => {
    const c = client();
    const [tower, station] = await c.aggregate('places', (p) =>
      p.geoNear({
        near: new c.db.Geo.Point(113.3245, 23.1064),
        spherical: true,
        distanceField: 'distance',
        maxDistance: 20000,
        key: 'loc',
      }),
    );
    expect(tower?.distance).toBe(0);
    expect(station?.distance).toBeGreaterThan(7000);
    expect(station?.distance).toBeLessThan(8500);
  });

  test.each(operatorCases)('operator %s', async (_name, expression, expected) => {
    const c = client();
    const [result] = await c.aggregate('one', (p) => p.project({ _id: 0, value: expression(c) }));
    expect(result).toEqual({ value: expected });
  });

  test.each(accumulatorCases)('accumulator %s', async (_name, accumulator, expected) => {
    const c = client();
    const result = await c.aggregate('sales', (p) =>
      p
        .match({ item: 'apple' })
        .sort({ _id: 1 })
        .group({ _id: '$item', value: accumulator(c) }),
    );
    expect(result).toEqual([{ _id: 'apple', value: expected }]);
  });
});
