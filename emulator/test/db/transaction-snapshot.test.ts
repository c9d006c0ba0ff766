/**
 * When a transaction's snapshot begins: MongoDB (and so CloudBase) takes it at the transaction's first read or
 * write, not at startTransaction ("Transactions and read concern": snapshot at the first operation). A commit by
 * someone else between start and first operation is therefore seen, and writing that document does not conflict;
 * a commit after the first operation is not seen, and writing it conflicts (issue 20).
 */
import { MESSAGES } from '../../src/db/errors';
import { connectSdk, failure, type SdkHarness } from './sdk';

let h: SdkHarness;
beforeAll(async () => {
  h = await connectSdk({ collections: { acct: {} } });
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

const acct = () => h.db.collection('acct');

test('a commit between startTransaction and the first operation is visible, and no conflict', async () => {
  const transaction = await h.db.startTransaction();
  await acct()
    .doc('x')
    .update({ data: { n: 2 } });
  expect((await transaction.collection('acct').doc('x').get()).data.n).toBe(2);
  await transaction
    .collection('acct')
    .doc('x')
    .update({ data: { n: 3 } });
  await transaction.commit();
  expect((await acct().doc('x').get()).data.n).toBe(3);
});

test('a commit after the first operation is invisible, and writing that document conflicts', async () => {
  const transaction = await h.db.startTransaction();
  expect((await transaction.collection('acct').doc('y').get()).data.n).toBe(10);
  await acct()
    .doc('x')
    .update({ data: { n: 2 } });
  expect((await transaction.collection('acct').doc('x').get()).data.n).toBe(1);
  const error = await failure(
    transaction
      .collection('acct')
      .doc('x')
      .update({ data: { n: 3 } }),
  );
  expect(String(error.message)).toContain(MESSAGES.transactionConflict);
  expect((await acct().doc('x').get()).data.n).toBe(2);
});
