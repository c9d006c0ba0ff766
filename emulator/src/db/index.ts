/**
 * The emulator's document database: `createDatabase` wires the engine, the wire actions and (unless ':memory:')
 * the on-disk journal into a DatabaseService.
 */
import type { VirtualClock } from '../clock';
import type { DatabaseSchema, DatabaseService } from '../types';
import { createActionHandler } from './actions';
import { decodeValue, toPlainJson, type Doc } from './ejson';
import { Engine, type Change } from './engine';
import { Journal } from './journal';
import { cloneValue } from './values';

export interface DatabaseOptions {
  /** Directory for snapshot + journal (created if missing), or ':memory:' to keep nothing on disk. */
  dataDir: string;
  clock: VirtualClock;
  schema: DatabaseSchema;
  /** Lifetime of a transaction in real milliseconds; the platform's is 30 s. */
  transactionTimeoutMs?: number;
  /** Journal size that triggers rewriting the snapshot. */
  journalCompactBytes?: number;
  /** No-table-scan mode: refuse queries that would read every document of a collection larger than this. */
  noTableScanAbove?: number;
}

export interface DatabaseStats {
  /** Documents a query filter has been evaluated against since start: indexed lookups keep this small. */
  documentsExamined: number;
}

export interface LocalDatabase extends DatabaseService {
  stats(): DatabaseStats;
}

const RESOLVED = Promise.resolve();

export async function createDatabase(options: DatabaseOptions): Promise<LocalDatabase> {
  const now = () => options.clock.now();
  let journal: Journal | undefined;
  const engine = new Engine({
    schema: options.schema,
    transactionTimeoutMs: options.transactionTimeoutMs ?? 30_000,
    now,
    noTableScanAbove: options.noTableScanAbove,
    persist: (change) => (journal ? journal.append(change) : RESOLVED),
  });
  if (options.dataDir !== ':memory:') {
    journal = await Journal.open(options.dataDir, options.journalCompactBytes ?? 8 * 1024 * 1024, {
      restore: (change) => engine.restore(change),
      currentState: () => currentState(engine),
    });
  }
  const handle = createActionHandler(engine, now);

  return {
    handle,

    async reset() {
      engine.reset();
      engine.stats.reset();
      await journal?.compact();
    },

    /** Relaxed EJSON objects (dates as `{"$date": "<ISO>"}`), so a dump can be fed back to seed(); [] if missing. */
    async dump(collection) {
      const source = engine.collections.get(collection);
      return source ? [...source.latestDocs()].map(([, doc]) => toPlainJson(doc)) : [];
    },

    /** Creates the collection if needed; `{"$date": ...}` and other EJSON values are decoded. */
    async seed(collection, documents) {
      if (!engine.collections.has(collection)) await engine.createCollection(collection);
      const docs = documents.map((doc) => decodeValue(cloneValue(doc), now) as Doc);
      await engine.insert(collection, docs);
    },

    async close() {
      engine.transactions.endAll();
      await journal?.close();
    },

    stats() {
      return { documentsExamined: engine.documentsExamined };
    },

    queryStats() {
      return { ...engine.stats.report(), noTableScanAbove: options.noTableScanAbove ?? null };
    },

    resetQueryStats() {
      engine.stats.reset();
    },
  };
}

function* currentState(engine: Engine): Iterable<Change> {
  for (const [name, collection] of engine.collections) {
    yield { kind: 'create', collection: name };
    for (const [, doc] of collection.latestDocs()) {
      yield { kind: 'writes', writes: [{ collection: name, id: doc._id, value: doc }] };
    }
  }
}
