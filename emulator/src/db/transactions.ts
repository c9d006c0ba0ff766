/**
 * Open transactions, their private write sets and the document write locks they hold (notes §4.3).
 * A transaction ends by commit, abort, conflict or expiry; ending releases its locks and wakes waiting writers.
 */
import { randomHex } from '../random';
import type { Doc } from './ejson';
import { transactionNotExist } from './errors';
import type { IdKey } from './keys';
import type { Write } from './store';

export class Transaction {
  /** Per collection: the transaction's own version of each document it wrote (null = deleted). */
  readonly writes = new Map<string, Map<IdKey, Doc | null>>();
  readonly released: Promise<void>;
  isOpen = true;
  expiryTimer: NodeJS.Timeout | undefined;
  private markReleased!: () => void;

  /**
   * Commit sequence the transaction reads at: taken at its first read or write, not at startTransaction, as in
   * MongoDB (a snapshot starts with the transaction's first operation), so a commit made by others between
   * startTransaction and that operation is visible and does not conflict.
   */
  private pinnedSeq: number | undefined;

  constructor(
    readonly id: string,
    private readonly currentSeq: () => number,
  ) {
    this.released = new Promise((resolve) => (this.markReleased = resolve));
  }

  get snapshotSeq(): number {
    if (this.pinnedSeq === undefined) this.pinnedSeq = this.currentSeq();
    return this.pinnedSeq;
  }

  /** The pinned snapshot, or undefined before the first operation (the transaction then keeps no old versions). */
  get pinnedSnapshot(): number | undefined {
    return this.pinnedSeq;
  }

  /** The transaction's own version of a document: undefined when it has not written it. */
  ownVersion(collection: string, key: IdKey): Doc | null | undefined {
    return this.writes.get(collection)?.get(key);
  }

  writesOf(collection: string): Write[] {
    return [...(this.writes.get(collection) ?? [])].map(([key, value]) => ({ key, value }));
  }

  release(): void {
    this.isOpen = false;
    clearTimeout(this.expiryTimer);
    this.markReleased();
  }
}

export class TransactionRegistry {
  private readonly open = new Map<string, Transaction>();
  private readonly locks = new Map<string, Map<IdKey, Transaction>>();

  constructor(
    private readonly timeoutMs: number,
    /** Called after any transaction ends, so the store can drop versions nobody can read any more. */
    private readonly onEnd: () => void,
  ) {}

  begin(currentSeq: () => number): Transaction {
    const tx = new Transaction(randomHex(16), currentSeq);
    // Real time, not the virtual clock: the platform's 30 s limit protects the server, not business logic.
    tx.expiryTimer = setTimeout(() => this.end(tx), this.timeoutMs).unref();
    this.open.set(tx.id, tx);
    return tx;
  }

  /** The open transaction with this id; committed, aborted, expired and unknown ids all fail alike. */
  require(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw transactionNotExist();
    return tx;
  }

  lockHolder(collection: string, key: IdKey): Transaction | undefined {
    return this.locks.get(collection)?.get(key);
  }

  /** Records a transactional write and takes the document's lock (the caller has checked for conflicts). */
  recordWrite(tx: Transaction, collection: string, key: IdKey, value: Doc | null): void {
    let own = tx.writes.get(collection);
    if (!own) tx.writes.set(collection, (own = new Map()));
    own.set(key, value);
    let locks = this.locks.get(collection);
    if (!locks) this.locks.set(collection, (locks = new Map()));
    locks.set(key, tx);
  }

  end(tx: Transaction): void {
    if (!tx.isOpen) return;
    for (const [collection, own] of tx.writes) {
      const locks = this.locks.get(collection);
      for (const key of own.keys()) if (locks?.get(key) === tx) locks.delete(key);
    }
    this.open.delete(tx.id);
    tx.release();
    this.onEnd();
  }

  endAll(): void {
    for (const tx of [...this.open.values()]) this.end(tx);
  }

  oldestSnapshot(): number | undefined {
    let oldest: number | undefined;
    for (const tx of this.open.values()) {
      const pinned = tx.pinnedSnapshot;
      if (pinned !== undefined && (oldest === undefined || pinned < oldest)) oldest = pinned;
    }
    return oldest;
  }
}
