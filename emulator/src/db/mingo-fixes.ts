/**
 * Where mingo 7.2 parts from MongoDB 4.x (as CloudBase documents it), corrected at the engine's edge: each entry
 * replaces one of mingo's operators in the contexts mingo.ts builds, and leaves the rest of mingo untouched.
 * Each is small enough to send upstream as a patch; test/db/mingo-fixes.test.ts pins every one.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the subpaths' typings are only reachable by file path */
import type { Query as QueryClass } from 'mingo/types/query';
import type { Options } from 'mingo/types/types';
import { isPlainObject, type Doc } from './ejson';
import { compileJsonSchema } from './json-schema';

type Any = unknown;
type QueryOperator = (selector: string, value: Any, options: Options) => (obj: Any) => boolean;
type ExpressionOperator = (obj: Any, expr: Any, options: Options) => Any;

const { Query } = require('mingo/query') as { Query: typeof QueryClass };
const { resolve } = require('mingo/util') as {
  resolve: (obj: Any, path: string, options?: { unwrapArray?: boolean }) => Any;
};
const { compare, isEqual } = require('mingo/util') as {
  compare: (a: Any, b: Any) => number;
  isEqual: (a: Any, b: Any) => boolean;
};
const { evalExpr } = require('mingo/core') as { evalExpr: (obj: Any, expr: Any, options: Options) => Any };
const mingoQuery = require('mingo/operators/query') as Record<string, QueryOperator>;
const mingoExpression = require('mingo/operators/expression') as Record<string, ExpressionOperator>;

// ---- query operators

/**
 * `$elemMatch` whose criteria name fields (`{x: 1}`, `{$and: [...]}`) only looks at elements that are documents or
 * arrays, as MongoDB's ElemMatchObjectMatchExpression does; mingo also tests plain values such as `1` against them,
 * so `{a: {$elemMatch: {x: {$in: [1, null]}}}}` matched `{a: [1, 5]}`. Criteria of only value operators
 * (`{$gt: 3}`) apply to every element, which mingo already does.
 */
function isFieldCriteria(criteria: Any): boolean {
  if (!isPlainObject(criteria)) return false;
  const keys = Object.keys(criteria);
  return (
    keys.length === 0 || keys.some((key) => !key.startsWith('$') || key === '$and' || key === '$or' || key === '$nor')
  );
}

const $elemMatch: QueryOperator = (selector, criteria, options) => {
  if (!isFieldCriteria(criteria)) return (mingoQuery.$elemMatch as QueryOperator)(selector, criteria, options);
  const element = new Query(criteria as Doc, options as ConstructorParameters<typeof Query>[1]);
  return (obj) => {
    const value = resolve(obj, selector, { unwrapArray: true });
    return (
      Array.isArray(value) &&
      value.some((item) => (isPlainObject(item) || Array.isArray(item)) && element.test(item as Doc))
    );
  };
};

/** `{$all: [{$elemMatch: c}, ...]}` is the conjunction of the `$elemMatch`es (MongoDB docs, $all), with the fix above. */
const $all: QueryOperator = (selector, values, options) => {
  const hasElemMatch = Array.isArray(values) && values.some((item) => isPlainObject(item) && '$elemMatch' in item);
  if (!hasElemMatch || (values as unknown[]).length === 0)
    return (mingoQuery.$all as QueryOperator)(selector, values, options);
  const parts = (values as unknown[]).map((item) =>
    isPlainObject(item) && '$elemMatch' in item
      ? $elemMatch(selector, item.$elemMatch, options)
      : (mingoQuery.$all as QueryOperator)(selector, [item], options),
  );
  return (obj) => parts.every((part) => part(obj));
};

/** mingo delegates `$jsonSchema` to a validator it does not ship; ours follows MongoDB's draft-4 subset with bsonType. */
const $jsonSchema: QueryOperator = (_selector, schema) => compileJsonSchema(schema);

export const queryFixes: Record<string, QueryOperator> = { $elemMatch, $all, $jsonSchema };

// ---- pipeline stages

type PipelineOperator = (collection: Any, expr: Any, options: Options) => Any;
const mingoPipeline = require('mingo/operators/pipeline') as Record<string, PipelineOperator>;

/**
 * `$bucket` as MongoDB defines it (docs: "equivalent to a $group with a $switch, then a $sort"): each bucket holds
 * [lower, upper), so a value equal to a boundary opens the next bucket; mingo put it in the previous one.
 */
const $bucket: PipelineOperator = (collection, expr, options) => {
  const spec = expr as { groupBy: Any; boundaries: Any[]; default?: Any; output?: Doc };
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries) || spec.boundaries.length < 2) {
    throw new Error('$bucket requires groupBy and at least two boundaries');
  }
  const bounds = spec.boundaries;
  const branches = bounds.slice(0, -1).map((lower, i) => ({
    case: {
      $and: [{ $gte: [spec.groupBy, { $literal: lower }] }, { $lt: [spec.groupBy, { $literal: bounds[i + 1] }] }],
    },
    then: { $literal: lower },
  }));
  const key = { $switch: { branches, ...(spec.default === undefined ? {} : { default: { $literal: spec.default } }) } };
  const grouped = mingoPipeline.$group?.(collection, { _id: key, ...(spec.output ?? { count: { $sum: 1 } }) }, options);
  return mingoPipeline.$sort?.(grouped, { _id: 1 }, options);
};

export const pipelineFixes: Record<string, PipelineOperator> = { $bucket };

// ---- date expression operators

const DAY_MS = 86_400_000;

/** The calendar date (as a UTC Date) of a date expression, in its `timezone` if it gives one (`{date, timezone}`). */
function localDate(obj: Any, expr: Any, options: Options): Date | null {
  const spec = isPlainObject(expr) && 'date' in expr ? expr : { date: expr };
  const value = evalExpr(obj, spec.date, options);
  if (value === null || value === undefined) return null;
  const parts = mingoExpression.$dateToParts?.(
    obj,
    { date: { $literal: value }, ...(spec.timezone === undefined ? {} : { timezone: spec.timezone }) },
    options,
  ) as Record<string, number>;
  return new Date(Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day as number));
}

/** MongoDB `$week` / `%U`: weeks start on Sunday; days before the year's first Sunday are week 0. */
export function sundayWeek(date: Date): number {
  const year = date.getUTCFullYear();
  const dayIndex = Math.round((date.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  const firstSunday = (7 - new Date(Date.UTC(year, 0, 1)).getUTCDay()) % 7;
  return dayIndex < firstSunday ? 0 : Math.floor((dayIndex - firstSunday) / 7) + 1;
}

/** ISO 8601: the week (and its year) that holds this week's Thursday. */
export function isoWeekAndYear(date: Date): { week: number; year: number } {
  const isoDay = date.getUTCDay() || 7;
  const thursday = new Date(date.getTime() + (4 - isoDay) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return { week: Math.floor(Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) / 7) + 1, year };
}

const $week: ExpressionOperator = (obj, expr, options) => {
  const date = localDate(obj, expr, options);
  return date && sundayWeek(date);
};
const $isoWeek: ExpressionOperator = (obj, expr, options) => {
  const date = localDate(obj, expr, options);
  return date && isoWeekAndYear(date).week;
};
const $isoWeekYear: ExpressionOperator = (obj, expr, options) => {
  const date = localDate(obj, expr, options);
  return date && isoWeekAndYear(date).year;
};

/** `%U` (Sunday weeks), `%G` (ISO week year) and `%w` (1 = Sunday … 7) as MongoDB defines them, mingo's others as they are. */
const $dateToString: ExpressionOperator = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options) as Doc;
  if (args.date === null || args.date === undefined) return args.onNull ?? null;
  const format = typeof args.format === 'string' ? args.format : undefined;
  const literal = {
    date: { $literal: args.date },
    ...(args.timezone === undefined ? {} : { timezone: args.timezone }),
  };
  if (format && /%[UGw]/.test(format)) {
    const date = localDate(obj, literal, options) as Date;
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const corrected = format.replace(/%([%UGw])/g, (token, symbol: string) => {
      if (symbol === 'U') return pad(sundayWeek(date), 2);
      if (symbol === 'G') return pad(isoWeekAndYear(date).year, 4);
      if (symbol === 'w') return String(date.getUTCDay() + 1);
      return token;
    });
    return mingoExpression.$dateToString?.(obj, { ...literal, format: { $literal: corrected } }, options);
  }
  return mingoExpression.$dateToString?.(
    obj,
    { ...literal, ...(format === undefined ? {} : { format: { $literal: format } }) },
    options,
  );
};

// ---- string expression operators

/**
 * `$substr`, `$substrBytes` and `$substrCP`: a negative start gives "" and a negative length the rest of the string
 * (CloudBase docs for all three; MongoDB's for $substr). mingo rejects both.
 */
function substring(operator: '$substrBytes' | '$substrCP'): ExpressionOperator {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 3) return mingoExpression[operator]?.(obj, expr, options);
    const [text, start, count] = args as [Any, Any, Any];
    if (typeof text !== 'string' || typeof start !== 'number' || typeof count !== 'number') {
      return mingoExpression[operator]?.(
        obj,
        args.map((arg) => ({ $literal: arg })),
        options,
      );
    }
    if (start < 0) return '';
    const length = operator === '$substrCP' ? [...text].length : Buffer.byteLength(text);
    const rest = Math.max(0, length - start);
    return mingoExpression[operator]?.(
      obj,
      [{ $literal: text }, start, count < 0 ? rest : Math.min(count, rest)],
      options,
    );
  };
}

/**
 * `$indexOfCP` (code points; mingo 7.2 lacks it) and `$indexOfBytes` (UTF-8 bytes; mingo counts UTF-16 units, so
 * "t" in "cafétéria" came out 4, not 5): [string, substring, start?, end?], -1 when absent, null for a null string.
 */
function indexOf(operator: '$indexOfCP' | '$indexOfBytes'): ExpressionOperator {
  const unitsOf = (text: string): string[] | Buffer =>
    operator === '$indexOfCP' ? [...text] : Buffer.from(text, 'utf8');
  return (obj, expr, options) => {
    const [text, search, start = 0, end] = evalExpr(obj, expr, options) as [Any, Any, Any, Any];
    if (text === null || text === undefined) return null;
    if (typeof text !== 'string')
      throw new Error(`${operator} requires a string as the first argument, found: ${typeof text}`);
    if (typeof search !== 'string')
      throw new Error(`${operator} requires a string as the second argument, found: ${typeof search}`);
    if (!Number.isInteger(start) || (start as number) < 0)
      throw new Error(`${operator} requires a non-negative integral starting index`);
    if (end !== undefined && (!Number.isInteger(end) || (end as number) < 0))
      throw new Error(`${operator} requires a non-negative integral ending index`);
    const units = unitsOf(text);
    const needle = unitsOf(search);
    const stop = end === undefined ? units.length : Math.min(units.length, end as number);
    for (let i = start as number; i + needle.length <= stop; i++) {
      let found = true;
      for (let j = 0; j < needle.length && found; j++) found = units[i + j] === needle[j];
      if (found) return i;
    }
    return -1;
  };
}

// ---- comparison expression operators

/**
 * Aggregation comparisons compare two whole values in BSON order across types (MongoDB, "Comparison Expression
 * Operators"): `{$gt: [50, "$missing"]}` is true and `{$eq: [[1, 2], 1]}` false. mingo reused its query
 * predicates, which bracket types (50 vs missing: false) and match any array element.
 */
function comparison(test: (order: number) => boolean): ExpressionOperator {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 2)
      throw new Error('comparison operators take an array of two expressions');
    return test(compare(args[0], args[1]));
  };
}

const comparisonFixes: Record<string, ExpressionOperator> = {
  $gt: comparison((order) => order > 0),
  $gte: comparison((order) => order >= 0),
  $lt: comparison((order) => order < 0),
  $lte: comparison((order) => order <= 0),
  $eq: (obj, expr, options) => {
    const [a, b] = evalExpr(obj, expr, options) as [Any, Any];
    return isEqual(a, b);
  },
  $ne: (obj, expr, options) => {
    const [a, b] = evalExpr(obj, expr, options) as [Any, Any];
    return !isEqual(a, b);
  },
};

// ---- array expression operators

/**
 * `{$arrayToObject: [[["k", 1], ["m", 2]]]}` is the one-argument list form (MongoDB docs' own example, and what
 * `$.arrayToObject([...])` sends); mingo read the list itself as the pairs and returned `{k: 1}`.
 */
const $arrayToObject: ExpressionOperator = (obj, expr, options) =>
  mingoExpression.$arrayToObject?.(obj, Array.isArray(expr) && expr.length === 1 ? expr[0] : expr, options);

// ---- arithmetic expression operators

/**
 * `$trunc` / `$round` with one number (`{$trunc: 1.7}`, what CloudBase's `$.trunc(n)` sends, and MongoDB 4.x's
 * original form) round to a whole number; mingo 7.2 only took `[number, place]`.
 */
function optionalPlace(operator: '$trunc' | '$round'): ExpressionOperator {
  return (obj, expr, options) => {
    const args = Array.isArray(expr) ? (expr.length === 1 ? [expr[0], 0] : expr) : [expr, 0];
    return mingoExpression[operator]?.(obj, args, options);
  };
}

export const expressionFixes: Record<string, ExpressionOperator> = {
  ...comparisonFixes,
  $trunc: optionalPlace('$trunc'),
  $round: optionalPlace('$round'),
  $arrayToObject,
  $week,
  $isoWeek,
  $isoWeekYear,
  $dateToString,
  $substr: substring('$substrBytes'),
  $substrBytes: substring('$substrBytes'),
  $substrCP: substring('$substrCP'),
  $indexOfCP: indexOf('$indexOfCP'),
  $indexOfBytes: indexOf('$indexOfBytes'),
};
