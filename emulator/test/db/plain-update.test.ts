/**
 * The direct path for `$set`/`$inc`/`$unset` must agree with mingo's updater (the reference for everything else)
 * on every update it accepts: same resulting document, same modified paths.
 */
import fc from 'fast-check';
import { applyUpdateInPlace } from '../../src/db/mingo';
import { applyPlainUpdate } from '../../src/db/plain-update';
import { cloneValue } from '../../src/db/values';
import type { Doc } from '../../src/db/ejson';

const field = fc.constantFrom('a', 'b', 'c');
const path = fc.array(field, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('.'));
const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', 'y', true, null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.dictionary(field, tie('node'), { maxKeys: 3 })),
})).node;
const doc = fc.dictionary(field, value, { maxKeys: 3 }).map((fields): Doc => ({ _id: 'd1', ...fields }));
const update = fc
  .record(
    {
      $set: fc.dictionary(path, value, { minKeys: 1, maxKeys: 2 }),
      $inc: fc.dictionary(path, fc.integer({ min: -2, max: 2 }), { minKeys: 1, maxKeys: 2 }),
      $unset: fc.dictionary(path, fc.constant(''), { minKeys: 1, maxKeys: 2 }),
    },
    { requiredKeys: [] },
  )
  .filter((u) => Object.keys(u).length > 0) as fc.Arbitrary<Doc>;

describe('plain updates', () => {
  it('agree with mingo on every update they take', () => {
    let taken = 0;
    fc.assert(
      fc.property(doc, update, (original, operators) => {
        const direct = cloneValue(original);
        const modified = applyPlainUpdate(direct, operators);
        if (modified === undefined) {
          expect(direct).toEqual(original);
          return;
        }
        taken++;
        const reference = cloneValue(original);
        const referenceModified = applyUpdateInPlace(reference, operators, undefined);
        expect(direct).toEqual(reference);
        expect(modified).toEqual(referenceModified);
      }),
      { numRuns: 2000 },
    );
    // The generator must exercise the direct path, not only the fallback.
    expect(taken).toBeGreaterThan(200);
  });

  it('leaves arrays, positional paths, other operators and _id to mingo', () => {
    const base: Doc = { _id: 'd1', tags: ['a'], n: 1 };
    for (const operators of [
      { $set: { 'tags.0': 'b' } },
      { $set: { 'tags.$': 'b' } },
      { $push: { tags: 'b' } },
      { $set: { _id: 'd1' } },
      { $set: { n: 2 }, $inc: { n: 1 } },
    ]) {
      const copy = cloneValue(base);
      expect(applyPlainUpdate(copy, operators)).toBeUndefined();
      expect(copy).toEqual(base);
    }
  });

  it('reports an unchanged $set as no modification', () => {
    const copy: Doc = { _id: 'd1', profile: { name: 'x' } };
    expect(applyPlainUpdate(copy, { $set: { 'profile.name': 'x' } })).toEqual([]);
  });
});
