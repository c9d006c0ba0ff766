/**
 * The database engine: collections, the global commit sequence, reads (newest or at a transaction's snapshot),
 * writes inside and outside transactions, and aggregation. It speaks decoded documents; actions.ts speaks the wire.
 */
import { randomHex } from '../random';
import type { DatabaseSchema } from '../types';
import { isPlainObject, type Doc } from './ejson';
import { checkInsertedDocument } from './field-names';
import { geoNearStage } from './geo';
import { DbError, MESSAGES, collectionNotExist, requestFailed, transactionConflict } from './errors';
import type { UniqueViolation } from './indexes';
import { idKeyOf, type IdKey } from './keys';
import { narrowConstantLookups } from './lookups';
import { newAggregator } from './mingo';
import { planQuery } from './planner';
import { compileFilter, pinnedIds, shape, type Matcher, type Shape } from './query';
import { Collection, type Write } from './store';
import { TransactionRegistry, type Transaction } from './transactions';
import { applyOperators, applyReplacement } from './update';
import { walkIds } from './walk';
import { cloneValue, renderValue } from './values';
import { QueryStats } from './stats';

/** What must reach disk before a write is acknowledged. */
export type Change =
  | { kind: 'writes'; writes: Array<{ collection: string; id: unknown; value: Doc | null }> }
  | { kind: 'create'; collection: string };

export interface EngineOptions {
  schema: DatabaseSchema;
  transactionTimeoutMs: number;
  now: () => number;
  persist: (change: Change) => Promise<void>;
  /** Where calls, examined documents and scans are counted (GET /_emulator/stats). */
  stats?: QueryStats;
  /**
   * MongoDB's `notablescan`: a query that would read every document of a collection holding more than this many
   * fails instead. Undefined: scans are allowed (and counted).
   */
  noTableScanAbove?: number;
}

/** Without `$limit` the platform returns at most 20 aggregation results (notes §8, community-reported). */
const AGGREGATE_DEFAULT_LIMIT = 20;

export function duplicateKeyError(collection: string, violation: UniqueViolation): DbError {
  const key = violation.fields.map((field, i) => `${field}: ${renderValue(violation.values[i])}`).join(', ');
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${violation.index} dup key: { ${key} }`,
  );
}

function duplicateIdError(collection: string, id: unknown): DbError {
  return duplicateKeyError(collection, { index: '_id_', fields: ['_id'], values: [id] });
}

export class Engine {
  readonly collections = new Map<string, Collection>();
  readonly transactions: TransactionRegistry;
  /** Documents a filter was evaluated against: lets tests prove that indexed queries don't scan. */
  documentsExamined = 0;
  readonly stats: QueryStats;
  private seq = 0;

  constructor(private readonly options: EngineOptions) {
    this.stats = options.stats ?? new QueryStats();
    this.transactions = new TransactionRegistry(options.transactionTimeoutMs, () => this.afterTransactionEnds());
    this.createDeclaredCollections();
  }

  // ---- collections

  createDeclaredCollections(): void {
    for (const [name, spec] of Object.entries(this.options.schema.collections)) {
      this.collections.set(name, new Collection(name, spec.indexes));
    }
  }

  async createCollection(name: string): Promise<void> {
    if (this.collections.has(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', MESSAGES.collectionExists);
    }
    this.collections.set(name, new Collection(name, this.options.schema.collections[name]?.indexes));
    await this.options.persist({ kind: 'create', collection: name });
  }

  collection(name: string): Collection {
    const collection = this.collections.get(name);
    if (!collection) throw collectionNotExist();
    return collection;
  }

  /** Loading from disk: applies a committed change without journaling it again. */
  restore(change: Change): void {
    if (change.kind === 'create') {
      if (!this.collections.has(change.collection)) {
        this.collections.set(
          change.collection,
          new Collection(change.collection, this.options.schema.collections[change.collection]?.indexes),
        );
      }
      return;
    }
    const seq = ++this.seq;
    for (const write of change.writes) {
      let collection = this.collections.get(write.collection);
      if (!collection) this.collections.set(write.collection, (collection = new Collection(write.collection)));
      collection.apply({ key: idKeyOf(write.id), value: write.value }, seq, undefined);
    }
  }

  // ---- reads

  /** Matching documents, newest committed or as the transaction sees them; shared with the store, never mutate. */
  find(name: string, filter: Doc, options: Shape, tx?: Transaction): Doc[] {
    const collection = this.collection(name);
    const candidates = tx
      ? this.snapshotDocs(collection, filter, options, tx)
      : this.newestDocs(collection, filter, options.order);
    const { docs, ordered } = candidates;
    const matches = matcherFor(candidates, filter);
    // Documents already in the requested order: the first offset+limit matches are the answer, stop there.
    const enough = ordered ? (options.offset ?? 0) + (options.limit ?? Infinity) : Infinity;
    const matched: Doc[] = [];
    let examined = 0;
    for (const doc of docs) {
      examined++;
      if (matches(doc)) matched.push(doc);
      if (matched.length >= enough) break;
    }
    this.examined(examined);
    // An index walk's order is the requested one: shaping only pages and projects (no $nearSphere reordering).
    return ordered && hasOrder(options.order)
      ? shape(matched, {}, { ...options, order: undefined })
      : shape(matched, filter, options);
  }

  count(name: string, filter: Doc): number {
    const collection = this.collection(name);
    // A count of everything is the collection's size, as MongoDB answers it from metadata.
    if (Object.keys(filter).length === 0) return collection.size;
    // Equalities an index answers exactly are counted on its entries (MongoDB's COUNT_SCAN): no document is read.
    const plan = pinnedIds(filter) ? undefined : planQuery(collection, filter, undefined, true);
    if (plan?.exact) {
      const { index, prefixes, range } = plan.walk;
      // One entry per document unless some document has several (arrays): then ids are told apart on a walk.
      if (!index.multikey) return prefixes.reduce((total, prefix) => total + index.countStretch(prefix, range), 0);
      let keys = 0;
      for (const _id of walkIds(plan.walk)) keys++;
      return keys;
    }
    const candidates = this.newestDocs(collection, filter, undefined, true);
    const matches = matcherFor(candidates, filter);
    let total = 0;
    let examined = 0;
    for (const doc of candidates.docs) {
      examined++;
      if (matches(doc)) total++;
    }
    this.examined(examined);
    return total;
  }

  private examined(count: number): void {
    this.documentsExamined += count;
    this.stats.examined(count);
  }

  /**
   * Every read that walks a whole collection passes here: it is counted, and in no-table-scan mode refused when the
   * collection holds more documents than the threshold, naming the query so the missing index is easy to declare.
   */
  private tableScan(collection: Collection, query: () => string): void {
    const size = collection.size;
    this.stats.scanned(collection.name, size, query());
    const threshold = this.options.noTableScanAbove;
    if (threshold !== undefined && size > threshold) {
      throw new DbError(
        'DATABASE_REQUEST_FAILED',
        `No indexed plan available and notablescan is set: ${this.stats.currentFunction} reads collection ` +
          `${collection.name} (${size} documents, more than ${threshold}) with ${query()}; ` +
          'declare an index whose leading keys this query pins (database/collections.json)',
      );
    }
  }

  aggregate(name: string, stages: Doc[]): Doc[] {
    const collection = this.collection(name);
    const [first, ...rest] = stages;
    // A leading $match goes through the query planner so it can use indexes; everything after runs in mingo
    // over copies, because stages like $addFields may modify their input documents.
    const leadingMatch = first && Object.keys(first)[0] === '$match' ? (first.$match as Doc) : undefined;
    // $geoNear (mingo has none) must come first (MongoDB): it selects, measures and orders the input itself.
    const geoNear = first && Object.keys(first)[0] === '$geoNear' ? (first.$geoNear as Doc) : undefined;
    if (rest.some((stage) => '$geoNear' in stage))
      throw requestFailed('$geoNear is only valid as the first stage in a pipeline.');
    let input: Doc[];
    if (geoNear) {
      const query = isPlainObject(geoNear.query) ? geoNear.query : {};
      this.tableScan(collection, () => `$geoNear ${describe(geoNear)}`);
      try {
        input = geoNearStage([...latestValues(collection)], geoNear, compileFilter(query));
      } catch (error) {
        throw error instanceof DbError ? error : requestFailed((error as Error).message);
      }
    } else if (leadingMatch) input = this.find(name, leadingMatch, {});
    else {
      this.tableScan(collection, () => `aggregate ${describe(stages.map((stage) => Object.keys(stage)[0]))}`);
      input = [...latestValues(collection)];
      this.examined(input.length);
    }
    const lookups = narrowConstantLookups(leadingMatch || geoNear ? rest : stages, (other, filter) =>
      this.collections.has(other) ? this.find(other, filter, {}) : [],
    );
    const hasLimit = stages.some((stage) => '$limit' in stage);
    try {
      const aggregator = newAggregator(lookups.stages, (other) =>
        (lookups.narrowed(other) ?? this.scanForLookup(other)).map(cloneValue),
      );
      const result = aggregator.run(input.map(cloneValue)) as Doc[];
      return hasLimit ? result : result.slice(0, AGGREGATE_DEFAULT_LIMIT);
    } catch (error) {
      throw requestFailed((error as Error).message);
    }
  }

  /** Every document of a collection a `$lookup` joins without a narrowing `$match`: a scan, and counted as one. */
  private scanForLookup(name: string): Doc[] {
    const collection = this.collections.get(name);
    if (collection) this.tableScan(collection, () => `an unnarrowed $lookup of ${name}`);
    const docs = collection ? [...latestValues(collection)] : [];
    this.examined(docs.length);
    return docs;
  }

  /** Candidates among the newest documents; `ordered` when they come in the requested order (or natural order). */
  private newestDocs(collection: Collection, filter: Doc, order: Doc | undefined, anyOrder = false): Candidates {
    const pinned = pinnedIds(filter);
    if (pinned) return { docs: present(collection, pinned), ordered: !hasOrder(order) };
    const plan = planQuery(collection, filter, order, anyOrder);
    if (plan) return { docs: present(collection, walkIds(plan.walk)), ordered: plan.ordered, exact: plan.exact };
    this.tableScan(collection, () => `filter ${describe(filter)}${hasOrder(order) ? ` order ${describe(order)}` : ''}`);
    return { docs: latestValues(collection), ordered: !hasOrder(order) };
  }

  /** The snapshot plus the transaction's own writes. Only `_id` pins narrow it: indexes describe newest versions. */
  private snapshotDocs(collection: Collection, filter: Doc, options: Shape, tx: Transaction): Candidates {
    const pinned = pinnedIds(filter);
    const own = tx.writes.get(collection.name);
    if (!pinned) this.tableScan(collection, () => `filter ${describe(filter)} inside a transaction (only _id narrows)`);
    const keys = pinned ?? new Set([...collection.keys(), ...(own?.keys() ?? [])]);
    return { docs: this.visibleDocs(collection, keys, tx), ordered: !hasOrder(options.order) };
  }

  private *visibleDocs(collection: Collection, keys: Iterable<IdKey>, tx: Transaction): Generator<Doc> {
    for (const key of keys) {
      const doc = this.visible(collection, key, tx);
      if (doc) yield doc;
    }
  }

  private visible(collection: Collection, key: IdKey, tx: Transaction): Doc | undefined {
    const own = tx.ownVersion(collection.name, key);
    return own === undefined ? collection.at(key, tx.snapshotSeq) : (own ?? undefined);
  }

  // ---- writes outside transactions

  async insert(name: string, docs: Doc[], tx?: Transaction): Promise<unknown[]> {
    const collection = this.collection(name);
    for (const doc of docs) checkInsertedDocument(doc);
    const prepared = docs.map((doc) => (doc._id === undefined ? { _id: newId(), ...doc } : doc));
    const keys = prepared.map((doc) => idKeyOf(doc._id));
    if (tx) {
      for (const [i, doc] of prepared.entries()) {
        const key = keys[i] as IdKey;
        this.checkTransactionalWrite(tx, collection, key);
        if (this.visible(collection, key, tx) || keys.indexOf(key) !== i) throw duplicateIdError(name, doc._id);
      }
      this.recordTransactionalWrites(
        tx,
        collection,
        prepared.map((doc, i) => ({ key: keys[i] as IdKey, value: doc })),
      );
      return prepared.map((doc) => doc._id);
    }
    await this.commitOutside(collection, () => {
      prepared.forEach((doc, i) => {
        const key = keys[i] as IdKey;
        if (collection.latest(key) || keys.indexOf(key) !== i) throw duplicateIdError(name, doc._id);
      });
      return prepared.map((doc, i) => ({ key: keys[i] as IdKey, value: doc }));
    });
    return prepared.map((doc) => doc._id);
  }

  /** Operator update of the documents matching `filter` (all of them, or the first in natural order). */
  async update(name: string, filter: Doc, update: Doc, multi: boolean, tx?: Transaction): Promise<number> {
    const collection = this.collection(name);
    const now = this.options.now();
    if (tx) {
      const [key] = pinnedIds(filter) ?? [];
      const current = key === undefined ? undefined : this.visible(collection, key, tx);
      if (key === undefined || !current || !compileFilter(filter)(current)) return 0;
      this.checkTransactionalWrite(tx, collection, key);
      const { doc, changed } = applyOperators(current, update, filter, now);
      if (changed) this.recordTransactionalWrites(tx, collection, [{ key, value: doc }]);
      return changed ? 1 : 0;
    }
    const writes = await this.commitOutside(collection, () => {
      const targets = this.find(name, filter, multi ? {} : { limit: 1 });
      const changes: Write[] = [];
      for (const current of targets) {
        const { doc, changed } = applyOperators(current, update, filter, now);
        if (changed) changes.push({ key: idKeyOf(current._id), value: doc });
      }
      return changes;
    });
    return writes.length;
  }

  /** doc.set: replace or create the document with this `_id`. */
  async replace(
    name: string,
    id: unknown,
    replacement: Doc,
    tx?: Transaction,
  ): Promise<{ updated: number; created: boolean }> {
    const collection = this.collection(name);
    const key = idKeyOf(id);
    if (tx) {
      this.checkTransactionalWrite(tx, collection, key);
      const current = this.visible(collection, key, tx);
      const { doc, changed } = applyReplacement(current, id, replacement);
      if (changed) this.recordTransactionalWrites(tx, collection, [{ key, value: doc }]);
      return { updated: current ? 1 : 0, created: !current };
    }
    let result = { updated: 0, created: false };
    await this.commitOutside(collection, () => {
      const current = collection.latest(key);
      const { doc, changed } = applyReplacement(current, id, replacement);
      // CloudBase documents doc.set's stats.updated as 1 whenever the _id existed, even when nothing changed.
      result = { updated: current ? 1 : 0, created: !current };
      return changed ? [{ key, value: doc }] : [];
    });
    return result;
  }

  async remove(name: string, filter: Doc, multi: boolean, tx?: Transaction): Promise<number> {
    const collection = this.collection(name);
    if (tx) {
      const [key] = pinnedIds(filter) ?? [];
      const current = key === undefined ? undefined : this.visible(collection, key, tx);
      if (key === undefined || !current || !compileFilter(filter)(current)) return 0;
      this.checkTransactionalWrite(tx, collection, key);
      this.recordTransactionalWrites(tx, collection, [{ key, value: null }]);
      return 1;
    }
    const writes = await this.commitOutside(collection, () =>
      this.find(name, filter, multi ? {} : { limit: 1 }).map((doc) => ({ key: idKeyOf(doc._id), value: null })),
    );
    return writes.length;
  }

  /**
   * Runs `prepare` and commits its writes atomically (nothing awaits in between). A document locked by an open
   * transaction makes the writer wait for that transaction to end and then prepare again from the new state.
   */
  private async commitOutside(collection: Collection, prepare: () => Write[]): Promise<Write[]> {
    for (;;) {
      const writes = prepare();
      const holder = writes.map((write) => this.transactions.lockHolder(collection.name, write.key)).find(Boolean);
      if (holder) {
        await holder.released;
        continue;
      }
      const violation = collection.uniqueViolation(writes);
      if (violation) throw duplicateKeyError(collection.name, violation);
      await this.commit([[collection, writes]]);
      return writes;
    }
  }

  private commit(batches: Array<[Collection, Write[]]>): Promise<void> {
    if (batches.every(([, writes]) => writes.length === 0)) return Promise.resolve();
    const seq = ++this.seq;
    const oldestSnapshot = this.transactions.oldestSnapshot();
    const journaled: Array<{ collection: string; id: unknown; value: Doc | null }> = [];
    for (const [collection, writes] of batches) {
      for (const write of writes) {
        // A deletion's value is null, so its id comes from the version being deleted.
        const id = write.value?._id ?? collection.latest(write.key)?._id ?? write.key;
        collection.apply(write, seq, oldestSnapshot);
        journaled.push({ collection: collection.name, id, value: write.value });
      }
    }
    return this.options.persist({ kind: 'writes', writes: journaled });
  }

  // ---- transactions

  startTransaction(): string {
    return this.transactions.begin(() => this.seq).id;
  }

  /** All or nothing: unique indexes are checked again against everything committed since the writes were made. */
  async commitTransaction(id: unknown): Promise<void> {
    const tx = this.transactions.require(id);
    const batches: Array<[Collection, Write[]]> = [];
    for (const name of tx.writes.keys()) {
      const collection = this.collection(name);
      const writes = tx.writesOf(name);
      const violation = collection.uniqueViolation(writes);
      if (violation) {
        this.transactions.end(tx);
        throw duplicateKeyError(name, violation);
      }
      batches.push([collection, writes]);
    }
    const durable = this.commit(batches);
    this.transactions.end(tx);
    await durable;
  }

  abortTransaction(id: unknown): void {
    this.transactions.end(this.transactions.require(id));
  }

  /**
   * First-writer-wins: a document locked by another transaction, or committed by anyone after this snapshot,
   * conflicts; the platform then aborts the transaction itself.
   */
  private checkTransactionalWrite(tx: Transaction, collection: Collection, key: IdKey): void {
    const holder = this.transactions.lockHolder(collection.name, key);
    const lastWrite = collection.lastWriteSeq(key);
    const conflicts = holder ? holder !== tx : lastWrite !== undefined && lastWrite > tx.snapshotSeq;
    if (conflicts) {
      this.transactions.end(tx);
      throw transactionConflict();
    }
  }

  /** Unique keys are checked at write time too, against committed documents and the transaction's other writes. */
  private recordTransactionalWrites(tx: Transaction, collection: Collection, writes: Write[]): void {
    const merged = new Map(tx.writesOf(collection.name).map((write) => [write.key, write]));
    for (const write of writes) merged.set(write.key, write);
    const violation = collection.uniqueViolation([...merged.values()]);
    if (violation) throw duplicateKeyError(collection.name, violation);
    for (const write of writes) this.transactions.recordWrite(tx, collection.name, write.key, write.value);
  }

  private afterTransactionEnds(): void {
    const oldest = this.transactions.oldestSnapshot();
    for (const collection of this.collections.values()) collection.sweepTombstones(oldest);
  }

  // ---- administration

  /** Empties everything, drops undeclared collections and ends open transactions. */
  reset(): void {
    this.transactions.endAll();
    this.collections.clear();
    this.createDeclaredCollections();
  }
}

/** Documents a read considers, whether they arrive in the order the read asked for, and whether all match. */
interface Candidates {
  docs: Iterable<Doc>;
  ordered: boolean;
  exact?: boolean;
}

const everyDocument = (): boolean => true;

/** Candidates an exact index walk produced all match; any others are checked against the whole filter. */
function matcherFor(candidates: Candidates, filter: Doc): Matcher {
  return candidates.exact ? everyDocument : compileFilter(filter);
}

function hasOrder(order: Doc | undefined): boolean {
  return order !== undefined && Object.keys(order).length > 0;
}

function* present(collection: Collection, keys: Iterable<IdKey>): Generator<Doc> {
  for (const key of keys) {
    const doc = collection.latest(key);
    if (doc) yield doc;
  }
}

function* latestValues(collection: Collection): Generator<Doc> {
  for (const [, doc] of collection.latestDocs()) yield doc;
}

/** A query as text for stats and errors; values that cannot be shown as JSON are named by type. */
function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

function newId(): string {
  return randomHex(16);
}
