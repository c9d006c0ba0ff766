/**
 * One collection's documents as per-document version chains (newest first), so open transactions can read the
 * snapshot they started from while non-transactional readers see the newest committed value.
 */
import type { IndexSpec } from '../types';
import type { Doc } from './ejson';
import { SecondaryIndex, type IndexedVersion, type UniqueViolation } from './indexes';
import type { IdKey } from './keys';
import { compactDocument } from './values';

/** The head version is also the document's entry in every index where it holds no array (see IndexEntry). */
interface Version extends IndexedVersion {
  /** null = deleted (a tombstone kept while a snapshot might still see the older value). */
  readonly value: Doc | null;
  readonly seq: number;
  /** Place in natural order, shared by every version of the document (see IndexEntry.pos). */
  readonly pos: number;
  prev: Version | undefined;
}

const ID_INDEX: IndexSpec = { name: '_id_', keys: [{ name: '_id', direction: '1' }] };

/** A committed change of one document; `value` includes `_id`, null deletes. */
export interface Write {
  key: IdKey;
  value: Doc | null;
}

export class Collection {
  readonly indexes: SecondaryIndex[];
  private readonly chains = new Map<IdKey, Version>();
  private readonly tombstones = new Set<IdKey>();
  private lastPos = 0;

  constructor(
    readonly name: string,
    readonly indexSpecs: readonly IndexSpec[] = [],
  ) {
    // Every collection has MongoDB's `_id_` index: ranges and order on `_id` (keyset paging by id) read it.
    const declared = indexSpecs.filter((spec) => !(spec.keys.length === 1 && spec.keys[0]?.name === '_id'));
    this.indexes = [new SecondaryIndex(ID_INDEX), ...declared.map((spec) => new SecondaryIndex(spec))];
  }

  /** Documents present now (deletion markers kept for open snapshots don't count). */
  get size(): number {
    return this.chains.size - this.tombstones.size;
  }

  latest(key: IdKey): Doc | undefined {
    return this.chains.get(key)?.value ?? undefined;
  }

  /** Commit sequence of the newest version (tombstones included); undefined when never written or fully pruned. */
  lastWriteSeq(key: IdKey): number | undefined {
    return this.chains.get(key)?.seq;
  }

  at(key: IdKey, seq: number): Doc | undefined {
    for (let version = this.chains.get(key); version; version = version.prev) {
      if (version.seq <= seq) return version.value ?? undefined;
    }
    return undefined;
  }

  /** Newest documents in natural (insertion) order. */
  *latestDocs(): IterableIterator<[IdKey, Doc]> {
    for (const [key, version] of this.chains) if (version.value) yield [key, version.value];
  }

  /** Keys of every chain, for snapshot scans that must also see documents deleted since. */
  keys(): IterableIterator<IdKey> {
    return this.chains.keys();
  }

  /** Applies a committed write; `oldestSnapshot` (of the open transactions) decides which old versions to keep. */
  apply(write: Write, seq: number, oldestSnapshot: number | undefined): void {
    const head = this.chains.get(write.key);
    if (!head && !write.value) return;
    write = { key: write.key, value: write.value && compactDocument(write.value) };
    // A chain keeps its place in the Map while it exists, so it keeps its position too.
    const pos = head ? head.pos : ++this.lastPos;
    const version: Version = {
      id: write.key,
      value: write.value,
      seq,
      pos,
      prev: oldestSnapshot === undefined ? undefined : head,
    };
    for (const index of this.indexes) index.update(head, version);
    pruneOlderThan(version, oldestSnapshot);
    if (!write.value && oldestSnapshot === undefined) {
      this.chains.delete(write.key);
      this.tombstones.delete(write.key);
      return;
    }
    this.chains.set(write.key, version);
    if (write.value) this.tombstones.delete(write.key);
    else this.tombstones.add(write.key);
  }

  /** Drops deletion markers no open snapshot can need any more. */
  sweepTombstones(oldestSnapshot: number | undefined): void {
    for (const key of this.tombstones) {
      const head = this.chains.get(key);
      if (head && !head.value && (oldestSnapshot === undefined || head.seq <= oldestSnapshot)) {
        this.chains.delete(key);
        this.tombstones.delete(key);
      }
    }
  }

  /** A unique-index collision of `writes` with committed documents or with each other. */
  uniqueViolation(writes: readonly Write[]): UniqueViolation | undefined {
    const rewritten = new Set(writes.map((write) => write.key));
    for (const index of this.indexes) {
      if (!index.unique) continue;
      const claimed = new Map<string, IdKey>();
      for (const write of writes) {
        if (!write.value) continue;
        const violation = index.conflictFor(write.key, write.value, rewritten);
        if (violation) return violation;
        for (const combo of index.uniqueKeys(write.value)) {
          const holder = claimed.get(combo.key);
          if (holder !== undefined && holder !== write.key) {
            return { index: index.name, fields: index.fields, values: combo.values };
          }
          claimed.set(combo.key, write.key);
        }
      }
    }
    return undefined;
  }
}

/** Keeps the versions newer than the snapshot plus the one the snapshot sees; with no snapshot, only the head. */
function pruneOlderThan(head: Version, oldestSnapshot: number | undefined): void {
  if (oldestSnapshot === undefined) return;
  for (let version: Version | undefined = head; version; version = version.prev) {
    if (version.seq <= oldestSnapshot) {
      version.prev = undefined;
      return;
    }
  }
}
