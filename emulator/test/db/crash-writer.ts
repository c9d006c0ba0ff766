/**
 * Child process of persistence.test.ts: writes through the engine as fast as it can, printing `ack <id>` only after
 * each reply, until the parent kills it with SIGKILL.
 */
import { VirtualClock } from '../../src/clock';
import { createDatabase } from '../../src/db';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
  const db = await createDatabase({
    dataDir,
    clock: new VirtualClock(),
    schema: { collections: { log: {}, counter: {} } },
  });
  await db.handle('database.insertDocument', {
    collectionName: 'counter',
    data: ['{"_id":"c","n":{"$numberInt":"0"}}'],
  });
  process.stdout.write('ready\n');
  // Several writers at once so that group commit shares fsyncs between them.
  const writer = async (lane: number): Promise<void> => {
    for (let i = 0; ; i++) {
      const id = `w${lane}-${i}`;
      const inserted = await db.handle('database.insertDocument', {
        collectionName: 'log',
        data: [JSON.stringify({ _id: id, at: { $date: { $numberLong: String(Date.now()) } } })],
      });
      const incremented = await db.handle('database.modifyDocument', {
        collectionName: 'counter',
        queryType: 'DOC',
        merge: true,
        query: '{"_id":"c"}',
        data: '{"$inc":{"n":{"$numberInt":"1"}}}',
      });
      if ('code' in inserted || 'code' in incremented) throw new Error(JSON.stringify([inserted, incremented]));
      process.stdout.write(`ack ${id}\n`);
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
