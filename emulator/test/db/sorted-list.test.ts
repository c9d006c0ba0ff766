/** SortedList: distance counts the items between two places from block lengths, and replace swaps one in place. */
import fc from 'fast-check';
import { SortedList } from '../../src/db/sorted-list';

test('distance between two seeks equals the items a walk passes, across many blocks', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 600, maxLength: 3000 }),
      fc.integer({ min: -5, max: 305 }),
      fc.integer({ min: -5, max: 305 }),
      (values, a, b) => {
        const list = new SortedList<number>((x, y) => x - y);
        for (const value of values) list.insert(value);
        const [low, high] = a <= b ? [a, b] : [b, a];
        const from = list.seek((item) => item < low);
        const to = list.seek((item) => item <= high);
        expect(list.distance(from, to)).toBe(values.filter((value) => value >= low && value <= high).length);
      },
    ),
    { numRuns: 200 },
  );
});

/** replace swaps the one item comparing equal in place (an index moving a document to its new version). */
test('replace puts the new item where the equal one was, and refuses one that is absent', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 1500 }),
      fc.nat(),
      (keys, pick) => {
        const list = new SortedList<{ key: number; version: number }>((x, y) => x.key - y.key);
        for (const key of keys) list.insert({ key, version: 1 });
        const target = keys[pick % keys.length] as number;
        expect(list.replace({ key: target, version: 1 }, { key: target, version: 2 })).toBe(true);
        expect(list.replace({ key: 5001, version: 1 }, { key: 5001, version: 2 })).toBe(false);
        const walked = [...list.forward({ block: 0, offset: 0 })];
        expect(walked.map((item) => item.key)).toEqual([...keys].sort((x, y) => x - y));
        expect(walked.filter((item) => item.version === 2).map((item) => item.key)).toEqual([target]);
      },
    ),
    { numRuns: 100 },
  );
});
