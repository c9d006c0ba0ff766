/** Transactions through the real SDK (wire notes §4): snapshot isolation, locks, conflicts, expiry, atomic commit. */
import { MESSAGES } from '../../src/db/errors';
import { connectSdk, failure, type SdkHarness } from './sdk';

const schema = {
  collections: {
    acct: {},
    users: { indexes: [{ name: 'email_1', unique: true, keys: [{ name: 'email', direction: '1' as const }] }] },
  },
};

let h: SdkHarness;
beforeAll(async () => {
  h = await connectSdk(schema);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.engine.reset();
  await h.db.collection('acct').add({
    data: [
      { _id: 'x', n: 1 },
      { _id: 'y', n: 10 },
    ],
  });
});

/** A transaction started on the wire directly, for requests the SDK cannot be made to send. */
const startRaw = async (): Promise<string> => {
  const reply = await h.engine.handle('database.startTransaction', {});
  if (!('transactionId' in reply) || typeof reply.transactionId !== 'string') throw new Error('no transactionId');
  return reply.transactionId;
};
const acct = () => h.db.collection('acct');
const valueOf = async (id: string) => (await acct().doc(id).get()).data.n;
const settled = async (promise: Promise<unknown>, ms = 150): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return done;
};

test('runTransaction commits all writes together and returns the callback value', async () => {
  const _ = h.db.command;
  const result = await h.db.runTransaction(async (t: any) => {
    const { data } = await t.collection('acct').doc('x').get();
    await t
      .collection('acct')
      .doc('x')
      .update({ data: { n: _.inc(-1) } });
    await t
      .collection('acct')
      .doc('y')
      .update({ data: { n: data.n + 10 } });
    await t.collection('acct').add({ data: { _id: 'z', n: 0 } });
    return 'done';
  });
  expect(result).toBe('done');
  expect([await valueOf('x'), await valueOf('y'), await valueOf('z')]).toEqual([0, 11, 0]);
});

test('snapshot read: the transaction keeps seeing its start state; read-your-writes; outside sees nothing until commit', async () => {
  const t = await h.db.startTransaction();
  expect((await t.collection('acct').doc('x').get()).data.n).toBe(1);
  await acct()
    .doc('y')
    .update({ data: { n: 99 } }); // committed outside after the snapshot
  expect((await t.collection('acct').doc('y').get()).data.n).toBe(10);
  const where = await t
    .collection('acct')
    .where({ n: h.db.command.gte(1) })
    .get();
  expect(where.data.map((d: { _id: string; n: number }) => [d._id, d.n])).toEqual([
    ['x', 1],
    ['y', 10],
  ]);

  await t
    .collection('acct')
    .doc('x')
    .update({ data: { n: 2 } });
  await t.collection('acct').add({ data: { _id: 'new', n: 5 } });
  expect((await t.collection('acct').doc('x').get()).data.n).toBe(2);
  expect((await t.collection('acct').doc('new').get()).data.n).toBe(5);
  expect(await valueOf('x')).toBe(1);
  expect(await failure(acct().doc('new').get())).toMatchObject({ errCode: -1 });

  await t.commit();
  expect(await valueOf('x')).toBe(2);
  expect(await valueOf('new')).toBe(5);
});

test('a second transaction writing a locked document conflicts at once and is aborted by the server', async () => {
  const t1 = await h.db.startTransaction();
  const t2 = await h.db.startTransaction();
  await t1
    .collection('acct')
    .doc('x')
    .update({ data: { n: 100 } });
  const conflict = await failure(
    t2
      .collection('acct')
      .doc('x')
      .update({ data: { n: 200 } }),
  );
  expect(conflict.errCode).toBe(-501001);
  expect(conflict.errMsg).toContain(MESSAGES.transactionConflict);
  // The conflicted transaction is gone: anything else on it fails.
  expect(await failure(t2.collection('acct').doc('y').get())).toMatchObject({ errCode: -501001 });
  expect(await failure(t2.commit())).toMatchObject({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: MESSAGES.transactionNotExist,
  });
  await t1.commit();
  expect(await valueOf('x')).toBe(100);
});

test('inserting an _id another open transaction inserted conflicts', async () => {
  const t1 = await h.db.startTransaction();
  const t2 = await h.db.startTransaction();
  await t1.collection('acct').add({ data: { _id: 'k', n: 1 } });
  const conflict = await failure(t2.collection('acct').add({ data: { _id: 'k', n: 2 } }));
  expect(conflict.errMsg).toContain('TransactionConflict');
  await t1.rollback();
});

test('a transactional write to a document committed by someone else after the snapshot conflicts', async () => {
  const t = await h.db.startTransaction();
  await t.collection('acct').doc('x').get();
  await acct()
    .doc('x')
    .update({ data: { n: 50 } });
  const conflict = await failure(
    t
      .collection('acct')
      .doc('x')
      .update({ data: { n: 60 } }),
  );
  expect(conflict.errMsg).toContain('TransactionConflict');
  expect(await valueOf('x')).toBe(50);
});

test('a non-transactional write to a locked document waits for the commit, then applies on top', async () => {
  const _ = h.db.command;
  const t = await h.db.startTransaction();
  await t
    .collection('acct')
    .doc('x')
    .update({ data: { n: 20 } });
  const outside = acct()
    .doc('x')
    .update({ data: { n: _.inc(1) } });
  const outsideWhere = acct()
    .where({ n: _.gte(1) })
    .update({ data: { seen: true } });
  expect(await settled(outside)).toBe(false);
  await t.commit();
  expect((await outside).stats.updated).toBe(1);
  expect((await outsideWhere).stats.updated).toBe(2);
  expect((await acct().doc('x').get()).data).toEqual({ _id: 'x', n: 21, seen: true });
});

test('abort discards the writes and releases the locks', async () => {
  const t = await h.db.startTransaction();
  await t
    .collection('acct')
    .doc('x')
    .update({ data: { n: 7 } });
  await t.collection('acct').doc('y').remove();
  const outside = acct()
    .doc('x')
    .update({ data: { m: 1 } });
  await t.rollback();
  await outside;
  expect((await acct().doc('x').get()).data).toEqual({ _id: 'x', n: 1, m: 1 });
  expect(await valueOf('y')).toBe(10);
});

test('runTransaction: rollback(value) rejects with it; a thrown error aborts and is rethrown', async () => {
  await expect(
    h.db.runTransaction(async (t: any) => {
      await t
        .collection('acct')
        .doc('x')
        .update({ data: { n: 0 } });
      await t.rollback('nope');
    }),
  ).rejects.toBe('nope');
  await expect(
    h.db.runTransaction(async (t: any) => {
      await t
        .collection('acct')
        .doc('x')
        .update({ data: { n: 0 } });
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await valueOf('x')).toBe(1);
});

test('set and remove inside a transaction', async () => {
  await h.db.runTransaction(async (t: any) => {
    await t
      .collection('acct')
      .doc('x')
      .set({ data: { replaced: true } });
    await t
      .collection('acct')
      .doc('created')
      .set({ data: { v: 1 } });
    await t.collection('acct').doc('y').remove();
  });
  expect((await acct().doc('x').get()).data).toEqual({ _id: 'x', replaced: true });
  expect((await acct().doc('created').get()).data).toEqual({ _id: 'created', v: 1 });
  expect((await acct().count()).total).toBe(2);
});

test('doc get of a missing document inside a transaction is an empty list (null with throwOnNotFound:false)', async () => {
  const transactionId = await startRaw();
  const reply = await h.engine.handle('database.getDocument', {
    collectionName: 'acct',
    queryType: 'DOC',
    multi: false,
    query: '{"_id":"ghost"}',
    transactionId,
  });
  expect(reply).toEqual({ data: { list: [] } });
  const lenient = h.cloud.database({ throwOnNotFound: false });
  const t = await lenient.startTransaction();
  expect((await t.collection('acct').doc('ghost').get()).data).toBeNull();
  expect((await t.collection('acct').doc('x').get()).data.n).toBe(1);
  await t.rollback();
});

test('operations on a committed transaction fail with DATABASE_TRANSACTION_FAIL', async () => {
  const transactionId = await startRaw();
  expect(transactionId).toMatch(/^[0-9a-f]{32}$/);
  expect(await h.engine.handle('database.commitTransaction', { transactionId })).toEqual({ data: {} });
  for (const [action, extra] of [
    ['database.commitTransaction', {}],
    ['database.abortTransaction', {}],
    ['database.getDocument', { collectionName: 'acct', queryType: 'DOC', query: '{"_id":"x"}' }],
  ] as const) {
    expect(await h.engine.handle(action, { transactionId, ...extra })).toEqual({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: MESSAGES.transactionNotExist,
    });
  }
});

test('serverDate in a transactional insert is rejected as INVALID_PARAM', async () => {
  const transactionId = await startRaw();
  const reply = await h.engine.handle('database.insertDocument', {
    collectionName: 'acct',
    transactionId,
    data: ['{"at":{"$tcb_server_date":{"offset":{"$numberInt":"0"}}}}'],
  });
  expect(reply).toMatchObject({ code: 'INVALID_PARAM' });
});

describe('unique indexes and commit', () => {
  test('a unique violation found at commit applies nothing', async () => {
    const users = h.db.collection('users');
    const t = await h.db.startTransaction();
    await t.collection('users').add({ data: { _id: 'u1', email: 'a@x' } });
    await t
      .collection('acct')
      .doc('x')
      .update({ data: { n: 1000 } });
    await users.add({ data: { _id: 'u2', email: 'a@x' } }); // outside, not locked: wins the race
    const error = await failure(t.commit());
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(error.message).toContain(
      'E11000 duplicate key error collection: users index: email_1 dup key: { email: "a@x" }',
    );
    expect(await valueOf('x')).toBe(1);
    expect((await users.get()).data.map((d: { _id: string }) => d._id)).toEqual(['u2']);
  });

  test('a unique violation inside the transaction is reported at the write', async () => {
    await h.db.collection('users').add({ data: { email: 'b@x' } });
    const t = await h.db.startTransaction();
    const error = await failure(t.collection('users').add({ data: { email: 'b@x' } }));
    expect(error.errMsg).toContain('E11000 duplicate key error');
    await t.rollback();
  });
});

describe('expiry', () => {
  test('an expired transaction fails with DATABASE_TRANSACTION_FAIL and its locks are released', async () => {
    const engine = await h.swapEngine({ transactionTimeoutMs: 200 });
    try {
      await h.db.collection('acct').add({ data: { _id: 'x', n: 1 } });
      const t = await h.db.startTransaction();
      await t
        .collection('acct')
        .doc('x')
        .update({ data: { n: 2 } });
      const outside = h.db
        .collection('acct')
        .doc('x')
        .update({ data: { n: 3 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await outside;
      expect(await failure(t.commit())).toMatchObject({
        code: 'DATABASE_TRANSACTION_FAIL',
        message: MESSAGES.transactionNotExist,
      });
      expect((await h.db.collection('acct').doc('x').get()).data.n).toBe(3);
    } finally {
      h.server.use(h.engine);
      await engine.close();
    }
  });
});
