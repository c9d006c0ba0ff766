/**
 * Lean entry points into mingo. Its default exports copy a context holding every operator (hundreds) on each Query
 * or update call, which costs ~50 µs, far more than the rest of a request. Building Query and update calls from the
 * subpath modules with a small context (query + projection operators, expression operators only when a filter
 * needs them) keeps per-request cost in the low microseconds.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the subpaths' typings are only reachable by file path */
import { Context } from 'mingo';
import type { Aggregator as AggregatorClass } from 'mingo/types/aggregator';
import type { Query as QueryClass } from 'mingo/types/query';
import type { update as updateFunction } from 'mingo/types/updater';
import { isPlainObject, type Doc } from './ejson';
import { geoQueryOperators } from './geo';
import { expressionFixes, pipelineFixes, queryFixes } from './mingo-fixes';

type OperatorMap = Record<`$${string}`, never>;
const { Query } = require('mingo/query') as { Query: typeof QueryClass };
const { Aggregator } = require('mingo/aggregator') as { Aggregator: typeof AggregatorClass };
const { update } = require('mingo/updater') as { update: typeof updateFunction };
// mingo's operators with the corrections of mingo-fixes.ts and the geo operators it lacks.
const queryOperators = {
  ...(require('mingo/operators/query') as OperatorMap),
  ...(queryFixes as unknown as OperatorMap),
  ...(geoQueryOperators as unknown as OperatorMap),
};
const projectionOperators = require('mingo/operators/projection') as OperatorMap;
const expressionOperators = {
  ...(require('mingo/operators/expression') as OperatorMap),
  ...(expressionFixes as unknown as OperatorMap),
};

const queryOnly = Context.init({
  query: queryOperators,
  projection: projectionOperators,
});
const withExpressions = Context.init({
  query: queryOperators,
  projection: projectionOperators,
  expression: expressionOperators,
});

/** Only `$expr` evaluates aggregation expressions inside a filter. */
export function needsExpressions(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(needsExpressions);
  if (!isPlainObject(value)) return false;
  for (const key in value) if (key === '$expr' || needsExpressions(value[key])) return true;
  return false;
}

function contextFor(filter: Doc): Context {
  return needsExpressions(filter) ? withExpressions : queryOnly;
}

export function newQuery(filter: Doc): QueryClass {
  return new Query(filter, { context: contextFor(filter) });
}

/** Mongo find-style sort, skip, limit and projection over already matched documents. */
export function sortPageProject(
  docs: Doc[],
  order: Doc | undefined,
  offset: number,
  limit: number | undefined,
  projection: Doc | undefined,
): Doc[] {
  let cursor = new Query({}, { context: projection ? contextFor(projection) : queryOnly }).find<Doc>(docs, projection);
  if (order) cursor = cursor.sort(order);
  if (offset > 0) cursor = cursor.skip(offset);
  if (limit !== undefined) cursor = cursor.limit(limit);
  return cursor.all();
}

/** Applies update operators in place and returns the modified paths; `condition` resolves a positional `$`. */
export function applyUpdateInPlace(doc: Doc, operators: Doc, condition: Doc | undefined): string[] {
  return update(doc, operators, undefined, condition, {
    queryOptions: { context: condition ? contextFor(condition) : queryOnly },
  });
}

/**
 * Pipelines get mingo's full operator set with the geo query operators added, merged once here: the default entry
 * merges a given context into its own on every Aggregator (~0.2 ms, more than a small pipeline's work).
 */
const aggregationContext = Context.init({
  accumulator: require('mingo/operators/accumulator') as OperatorMap,
  expression: expressionOperators,
  pipeline: { ...(require('mingo/operators/pipeline') as OperatorMap), ...(pipelineFixes as unknown as OperatorMap) },
  projection: projectionOperators,
  query: queryOperators,
  window: require('mingo/operators/window') as OperatorMap,
});

export function newAggregator(stages: Doc[], collectionResolver: (name: string) => Doc[]): AggregatorClass {
  return new Aggregator(stages, { context: aggregationContext, collectionResolver });
}
