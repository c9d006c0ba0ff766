/**
 * Update documents (operator form, merge:true) and replacements (doc.set, merge:false). Operators run through
 * mingo; the type errors MongoDB raises but mingo silently ignores are checked here first.
 */
import { encodeCanonical, isPlainObject, type Doc } from './ejson';
import { requestFailed } from './errors';
import { checkStorableValue, checkUpdatePath } from './field-names';
import { idKeyOf } from './keys';
import { applyUpdateInPlace } from './mingo';
import { applyPlainUpdate } from './plain-update';
import { bsonTypeName, cloneValue, renderValue, valueAtPath } from './values';

export interface UpdateOutcome {
  doc: Doc;
  changed: boolean;
}

/** MongoDB 4.x's update operators (`$currentDate` has become a `$set` by the time this list is read). */
const KNOWN_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$setOnInsert',
  '$bit',
  '$currentDate',
]);
const NUMERIC_OPERATORS = new Set(['$inc', '$mul']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
/** Operators that create the path they name, so every existing prefix of it must be a document or array. */
const CREATING_OPERATORS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$bit']);

function idOf(doc: Doc): string {
  return `{ _id: ${renderValue(doc._id)} }`;
}

/** Mongo: "Cannot create field 'b' in element {a: 1}" when a path runs through a scalar or a non-indexed array. */
function checkPathCreatable(doc: Doc, path: string): void {
  const segments = path.split('.');
  let value: unknown = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i] as string;
    if (segment.startsWith('$')) return;
    const next: unknown = isPlainObject(value)
      ? value[segment]
      : Array.isArray(value) && /^\d+$/.test(segment)
        ? value[Number(segment)]
        : undefined;
    if (next === undefined) return;
    const following = segments[i + 1] as string;
    const traversable = isPlainObject(next) || (Array.isArray(next) && /^(\d+|\$.*)$/.test(following));
    if (!traversable)
      throw requestFailed(`Cannot create field '${following}' in element {${segment}: ${renderValue(next)}}`);
    value = next;
  }
}

function checkOperand(operator: string, path: string, operand: unknown, doc: Doc): void {
  if (CREATING_OPERATORS.has(operator) || operator === '$rename') {
    checkPathCreatable(doc, operator === '$rename' && typeof operand === 'string' ? operand : path);
  }
  const current = path.includes('$') ? undefined : valueAtPath(doc, path);
  if (NUMERIC_OPERATORS.has(operator)) {
    if (typeof operand !== 'number') {
      throw requestFailed(
        `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${renderValue(operand)}}`,
      );
    }
    if (current !== undefined && typeof current !== 'number') {
      throw requestFailed(
        `Cannot apply ${operator} to a value of non-numeric type. ${idOf(doc)} has the field '${path}' of non-numeric type ${bsonTypeName(current)}`,
      );
    }
  }
  if (ARRAY_OPERATORS.has(operator) && current !== undefined && !Array.isArray(current)) {
    throw requestFailed(
      `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document ${idOf(doc)}`,
    );
  }
  if (operator === '$pullAll' && !Array.isArray(operand)) {
    throw requestFailed(`$pullAll requires an array argument but was given a ${bsonTypeName(operand)}`);
  }
}

/** `$currentDate` reads the emulator's virtual clock, not mingo's real one, so it becomes a `$set`. */
function withCurrentDate(update: Doc, now: number): Doc {
  const fields = update.$currentDate;
  if (!isPlainObject(fields)) return update;
  const { $currentDate: _replaced, ...rest } = update;
  const set: Doc = isPlainObject(rest.$set) ? { ...rest.$set } : {};
  for (const path of Object.keys(fields)) set[path] = new Date(now);
  return { ...rest, $set: set };
}

/**
 * Applies an operator update to a copy of `current`. `filter` lets the positional `$` resolve to the matched element.
 */
export function applyOperators(current: Doc, rawUpdate: Doc, filter: Doc, now: number): UpdateOutcome {
  const update = withCurrentDate(rawUpdate, now);
  for (const [operator, fields] of Object.entries(update)) {
    if (!KNOWN_OPERATORS.has(operator)) {
      throw requestFailed(
        `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(fields)) {
      throw requestFailed(
        `Modifiers operate on fields but we found type ${bsonTypeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${operator}: ${renderValue(fields)}}`,
      );
    }
    for (const [path, operand] of Object.entries(fields)) {
      checkUpdatePath(operator, path, operand);
      checkOperand(operator, path, operand, current);
    }
  }
  const doc = cloneValue(current);
  // The filter only matters to resolve a positional `$`; compiling it otherwise would be wasted work.
  const positional = Object.values(update).some((fields) =>
    Object.keys(fields as Doc).some((path) => /\.\$(\.|$)/.test(path)),
  );
  let modified: string[];
  try {
    modified =
      (positional ? undefined : applyPlainUpdate(doc, update)) ??
      applyUpdateInPlace(doc, update, positional ? filter : undefined);
  } catch (error) {
    throw requestFailed((error as Error).message);
  }
  if (doc._id === undefined || idKeyOf(doc._id) !== idKeyOf(current._id)) {
    throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return { doc, changed: modified.length > 0 };
}

/** doc.set: the whole document is replaced, keeping `_id`; `current` is undefined when the set creates it. */
export function applyReplacement(current: Doc | undefined, id: unknown, replacement: Doc): UpdateOutcome {
  for (const key of Object.keys(replacement)) {
    if (key.startsWith('$'))
      throw requestFailed(
        `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document.`,
      );
  }
  checkStorableValue(replacement, '');
  if (replacement._id !== undefined && idKeyOf(replacement._id) !== idKeyOf(id)) {
    throw requestFailed("After applying the update, the (immutable) field '_id' was found to have been altered");
  }
  const doc: Doc = { _id: id, ...replacement };
  doc._id = id;
  return { doc, changed: current === undefined || encodeCanonical(current) !== encodeCanonical(doc) };
}
