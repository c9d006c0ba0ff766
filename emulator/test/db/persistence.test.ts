/** The data directory: journal, group commit, compaction, torn tails, SIGKILL durability, reset/dump/seed. */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VirtualClock } from '../../src/clock';
import { createDatabase, type DatabaseOptions, type LocalDatabase } from '../../src/db';
import type { DatabaseSchema } from '../../src/types';

const schema: DatabaseSchema = {
  collections: { notes: { indexes: [{ name: 'key_1', unique: true, keys: [{ name: 'key', direction: '1' }] }] } },
};
const clock = new VirtualClock();
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'db-persist-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const open = (extra: Partial<DatabaseOptions> = {}): Promise<LocalDatabase> =>
  createDatabase({ dataDir: dir, clock, schema, ...extra });

async function getAll(db: LocalDatabase, collectionName: string): Promise<unknown[]> {
  const reply = await db.handle('database.getDocument', { collectionName, queryType: 'WHERE', limit: 1000 });
  if (!('data' in reply)) throw new Error(JSON.stringify(reply));
  return (reply.data as { list: string[] }).list.map((text) => JSON.parse(text) as unknown);
}

const insert = (db: LocalDatabase, collectionName: string, ...docs: string[]) =>
  db.handle('database.insertDocument', { collectionName, data: docs });

test('committed writes, created collections and types survive a restart', async () => {
  const db = await open({ dataDir: path.join(dir, 'nested', 'data') });
  await insert(
    db,
    'notes',
    '{"_id":"a","key":"k1","d":{"$date":{"$numberLong":"-5"}},"r":{"$regularExpression":{"pattern":"x+","options":"i"}},"f":{"$numberDouble":"Infinity"}}',
  );
  await insert(db, 'notes', '{"_id":"b","key":"k2"}', '{"_id":"c","key":"k3"}');
  await db.handle('database.modifyDocument', {
    collectionName: 'notes',
    queryType: 'DOC',
    merge: true,
    query: '{"_id":"b"}',
    data: '{"$set":{"v":1}}',
  });
  await db.handle('database.removeDocument', { collectionName: 'notes', queryType: 'DOC', query: '{"_id":"c"}' });
  await db.handle('database.addCollection', { collectionName: 'extra' });
  await db.close();

  const reopened = await open({ dataDir: path.join(dir, 'nested', 'data') });
  expect(await getAll(reopened, 'notes')).toEqual([
    {
      _id: 'a',
      key: 'k1',
      d: { $date: { $numberLong: '-5' } },
      r: { $regularExpression: { pattern: 'x+', options: 'i' } },
      f: { $numberDouble: 'Infinity' },
    },
    { _id: 'b', key: 'k2', v: 1 },
  ]);
  expect(await getAll(reopened, 'extra')).toEqual([]);
  // The unique index was rebuilt from the loaded documents.
  expect(await insert(reopened, 'notes', '{"key":"k1"}')).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
  await reopened.close();
});

test('the journal is compacted into a snapshot past its size threshold', async () => {
  const db = await open({ journalCompactBytes: 4096 });
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      insert(db, 'notes', JSON.stringify({ _id: `n${i}`, key: i, pad: 'x'.repeat(50) })),
    ),
  );
  for (let i = 0; i < 200; i += 2) {
    await db.handle('database.removeDocument', {
      collectionName: 'notes',
      queryType: 'DOC',
      query: JSON.stringify({ _id: `n${i}` }),
    });
  }
  await db.close();
  const journalSize = (await fs.stat(path.join(dir, 'journal.jsonl'))).size;
  expect(journalSize).toBeLessThan(4096 + 200);
  expect((await fs.stat(path.join(dir, 'snapshot.jsonl'))).size).toBeGreaterThan(0);
  const reopened = await open();
  const ids = (await getAll(reopened, 'notes')).map((doc) => (doc as { _id: string })._id);
  expect(ids).toEqual(Array.from({ length: 100 }, (_, k) => `n${2 * k + 1}`));
  await reopened.close();
  // Startup compaction leaves an empty journal.
  expect((await fs.stat(path.join(dir, 'journal.jsonl'))).size).toBe(0);
});

test('a torn last journal line is ignored; a corrupt line in the middle is an error', async () => {
  const db = await open();
  await db.close(); // leaves an empty journal after the startup snapshot
  const journal = path.join(dir, 'journal.jsonl');
  const line = (id: string) =>
    `${JSON.stringify({ kind: 'writes', writes: [{ collection: 'notes', id, value: { _id: id, key: id } }] })}\n`;
  await fs.appendFile(journal, line('j1') + line('j2') + line('j3').slice(0, 30));
  const reopened = await open();
  expect((await getAll(reopened, 'notes')).map((doc) => (doc as { _id: string })._id)).toEqual(['j1', 'j2']);
  await reopened.close();

  await fs.writeFile(journal, line('j4').slice(0, 30) + '\n' + line('j5'));
  await expect(open()).rejects.toThrow(/corrupt line 1/);
});

test('every acknowledged write survives SIGKILL of the writing process', async () => {
  // tsx as a loader inside one node process: the .bin/tsx wrapper runs the script in a grandchild, and SIGKILL
  // (unlike other signals) cannot be relayed to it.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-writer.ts'), dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const text of lines) if (text.startsWith('ack ')) acked.push(text.slice(4));
      if (acked.length >= 300 && !child.killed) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
  const db = await createDatabase({ dataDir: dir, clock, schema: { collections: { log: {}, counter: {} } } });
  const stored = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const reply = await db.handle('database.getDocument', {
      collectionName: 'log',
      queryType: 'WHERE',
      offset,
      limit: 1000,
    });
    const list = 'data' in reply ? (reply.data as { list: string[] }).list : [];
    for (const text of list) stored.add((JSON.parse(text) as { _id: string })._id);
    if (list.length < 1000) break;
  }
  expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  const [counter] = (await getAll(db, 'counter')) as Array<{ n: number }>;
  expect(counter?.n).toBeGreaterThanOrEqual(acked.length);
  await db.close();
}, 20_000);

test('reset empties collections, drops undeclared ones and persists that', async () => {
  const db = await open();
  await insert(db, 'notes', '{"key":1}');
  await db.handle('database.addCollection', { collectionName: 'temp' });
  await db.reset();
  expect(await getAll(db, 'notes')).toEqual([]);
  expect(
    await db.handle('database.getDocument', { collectionName: 'temp', queryType: 'WHERE', limit: 1 }),
  ).toMatchObject({
    code: 'DATABASE_COLLECTION_NOT_EXIST',
  });
  await db.close();
  const reopened = await open();
  expect(await getAll(reopened, 'notes')).toEqual([]);
  expect(await reopened.handle('database.addCollection', { collectionName: 'temp' })).toEqual({ data: {} });
  await reopened.close();
});

test('seed decodes relaxed EJSON and dump returns relaxed EJSON objects', async () => {
  const db = await open();
  await db.seed('notes', [{ _id: 's1', key: 'a', at: { $date: '2026-01-01T00:00:00Z' }, n: 1.5 }]);
  await db.seed('fresh', [{ _id: 's2' }]);
  expect(await db.dump('notes')).toEqual([{ _id: 's1', key: 'a', at: { $date: '2026-01-01T00:00:00Z' }, n: 1.5 }]);
  expect(await db.dump('fresh')).toEqual([{ _id: 's2' }]);
  expect(await db.dump('missing')).toEqual([]);
  const reply = await db.handle('database.getDocument', {
    collectionName: 'notes',
    queryType: 'WHERE',
    limit: 10,
    query: '{"at":{"$lt":{"$date":{"$numberLong":"1767225600001"}}}}',
  });
  expect('data' in reply && (reply.data as { list: unknown[] }).list).toHaveLength(1);
  await db.close();
});
