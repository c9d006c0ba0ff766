/** SortedList.distance counts the items between two places from block lengths: it must equal walking them. */
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
