/**
 * The common shape of an update — `$set`, `$inc` and `$unset` on paths that run through plain objects only — applied
 * directly. Every other update (arrays on the path, positional `$`, other operators, conflicting paths, `_id`) goes
 * to mingo's updater, which builds an operator context per call and costs several times more than the whole rest of
 * a request. Results follow mingo's rules for these operators exactly, so the two paths cannot disagree.
 */
import { isPlainObject, type Doc } from './ejson';
import { cloneValue } from './values';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the subpath's typings are only reachable by file path
const { isEqual } = require('mingo/util') as { isEqual: (a: unknown, b: unknown) => boolean };

type Mutation = (parent: Doc, key: string) => boolean;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Applies the update in place and returns the modified paths, or undefined (document untouched) when the update is
 * not of the plain shape and must go to mingo.
 */
export function applyPlainUpdate(doc: Doc, update: Doc): string[] | undefined {
  const steps: Array<{ path: string[]; create: boolean; mutate: Mutation }> = [];
  for (const operator in update) {
    const fields = update[operator] as Doc;
    for (const field in fields) {
      const path = plainPath(doc, field);
      if (!path) return undefined;
      const operand = fields[field];
      if (operator === '$set') steps.push({ path, create: true, mutate: setTo(operand) });
      else if (operator === '$inc' && typeof operand === 'number')
        steps.push({ path, create: true, mutate: incrementBy(operand) });
      else if (operator === '$unset') steps.push({ path, create: false, mutate: unset });
      else return undefined;
    }
  }
  if (pathsConflict(steps.map((step) => step.path.join('.')))) return undefined;
  const modified: string[] = [];
  for (const { path, create, mutate } of steps) {
    const parent = parentOf(doc, path, create);
    if (parent && mutate(parent, path[path.length - 1] as string)) modified.push(path.join('.'));
  }
  return modified.sort();
}

/** The path's segments when every existing value along it (before the last) is a plain object. */
function plainPath(doc: Doc, field: string): string[] | undefined {
  const path = field.split('.');
  if (path[0] === '_id') return undefined;
  let value: unknown = doc;
  for (const [i, segment] of path.entries()) {
    if (segment === '' || segment.startsWith('$') || /^\d+$/.test(segment) || FORBIDDEN_SEGMENTS.has(segment))
      return undefined;
    if (i === path.length - 1) break;
    value = isPlainObject(value) ? value[segment] : undefined;
    if (value !== undefined && !isPlainObject(value)) return undefined;
  }
  return path;
}

/** Two paths where one is the other or lies inside it: mingo reports the conflict. */
function pathsConflict(paths: string[]): boolean {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const [previous, current] = [sorted[i - 1] as string, sorted[i] as string];
    if (current === previous || current.startsWith(`${previous}.`)) return true;
  }
  return false;
}

function parentOf(doc: Doc, path: string[], create: boolean): Doc | undefined {
  let parent = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] as string;
    if (parent[segment] === undefined) {
      if (!create) return undefined;
      parent[segment] = {};
    }
    parent = parent[segment] as Doc;
  }
  return parent;
}

function setTo(value: unknown): Mutation {
  return (parent, key) => {
    if (isEqual(parent[key], value)) return false;
    parent[key] = cloneValue(value);
    return true;
  };
}

/** As mingo: a missing (or falsy) field counts from 0, and adding 0 to a missing field still creates it. */
function incrementBy(amount: number): Mutation {
  return (parent, key) => {
    const previous = parent[key];
    if (previous !== undefined && typeof previous !== 'number') return false;
    const next = ((previous as number | undefined) || 0) + amount;
    parent[key] = next;
    return next !== previous;
  };
}

function unset(parent: Doc, key: string): boolean {
  if (!Object.hasOwn(parent, key)) return false;
  delete parent[key];
  return true;
}
