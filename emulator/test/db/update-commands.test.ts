/** Every update command of the wire notes §7 through the real SDK; expected documents worked out by hand. */
import { connectSdk, failure, type SdkHarness } from './sdk';

let h: SdkHarness;
beforeAll(async () => {
  h = await connectSdk({ collections: { u: {} } });
});
afterAll(() => h.close());

/** Writes `initial` as document 'x', applies `data` with doc.update, returns the stored document without _id. */
async function afterUpdate(
  initial: Record<string, unknown>,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  await h.db.collection('u').doc('x').remove();
  await h.db.collection('u').add({ data: { _id: 'x', ...initial } });
  await h.db.collection('u').doc('x').update({ data });
  const { _id, ...rest } = (await h.db.collection('u').doc('x').get()).data;
  return rest;
}

const _ = () => h.db.command;

test('set replaces a whole field; a plain object only updates its leaves', async () => {
  expect(await afterUpdate({ o: { p: 1, q: 2 } }, { o: _().set({ p: 9 }) })).toEqual({ o: { p: 9 } });
  expect(await afterUpdate({ o: { p: 1, q: 2 } }, { o: { p: 9 } })).toEqual({ o: { p: 9, q: 2 } });
  expect(await afterUpdate({}, { 'a.b.c': 1 })).toEqual({ a: { b: { c: 1 } } });
  expect(await afterUpdate({ list: [{ c: 1 }, { c: 2 }] }, { 'list.1.c': 5 })).toEqual({ list: [{ c: 1 }, { c: 5 }] });
});

test('remove deletes a field, including a nested one', async () => {
  expect(await afterUpdate({ a: 1, b: 2 }, { a: _().remove() })).toEqual({ b: 2 });
  expect(await afterUpdate({ o: { p: 1, q: 2 } }, { o: { p: _().remove() } })).toEqual({ o: { q: 2 } });
});

test('inc and mul, creating missing fields', async () => {
  expect(await afterUpdate({ n: 1 }, { n: _().inc(2), m: _().inc(-3) })).toEqual({ n: 3, m: -3 });
  expect(await afterUpdate({ n: 1.5 }, { n: _().mul(4), z: _().mul(2) })).toEqual({ n: 6, z: 0 });
  expect(await afterUpdate({ o: { c: 1 } }, { o: { c: _().inc(1), d: 'x' } })).toEqual({ o: { c: 2, d: 'x' } });
});

test('min and max, with numbers and dates', async () => {
  expect(await afterUpdate({ lo: 5, hi: 5 }, { lo: _().min(3), hi: _().max(3) })).toEqual({ lo: 3, hi: 5 });
  expect(await afterUpdate({ lo: 5, hi: 5 }, { lo: _().min(8), hi: _().max(8) })).toEqual({ lo: 5, hi: 8 });
  const d1 = new Date('2024-01-01');
  const d2 = new Date('2025-01-01');
  expect(await afterUpdate({ d: d1 }, { d: _().max(d2) })).toEqual({ d: d2 });
});

test('rename', async () => {
  expect(await afterUpdate({ a: 1, b: 2 }, { a: _().rename('c') })).toEqual({ b: 2, c: 1 });
  expect(await afterUpdate({ o: { a: 1 } }, { o: { a: _().rename('o.z') } })).toEqual({ o: { z: 1 } });
});

test('push variants: one, several, array, each+position+sort+slice', async () => {
  expect(await afterUpdate({ a: [1] }, { a: _().push(2) })).toEqual({ a: [1, 2] });
  expect(await afterUpdate({ a: [1] }, { a: _().push(2, 3) })).toEqual({ a: [1, 2, 3] });
  expect(await afterUpdate({ a: [1] }, { a: _().push([[2, 3]]) })).toEqual({ a: [1, [2, 3]] });
  expect(await afterUpdate({}, { a: _().push(1) })).toEqual({ a: [1] });
  expect(await afterUpdate({ a: [1, 2] }, { a: _().push({ each: [9], position: 1 }) })).toEqual({ a: [1, 9, 2] });
  // $each [5,3] at position 0 → [5,3,4,1], sort ascending → [1,3,4,5], slice 3 → [1,3,4]
  expect(await afterUpdate({ a: [4, 1] }, { a: _().push({ each: [5, 3], position: 0, sort: 1, slice: 3 }) })).toEqual({
    a: [1, 3, 4],
  });
  expect(
    await afterUpdate({ a: [{ k: 2 }] }, { a: _().push({ each: [{ k: 3 }, { k: 1 }], sort: { k: -1 } }) }),
  ).toEqual({
    a: [{ k: 3 }, { k: 2 }, { k: 1 }],
  });
  expect(await afterUpdate({ a: [1, 2, 3] }, { a: _().push({ each: [4], slice: -2 }) })).toEqual({ a: [3, 4] });
});

test('pop, shift, unshift', async () => {
  expect(await afterUpdate({ a: [1, 2, 3] }, { a: _().pop() })).toEqual({ a: [1, 2] });
  expect(await afterUpdate({ a: [1, 2, 3] }, { a: _().shift() })).toEqual({ a: [2, 3] });
  expect(await afterUpdate({ a: [3] }, { a: _().unshift(1, 2) })).toEqual({ a: [1, 2, 3] });
  expect(await afterUpdate({ a: [3] }, { a: _().unshift([0]) })).toEqual({ a: [0, 3] });
});

test('addToSet adds only missing values', async () => {
  expect(await afterUpdate({ a: [1, 2] }, { a: _().addToSet(2) })).toEqual({ a: [1, 2] });
  expect(await afterUpdate({ a: [1, 2] }, { a: _().addToSet(3) })).toEqual({ a: [1, 2, 3] });
  expect(await afterUpdate({ a: [1, 2] }, { a: _().addToSet({ $each: [2, 3, 4] }) })).toEqual({ a: [1, 2, 3, 4] });
  expect(await afterUpdate({ a: [{ k: 1 }] }, { a: _().addToSet({ k: 1 }) })).toEqual({ a: [{ k: 1 }] });
});

test('pull by value, by condition, by sub-document condition; pullAll', async () => {
  expect(await afterUpdate({ a: [1, 2, 1, 3] }, { a: _().pull(1) })).toEqual({ a: [2, 3] });
  expect(await afterUpdate({ a: [1, 6, 7, 3] }, { a: _().pull(_().gt(5)) })).toEqual({ a: [1, 3] });
  expect(await afterUpdate({ a: [{ x: 1 }, { x: 2 }, { x: 3 }] }, { a: _().pull({ x: _().gt(1) }) })).toEqual({
    a: [{ x: 1 }],
  });
  expect(await afterUpdate({ a: [1, 2, 3, 2] }, { a: _().pullAll([2, 3]) })).toEqual({ a: [1] });
});

test('bit', async () => {
  expect(await afterUpdate({ f: 13 }, { f: _().bit({ and: 10 }) })).toEqual({ f: 8 });
  expect(await afterUpdate({ f: 5 }, { f: _().bit({ or: 2 }) })).toEqual({ f: 7 });
});

test('serverDate in push keeps the marker; in _.set it is stored literally as {offset}', async () => {
  const pushed = await afterUpdate({ a: [] }, { a: _().push(h.db.serverDate()) });
  expect((pushed.a as unknown[])[0]).toBeInstanceOf(Date);
  expect(await afterUpdate({}, { when: _().set(h.db.serverDate()) })).toEqual({ when: { offset: 0 } });
});

test('plain and operator values under one parent', async () => {
  expect(await afterUpdate({ o: { q: 1 } }, { o: { p: 'x', q: _().inc(1) } })).toEqual({ o: { p: 'x', q: 2 } });
});

test('hand-written $ operators in update data pass through', async () => {
  expect(await afterUpdate({ n: 1 }, { $inc: { n: 5 } } as Record<string, unknown>)).toEqual({ n: 6 });
});

test('Mongo-level errors: push to a non-array, set through a scalar', async () => {
  await h.db
    .collection('u')
    .doc('e')
    .set({ data: { s: 'str', n: 1 } });
  const pushError = await failure(
    h.db
      .collection('u')
      .doc('e')
      .update({ data: { s: _().push(1) } }),
  );
  expect(pushError.errCode).toBe(-502001);
  expect(pushError.errMsg).toContain("The field 's' must be an array");
  const pathError = await failure(
    h.db
      .collection('u')
      .doc('e')
      .update({ data: { 'n.deep': 1 } }),
  );
  expect(pathError.errMsg).toContain("Cannot create field 'deep'");
  expect((await h.db.collection('u').doc('e').get()).data).toEqual({ _id: 'e', s: 'str', n: 1 });
});

test('where update applies commands to every match', async () => {
  await h.db.collection('u').where({}).remove();
  await h.db.collection('u').add({
    data: [
      { g: 1, n: 1 },
      { g: 1, n: 5 },
      { g: 2, n: 1 },
    ],
  });
  const result = await h.db
    .collection('u')
    .where({ g: 1 })
    .update({ data: { n: _().inc(10) } });
  expect(result.stats.updated).toBe(2);
  const ns = (await h.db.collection('u').orderBy('n', 'asc').get()).data.map((d: { n: number }) => d.n);
  expect(ns).toEqual([1, 11, 15]);
});
