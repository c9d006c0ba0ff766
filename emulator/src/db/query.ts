/**
 * Filters, the conditions that pin fields (for the planner) and result shaping. Matching, sorting and projection
 * semantics are mingo's (MongoDB's).
 */
import { isPlainObject, type Doc } from './ejson';
import { requestFailed } from './errors';
import { distanceFrom, nearSphereSpec } from './geo';
import { newQuery, sortPageProject } from './mingo';
import { idKeyOf, isIndexableScalar, type IdKey } from './keys';

export type Matcher = (doc: Doc) => boolean;

export function compileFilter(filter: Doc): Matcher {
  const fields = Object.keys(filter);
  if (fields.length === 0) return () => true;
  // A document read or written by id: comparing the id is all mingo would do, without compiling a query.
  const id = filter._id;
  if (fields.length === 1 && (typeof id === 'string' || (typeof id === 'number' && !Number.isNaN(id))))
    return (doc) => doc._id === id;
  try {
    const query = newQuery(filter);
    return (doc) => query.test(doc);
  } catch (error) {
    throw requestFailed((error as Error).message);
  }
}

/** The values a condition pins a field to, when it is an equality (`v`, `{$eq: v}`, `{$in: [...]}`) on scalars. */
export function equalityValues(condition: unknown): unknown[] | undefined {
  if (condition === undefined) return undefined;
  if (isIndexableScalar(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  if ('$eq' in condition && isIndexableScalar(condition.$eq)) return [condition.$eq];
  const list = condition.$in;
  if (Array.isArray(list) && list.every(isIndexableScalar)) return list;
  return undefined;
}

/**
 * Top-level field conditions that must all hold: the filter itself and the members of a top-level `$and`, nested
 * ones included (as MongoDB flattens them): the SDK sends `_.and([{createdAt: _.gte(a).and(_.lt(b))}, cursor])` as
 * an `$and` inside an `$and`, and the range must still bound the index walk.
 */
export function conjuncts(filter: Doc): Doc[] {
  const and = filter.$and;
  return Array.isArray(and) ? [filter, ...and.filter(isPlainObject).flatMap(conjuncts)] : [filter];
}

/** Keys of `_id` the filter pins, if any: exact in every snapshot because an `_id` never changes. */
export function pinnedIds(filter: Doc): IdKey[] | undefined {
  for (const condition of conjuncts(filter)) {
    const ids = equalityValues(condition._id);
    if (ids) return ids.map(idKeyOf);
  }
  return undefined;
}

export interface Shape {
  order?: Doc;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

/** A top-level `$nearSphere` condition, whose results Mongo returns nearest first unless sorted explicitly. */
function nearSphereOrder(filter: Doc): ((a: Doc, b: Doc) => number) | undefined {
  for (const [field, condition] of Object.entries(filter)) {
    const spec = isPlainObject(condition) ? nearSphereSpec(condition.$nearSphere) : undefined;
    if (spec) return (a, b) => distanceFrom(a, field, spec.centre) - distanceFrom(b, field, spec.centre);
  }
  return undefined;
}

/** Orders, pages and projects matched documents. The result may share objects with the store: encode, don't mutate. */
export function shape(matched: Doc[], filter: Doc, { order, offset = 0, limit, projection }: Shape): Doc[] {
  const hasOrder = order !== undefined && Object.keys(order).length > 0;
  const hasProjection = projection !== undefined && Object.keys(projection).length > 0;
  const nearestFirst = hasOrder ? undefined : nearSphereOrder(filter);
  if (nearestFirst) matched.sort(nearestFirst);
  if (!hasOrder && !hasProjection) return matched.slice(offset, limit === undefined ? undefined : offset + limit);
  try {
    return sortPageProject(
      matched,
      hasOrder ? order : undefined,
      offset,
      limit,
      hasProjection ? projection : undefined,
    );
  } catch (error) {
    throw requestFailed((error as Error).message);
  }
}
