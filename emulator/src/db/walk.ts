/**
 * Executes an index walk: one stretch of the index per combination of equality values, each read in the requested
 * order, merged into one stream of document ids. Reading is lazy, so a caller that stops after `limit` matches
 * never touches the rest of the stretch.
 */
import type { IndexEntry, KeyRange, SecondaryIndex } from './indexes';
import type { IdKey } from './keys';

export type EntryOrder = (a: IndexEntry, b: IndexEntry) => number;

/** Ties in insertion order, as a stable sort of a scan leaves them. */
export const naturalOrder: EntryOrder = (a, b) => a.pos - b.pos;

export interface Walk {
  index: SecondaryIndex;
  /** Values of the first keys, one array per combination of `$in` values; all of the same length. */
  prefixes: unknown[][];
  /** Condition on the key right after the prefix. */
  range?: KeyRange;
  /** The results follow index keys [prefix length, orderDepth); 1 walks the index forward, -1 backward. */
  orderDepth: number;
  direction: 1 | -1;
  /** Order of entries equal on every followed key; undefined when the caller takes any order. */
  tiebreak?: EntryOrder;
}

/** Ids of the documents the walk covers, each once. */
export function* walkIds(walk: Walk): Generator<IdKey> {
  const { index, prefixes, range, direction, tiebreak } = walk;
  if (!tiebreak) {
    const seen = index.multikey ? new Set<IdKey>() : undefined;
    for (const prefix of prefixes) {
      for (const entry of index.scan(prefix, range, direction)) {
        if (seen?.has(entry.id)) continue;
        seen?.add(entry.id);
        yield entry.id;
      }
    }
    return;
  }
  const from = prefixes[0]?.length ?? 0;
  const to = walk.orderDepth;
  // Entries equal on every key are stored by position, so one stretch walked forward on all of its keys is already
  // in natural order within each run.
  const presorted = prefixes.length === 1 && direction === 1 && to === index.keys.length && tiebreak === naturalOrder;
  const streams = prefixes.map((prefix) =>
    presorted
      ? index.scan(prefix, range, direction)
      : inRuns(index.scan(prefix, range, direction), (a, b) => index.compareKeys(a, b, from, to) === 0, tiebreak),
  );
  const entries =
    streams.length === 1
      ? (streams[0] as Iterable<IndexEntry>)
      : merge(streams, (a, b) => direction * index.compareKeys(a, b, from, to) || tiebreak(a, b));
  // A document with several entries (arrays) yields them next to each other: equal keys, equal tiebreak.
  let previous: IndexEntry | undefined;
  for (const entry of entries) {
    if (entry.pos !== previous?.pos) yield entry.id;
    previous = entry;
  }
}

/** Re-orders each run of entries that are equal on the followed keys by `tiebreak`. */
function* inRuns(
  entries: Iterable<IndexEntry>,
  sameRun: (a: IndexEntry, b: IndexEntry) => boolean,
  tiebreak: EntryOrder,
): Generator<IndexEntry> {
  let run: IndexEntry[] = [];
  for (const entry of entries) {
    if (run.length > 0 && !sameRun(run[0] as IndexEntry, entry)) {
      yield* run.length > 1 ? run.sort(tiebreak) : run;
      run = [];
    }
    run.push(entry);
  }
  yield* run.length > 1 ? run.sort(tiebreak) : run;
}

/** K-way merge of sorted streams through a binary heap of their current heads. */
function* merge(streams: Array<Iterator<IndexEntry>>, order: EntryOrder): Generator<IndexEntry> {
  const heap: Array<{ head: IndexEntry; rest: Iterator<IndexEntry> }> = [];
  const less = (i: number, j: number) =>
    order((heap[i] as { head: IndexEntry }).head, (heap[j] as { head: IndexEntry }).head) < 0;
  const swap = (i: number, j: number) =>
    ([heap[i], heap[j]] = [heap[j] as (typeof heap)[0], heap[i] as (typeof heap)[0]]);
  const siftDown = (i: number) => {
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if (left < heap.length && less(left, smallest)) smallest = left;
      if (right < heap.length && less(right, smallest)) smallest = right;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  for (const rest of streams) {
    const first = rest.next();
    if (!first.done) heap.push({ head: first.value, rest });
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  while (heap.length > 0) {
    const top = heap[0] as (typeof heap)[0];
    yield top.head;
    const next = top.rest.next();
    if (next.done) {
      const last = heap.pop() as (typeof heap)[0];
      if (heap.length === 0) return;
      heap[0] = last;
    } else {
      top.head = next.value;
    }
    siftDown(0);
  }
}
