/**
 * Durability for a data directory: a snapshot file plus an append-only journal of committed changes, one canonical
 * EJSON line each. A change is fsync'd before its write is acknowledged; changes arriving while a sync is in flight
 * share the next one (group commit). Replaying a journal line is idempotent (it sets a document's whole value),
 * which is what makes a crash between writing a new snapshot and truncating the journal harmless.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeWireObject, encodeCanonical } from './ejson';
import type { Change } from './engine';

const SNAPSHOT = 'snapshot.jsonl';
const JOURNAL = 'journal.jsonl';

export interface JournalSource {
  /** Every committed change needed to rebuild the current state, read synchronously so it is consistent. */
  currentState(): Iterable<Change>;
  restore(change: Change): void;
}

export class Journal {
  private tail: Promise<void> = Promise.resolve();
  private pending: string[] = [];
  private pendingAcks: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushQueued = false;
  private journalBytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly compactBytes: number,
    private readonly source: JournalSource,
    private file: fs.FileHandle,
  ) {}

  /** Loads snapshot and journal into `source`, then compacts so the next run starts from one snapshot. */
  static async open(dir: string, compactBytes: number, source: JournalSource): Promise<Journal> {
    await fs.mkdir(dir, { recursive: true });
    for (const name of [SNAPSHOT, JOURNAL]) {
      for (const change of await readChanges(path.join(dir, name))) source.restore(change);
    }
    const journal = new Journal(dir, compactBytes, source, await fs.open(path.join(dir, JOURNAL), 'a'));
    await journal.compact();
    return journal;
  }

  /** Resolves once the change is on disk. */
  append(change: Change): Promise<void> {
    const line = `${encodeCanonical(change)}\n`;
    return new Promise((resolve, reject) => {
      this.pending.push(line);
      this.pendingAcks.push({ resolve, reject });
      if (this.flushQueued) return;
      this.flushQueued = true;
      this.enqueue(() => this.flush());
    });
  }

  /** Rewrites the snapshot from the current state and starts an empty journal. */
  compact(): Promise<void> {
    return this.enqueue(() => this.writeSnapshot());
  }

  async close(): Promise<void> {
    await this.tail;
    await this.file.close();
  }

  /** File operations run one at a time, in order; a failed one must not stop those queued behind it. */
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.tail.then(operation);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const lines = this.pending.join('');
    const acks = this.pendingAcks;
    this.pending = [];
    this.pendingAcks = [];
    try {
      await this.file.appendFile(lines);
      await this.file.datasync();
      this.journalBytes += Buffer.byteLength(lines);
      for (const ack of acks) ack.resolve();
    } catch (error) {
      for (const ack of acks) ack.reject(error);
      return;
    }
    if (this.journalBytes > this.compactBytes) await this.writeSnapshot();
  }

  /**
   * The state is captured synchronously; changes committed meanwhile are still pending for the journal and land in
   * the fresh one, where replaying them over the snapshot is harmless.
   */
  private async writeSnapshot(): Promise<void> {
    const lines: string[] = [];
    for (const change of this.source.currentState()) lines.push(`${encodeCanonical(change)}\n`);
    const temporary = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const snapshot = await fs.open(temporary, 'w');
    try {
      for (let i = 0; i < lines.length; i += 4096) await snapshot.appendFile(lines.slice(i, i + 4096).join(''));
      await snapshot.datasync();
    } finally {
      await snapshot.close();
    }
    await fs.rename(temporary, path.join(this.dir, SNAPSHOT));
    await syncDirectory(this.dir);
    await this.file.close();
    this.file = await fs.open(path.join(this.dir, JOURNAL), 'w');
    await this.file.datasync();
    await syncDirectory(this.dir);
    this.journalBytes = 0;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a file of change lines; a torn last line (a crash mid-append, never acknowledged) is ignored. */
async function readChanges(file: string): Promise<Change[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const changes: Change[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    try {
      changes.push(decodeWireObject(line, Date.now, 'journal line') as unknown as Change);
    } catch (error) {
      const isLast = lines.slice(i + 1).every((rest) => rest === '');
      if (isLast) break;
      throw new Error(`${file}: corrupt line ${i + 1}: ${(error as Error).message}`);
    }
  }
  return changes;
}
