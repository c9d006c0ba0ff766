/**
 * A sorted multiset kept as a list of small sorted blocks: binary search over the blocks, then inside one. An insert
 * or delete splices a block of at most BLOCK_MAX items, so it stays O(log n) plus a short copy at any size, where
 * one flat array would copy up to the whole index on each write.
 */

const BLOCK_MAX = 256;

/** A place between two items: before `blocks[block][offset]`. */
export interface Cursor {
  block: number;
  offset: number;
}

export class SortedList<T> {
  private blocks: T[][] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  insert(item: T): void {
    let { block, offset } = this.seek((other) => this.compare(other, item) <= 0);
    if (block === this.blocks.length) {
      if (block === 0) {
        this.blocks.push([item]);
        return;
      }
      // Past every item: the end of the last block.
      block -= 1;
      offset = (this.blocks[block] as T[]).length;
    }
    const target = this.blocks[block] as T[];
    target.splice(offset, 0, item);
    if (target.length > BLOCK_MAX) this.blocks.splice(block + 1, 0, target.splice(target.length >> 1));
  }

  /** Removes the item comparing equal to `item`; false when there is none. */
  delete(item: T): boolean {
    const place = this.placeOfEqual(item);
    if (!place) return false;
    const target = this.blocks[place.block] as T[];
    target.splice(place.offset, 1);
    if (target.length === 0) this.blocks.splice(place.block, 1);
    return true;
  }

  /** Puts `next` in the place of the item comparing equal to `item`; both must compare equal. False when absent. */
  replace(item: T, next: T): boolean {
    const place = this.placeOfEqual(item);
    if (!place) return false;
    (this.blocks[place.block] as T[])[place.offset] = next;
    return true;
  }

  /** Where the item comparing equal to `item` is; undefined when there is none. */
  private placeOfEqual(item: T): Cursor | undefined {
    const place = this.seek((other) => this.compare(other, item) < 0);
    const target = this.blocks[place.block];
    if (!target || place.offset >= target.length || this.compare(target[place.offset] as T, item) !== 0)
      return undefined;
    return place;
  }

  /**
   * The first place whose item is not `before`: `before` must hold for a prefix of the list and for nothing after
   * it. Past the end it is {block: blocks.length, offset: 0}.
   */
  seek(before: (item: T) => boolean): Cursor {
    let low = 0;
    let high = this.blocks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const block = this.blocks[middle] as T[];
      if (before(block[block.length - 1] as T)) low = middle + 1;
      else high = middle;
    }
    const block = this.blocks[low];
    if (!block) return { block: low, offset: 0 };
    let start = 0;
    let end = block.length;
    while (start < end) {
      const middle = (start + end) >> 1;
      if (before(block[middle] as T)) start = middle + 1;
      else end = middle;
    }
    return { block: low, offset: start };
  }

  /** How many items lie between two places (`from` at or before `to`): block lengths, not a walk over the items. */
  distance(from: Cursor, to: Cursor): number {
    if (from.block === to.block) return to.offset - from.offset;
    let count = (this.blocks[from.block]?.length ?? 0) - from.offset;
    for (let b = from.block + 1; b < to.block; b++) count += (this.blocks[b] as T[]).length;
    return count + to.offset;
  }

  /** Items from `cursor` to the end. The list must not change while this runs. */
  *forward(cursor: Cursor): Generator<T> {
    for (let b = cursor.block, o = cursor.offset; b < this.blocks.length; b++, o = 0) {
      const block = this.blocks[b] as T[];
      for (; o < block.length; o++) yield block[o] as T;
    }
  }

  /** Items before `cursor`, nearest first. The list must not change while this runs. */
  *backward(cursor: Cursor): Generator<T> {
    for (let b = cursor.block, o = cursor.offset - 1; b >= 0; b--) {
      const block = this.blocks[b];
      if (block) for (; o >= 0; o--) yield block[o] as T;
      o = (this.blocks[b - 1]?.length ?? 0) - 1;
    }
  }
}
