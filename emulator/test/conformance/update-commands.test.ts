/**
 * Every update command CloudBase documents (db.command, "更新指令": set remove inc mul min max rename push pop
 * unshift shift pull pullAll addToSet), the `updated` counts of update / set / updateAndReturn, and the write
 * rules of the service (refused `$` field names, ObjectId values), through both server SDKs. Expected documents
 * are worked out by hand from the docs cited per case.
 */
import { useConformance, type Client, type Doc } from './clients';

const conformance = useConformance();

const base = { n: 5, arr: [1, 2, 3], obj: { a: 1 }, tags: ['x'] };
let counter = 0;

const cases: Array<[string, (c: Client) => Doc, Doc]> = [
  // https://docs.cloudbase.net/api-reference/server/node-sdk/database/command (update commands)
  // A nested object in update data updates only the fields it names (Document.update: 局部更新).
  ['plain nested object merges', () => ({ obj: { b: 2 } }), { ...base, obj: { a: 1, b: 2 } }],
  // command.set: the field becomes exactly this object instead of being merged into.
  ['set', ({ _ }) => ({ obj: _.set({ b: 2 }) }), { ...base, obj: { b: 2 } }],
  ['remove', ({ _ }) => ({ n: _.remove() }), { arr: [1, 2, 3], obj: { a: 1 }, tags: ['x'] }],
  ['inc', ({ _ }) => ({ n: _.inc(2) }), { ...base, n: 7 }],
  ['inc creates a missing field', ({ _ }) => ({ m: _.inc(2) }), { ...base, m: 2 }],
  ['mul', ({ _ }) => ({ n: _.mul(3) }), { ...base, n: 15 }],
  ['min lowers', ({ _ }) => ({ n: _.min(3) }), { ...base, n: 3 }],
  ['max keeps the larger', ({ _ }) => ({ n: _.max(3) }), base],
  ['rename', ({ _ }) => ({ n: _.rename('m') }), { arr: [1, 2, 3], obj: { a: 1 }, tags: ['x'], m: 5 }],
  ['push', ({ _ }) => ({ arr: _.push([4, 5]) }), { ...base, arr: [1, 2, 3, 4, 5] }],
  ['push each at position', ({ _ }) => ({ arr: _.push({ each: [9], position: 1 }) }), { ...base, arr: [1, 9, 2, 3] }],
  [
    'push with sort and slice',
    ({ _ }) => ({ arr: _.push({ each: [0], sort: -1, slice: 2 }) }),
    { ...base, arr: [3, 2] },
  ],
  ['pop', ({ _ }) => ({ arr: _.pop() }), { ...base, arr: [1, 2] }],
  ['unshift', ({ _ }) => ({ arr: _.unshift([-1, 0]) }), { ...base, arr: [-1, 0, 1, 2, 3] }],
  ['shift', ({ _ }) => ({ arr: _.shift() }), { ...base, arr: [2, 3] }],
  ['pull with a condition', ({ _ }) => ({ arr: _.pull(_.gt(1)) }), { ...base, arr: [1] }],
  ['pull a value', ({ _ }) => ({ arr: _.pull(2) }), { ...base, arr: [1, 3] }],
  ['pullAll', ({ _ }) => ({ arr: _.pullAll([1, 3]) }), { ...base, arr: [2] }],
  ['addToSet an existing value', ({ _ }) => ({ tags: _.addToSet('x') }), base],
  // Several values: addToSet takes `{$each: [...]}` (the SDK passes its object through; `{each}` is push's form).
  ['addToSet $each', ({ _ }) => ({ tags: _.addToSet({ $each: ['y', 'x'] }) }), { ...base, tags: ['x', 'y'] }],
  // Dotted paths reach into objects and array elements (Document.update, "更新数组中的元素").
  ['dotted path into an array element', () => ({ 'arr.1': 20 }), { ...base, arr: [1, 20, 3] }],
];

describe.each(['wx-server-sdk', '@cloudbase/node-sdk'] as const)('update commands through %s', (sdk) => {
  const client = () => conformance.clients.find((c) => c.name === sdk) as Client;
  const fresh = async (doc: Doc = base): Promise<string> => {
    const id = `u${++counter}`;
    await conformance.seed('items', [{ _id: id, ...doc }]);
    return id;
  };

  test.each(cases)('%s', async (_name, data, expected) => {
    const c = client();
    const id = await fresh();
    await c.update('items', id, data(c));
    expect(await c.get('items', id)).toEqual({ _id: id, ...expected });
  });

  // Document.update: stats.updated "成功更新的记录数量": MongoDB counts modified documents (nModified), so
  // writing the values a document already has updates 0.
  test('update with the same values updates 0, a change 1', async () => {
    const c = client();
    const id = await fresh();
    expect(await c.update('items', id, { n: 5 })).toBe(0);
    expect(await c.update('items', id, { n: 6 })).toBe(1);
  });

  // Document.set: stats.updated "若指定的 _id 已存在则为 1，否则为 0", whatever the values (issue 20).
  test('set of an existing document updates 1 even with the same values', async () => {
    const c = client();
    const id = await fresh();
    expect(await c.set('items', id, base)).toBe(1);
    expect(await c.set('items', `${id}-new`, base)).toBe(0);
  });

  // MongoDB 4.x refuses `$`-prefixed field names in stored documents; the service answers DATABASE_REQUEST_FAILED
  // (wx-server-sdk: errCode -502001) and writes nothing (issue 20).
  test.each([
    [
      'add with a top-level $ field',
      (c: Client) => c.add('items', { $bad: 1, ok: 1 }),
      /Document can't have \$ prefixed field names: \$bad/,
    ],
    [
      'add with a nested $ field',
      (c: Client) => c.add('items', { o: { $bad: 1 } }),
      /The dollar \(\$\) prefixed field '\$bad' in 'o\.\$bad' is not valid for storage/,
    ],
    [
      'set with a nested $ field',
      (c: Client) => c.set('items', 'never', { o: { $bad: 1 } }),
      /'\$bad' in 'o\.\$bad' is not valid for storage/,
    ],
    [
      'update setting a $ field',
      (c: Client) => c.update('items', 'u1', { o: c._.set({ $bad: 1 }) }),
      /'\$bad' in 'o\.\$bad' is not valid for storage/,
    ],
  ])('%s is refused', async (_name, write, message) => {
    const c = client();
    const before = (await c.db.collection('items').count()).total;
    const error = await write(c).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(c.errorCode(error)).toBe(sdk === 'wx-server-sdk' ? -502001 : 'DATABASE_REQUEST_FAILED');
    expect(String((error as Error).message)).toMatch(message);
    expect((await c.db.collection('items').count()).total).toBe(before);
  });

  // An ObjectId stored outside _id comes back as its value, not as `{}` (issue 20; wire notes §5.2 for why).
  test('an ObjectId stored outside _id round-trips', async () => {
    const c = client();
    const id = await fresh({ ref: { $oid: '5f0c9a1b2c3d4e5f6a7b8c9d' } });
    expect((await c.get('items', id)).ref).toBe('5f0c9a1b2c3d4e5f6a7b8c9d');
    const [found] = await c.find('items', { _id: id });
    expect(found?.ref).toBe('5f0c9a1b2c3d4e5f6a7b8c9d');
  });
});

describe('@cloudbase/node-sdk only', () => {
  const node = () => conformance.clients.find((c) => c.name === '@cloudbase/node-sdk') as Client;

  // Query.updateAndReturn (findAndModify): the matched document counts as updated, the new version comes back.
  test('updateAndReturn reports 1 and the updated document, also when nothing changes', async () => {
    const c = node();
    await conformance.seed('items', [{ _id: 'uar', n: 1 }]);
    const changed = await c.db
      .collection('items')
      .where({ _id: 'uar' })
      .updateAndReturn({ n: c._.inc(1) });
    expect(changed).toMatchObject({ updated: 1, doc: { _id: 'uar', n: 2 } });
    const same = await c.db.collection('items').where({ _id: 'uar' }).updateAndReturn({ n: 2 });
    expect(same).toMatchObject({ updated: 1, doc: { _id: 'uar', n: 2 } });
    const none = await c.db.collection('items').where({ _id: 'nobody' }).updateAndReturn({ n: 2 });
    expect(none).toMatchObject({ updated: 0, doc: null });
  });

  // db.ObjectId({id}) sends {"$oid"}: a query by it matches the stored ObjectId, and get returns its hex text.
  test('db.ObjectId writes an ObjectId that queries match', async () => {
    const c = node();
    const oid = () => c.db.ObjectId({ id: '5f0c9a1b2c3d4e5f6a7b8c9e' });
    const id = await c.add('items', { owner: oid() });
    const found = await c.find('items', { owner: oid() });
    expect(found).toEqual([{ _id: id, owner: '5f0c9a1b2c3d4e5f6a7b8c9e' }]);
  });
});
