/**
 * GET /_emulator/stats (wire calls by function, action and collection; documents examined; whole-collection scans)
 * with its reset, the no-table-scan mode, and the planner's use of an index for long `$in` lists.
 */
import path from 'node:path';
import { connectSdk, useEmulator } from '../support/emulator';

const fixtures = path.join(__dirname, '..', 'fixtures', 'server-functions');
const THRESHOLD = 20;

const schema = {
  collections: {
    ticks: {},
    items: {
      indexes: [
        {
          name: 'kind_rank',
          keys: [
            { name: 'kind', direction: '1' as const },
            { name: 'rank', direction: '1' as const },
          ],
        },
      ],
    },
  },
};

const emu = useEmulator({
  functionsDir: fixtures,
  cloudbasercPath: path.join(fixtures, 'cloudbaserc.json'),
  schema,
  noTableScanAbove: THRESHOLD,
});

let db: any;
beforeAll(() => {
  db = connectSdk(emu.url).database();
});

async function addItems(count: number): Promise<void> {
  const documents = Array.from({ length: count }, (_, i) => ({
    _id: `i${i}`,
    kind: `k${i % 200}`,
    rank: i,
    note: 'x',
  }));
  await emu.request('POST', '/_emulator/db/items', { documents });
}

async function stats(): Promise<any> {
  return (await emu.request('GET', '/_emulator/stats')).body;
}

describe('GET /_emulator/stats', () => {
  test('counts wire calls by function, action and collection', async () => {
    await db.collection('ticks').add({ data: { n: 1 } });
    await db
      .collection('ticks')
      .doc('nope')
      .get()
      .catch(() => undefined);
    await emu.call('tick', {});
    const report = await stats();
    expect(report.calls.byAction['database.insertDocument']).toBe(2);
    expect(report.calls.byAction['database.getDocument']).toBe(1);
    expect(report.calls.byFunction.tick).toBe(1);
    expect(report.calls.byFunction['(outside)']).toBe(2);
    expect(report.calls.byCollection.ticks).toBe(3);
    expect(report.breakdown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ function: 'tick', action: 'database.insertDocument', collection: 'ticks', calls: 1 }),
      ]),
    );
  });

  test('an indexed query examines only what it returns and scans nothing', async () => {
    await addItems(1000);
    await emu.request('POST', '/_emulator/stats/reset');
    const { data } = await db.collection('items').where({ kind: 'k7' }).orderBy('rank', 'asc').limit(3).get();
    expect(data.map((d: any) => d.rank)).toEqual([7, 207, 407]);
    const report = await stats();
    expect(report.documentsExamined).toBe(3);
    expect(report.scans.total).toBe(0);
  });

  test('a scan is counted with its collection and query, and both resets clear the figures', async () => {
    await addItems(10);
    await emu.request('POST', '/_emulator/stats/reset');
    await db.collection('items').where({ note: 'x' }).get();
    let report = await stats();
    expect(report.scans.total).toBe(1);
    expect(report.scans.byCollection.items).toBe(1);
    expect(report.scans.recent[0]).toMatchObject({ collection: 'items', size: 10, function: '(outside)' });
    expect(report.scans.recent[0].query).toContain('note');
    expect(report.documentsExamined).toBe(10);

    expect((await emu.request('POST', '/_emulator/stats/reset')).status).toBe(200);
    report = await stats();
    expect(report.calls.total).toBe(0);
    expect(report.scans.total).toBe(0);
    await db.collection('items').where({ note: 'x' }).get();
    expect((await emu.request('DELETE', '/_emulator/stats')).status).toBe(200);
    report = await stats();
    expect(report.documentsExamined).toBe(0);
    expect(report.scans.total).toBe(0);
  });

  test('every collection has the _id_ index: keyset pages by _id read only the page', async () => {
    await addItems(1000);
    await emu.request('POST', '/_emulator/stats/reset');
    const { data } = await db
      .collection('items')
      .where({ _id: db.command.gt('i500') })
      .orderBy('_id', 'asc')
      .limit(3)
      .get();
    expect(data.map((d: any) => d._id)).toEqual(['i501', 'i502', 'i503']);
    const report = await stats();
    expect(report.scans.total).toBe(0);
    expect(report.documentsExamined).toBe(3);
  });

  test('counting a whole collection is its size, not a scan', async () => {
    await addItems(50);
    await emu.request('POST', '/_emulator/stats/reset');
    expect((await db.collection('items').count()).total).toBe(50);
    expect((await stats()).scans.total).toBe(0);
  });
});

describe('no-table-scan mode', () => {
  test('a query that would scan a collection above the threshold fails with a clear error', async () => {
    await addItems(THRESHOLD + 1);
    const failure = await db
      .collection('items')
      .where({ note: 'x' })
      .get()
      .then(
        () => undefined,
        (error: Error) => error,
      );
    expect(failure).toBeDefined();
    expect(String(failure?.message)).toMatch(/notablescan/);
    expect(String(failure?.message)).toMatch(/items \(21 documents, more than 20\)/);
  });

  test('counts, updates and aggregations without an index fail the same way', async () => {
    await addItems(THRESHOLD + 1);
    await expect(db.collection('items').where({ note: 'x' }).count()).rejects.toThrow(/notablescan/);
    await expect(
      db
        .collection('items')
        .where({ note: 'x' })
        .update({ data: { note: 'y' } }),
    ).rejects.toThrow(/notablescan/);
    await expect(db.collection('items').aggregate().group({ _id: '$kind' }).end()).rejects.toThrow(/notablescan/);
  });

  test('the error names who read: (outside) for calls from no function', async () => {
    await emu.request('POST', '/_emulator/db/ticks', {
      documents: Array.from({ length: THRESHOLD + 1 }, (_, i) => ({ n: i })),
    });
    await expect(db.collection('ticks').where({ n: 3 }).get()).rejects.toThrow(/\(outside\) reads collection ticks/);
  });

  test('small collections and indexed queries still work', async () => {
    await addItems(THRESHOLD);
    expect((await db.collection('items').where({ note: 'x' }).get()).data).toHaveLength(THRESHOLD);
    await addItems(THRESHOLD + 100);
    expect(
      (
        await db
          .collection('items')
          .where({ kind: 'k3', rank: db.command.gte(0) })
          .get()
      ).data,
    ).toHaveLength(1);
    expect((await db.collection('items').doc('i5').get()).data.rank).toBe(5);
  });
});

describe('the planner and long $in lists', () => {
  test('a $in of 500 values on an index key walks the index, in the requested order, without a scan', async () => {
    await addItems(2000);
    await emu.request('POST', '/_emulator/stats/reset');
    // Five kinds that exist (10 documents each) among 500 asked for.
    const kinds = [...Array.from({ length: 495 }, (_, i) => `absent${i}`), 'k0', 'k1', 'k2', 'k3', 'k4'];
    const { data } = await db
      .collection('items')
      .where({ kind: db.command.in(kinds) })
      .orderBy('rank', 'desc')
      .limit(1000)
      .get();
    expect(data).toHaveLength(50);
    expect(data.slice(0, 3).map((d: any) => d.rank)).toEqual([1804, 1803, 1802]);
    const report = await stats();
    expect(report.scans.total).toBe(0);
    expect(report.documentsExamined).toBe(50);
    // Without an order the same list still uses the index.
    await emu.request('POST', '/_emulator/stats/reset');
    expect(
      (
        await db
          .collection('items')
          .where({ kind: db.command.in(kinds) })
          .count()
      ).total,
    ).toBe(50);
    expect((await stats()).scans.total).toBe(0);
  });
});

describe('the planner and nested $and', () => {
  test('a range inside an $and inside an $and (a range plus a keyset cursor) still bounds the index walk', async () => {
    await addItems(1000);
    await emu.request('POST', '/_emulator/stats/reset');
    const _ = db.command;
    // kind k7 holds ranks 7, 207, 407, 607, 807: the range [200, 700) keeps three; the cursor after 207 two.
    const range = { kind: 'k7', rank: _.gte(200).and(_.lt(700)) };
    const afterCursor = _.or([{ rank: _.gt(207) }, { rank: 207, _id: _.gt('i207') }]);
    const { data } = await db
      .collection('items')
      .where(_.and([range, afterCursor]))
      .orderBy('rank', 'asc')
      .limit(10)
      .get();
    expect(data.map((d: any) => d.rank)).toEqual([407, 607]);
    const report = await stats();
    expect(report.scans.total).toBe(0);
    // Only the index stretch from the cursor's row (207, read and left out) to the range's end: not 807.
    expect(report.documentsExamined).toBe(3);
  });

  test('a count of an equality and a range on the next key (the SDK sends the range as an $and) reads no document', async () => {
    await addItems(1000);
    await emu.request('POST', '/_emulator/stats/reset');
    const _ = db.command;
    // kind k7 holds ranks 7, 207, 407, 607, 807: [200, 700) keeps three.
    const { total } = await db
      .collection('items')
      .where({ kind: 'k7', rank: _.gte(200).and(_.lt(700)) })
      .count();
    expect(total).toBe(3);
    expect((await stats()).documentsExamined).toBe(0);
    // A condition the index does not hold is still checked on each candidate.
    const noted = await db
      .collection('items')
      .where({ kind: 'k7', rank: _.gte(200).and(_.lt(700)), note: 'x' })
      .count();
    expect(noted.total).toBe(3);
    expect((await stats()).documentsExamined).toBe(3);
  });
});
