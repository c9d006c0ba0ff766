/**
 * Field names the service refuses to store. CloudBase follows MongoDB 4.x, where a stored field name may not start
 * with `$` at any depth (MongoDB 5.0 relaxed this; CloudBase's documented engine is 4.x) and update paths may only
 * use the positional forms `$`, `$[]` and `$[<identifier>]`. Messages are MongoDB 4.x's; the code is the one every
 * refused write gets on the wire (DATABASE_REQUEST_FAILED, which the SDK shows as errCode -502001).
 */
import { isPlainObject, type Doc } from './ejson';
import { requestFailed } from './errors';

const POSITIONAL = /^\$(\[[a-z][A-Za-z0-9]*\]|\[\])?$/;

function invalidForStorage(field: string, path: string): Error {
  return requestFailed(`The dollar ($) prefixed field '${field}' in '${path}' is not valid for storage.`);
}

/** Every field at every depth of a value about to be stored, `path` naming where the value goes. */
export function checkStorableValue(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkStorableValue(item, `${path}.${i}`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [field, inner] of Object.entries(value)) {
    const innerPath = path === '' ? field : `${path}.${field}`;
    if (field.startsWith('$')) throw invalidForStorage(field, innerPath);
    checkStorableValue(inner, innerPath);
  }
}

/** An inserted document: MongoDB 4.x names a top-level `$` field differently from a nested one. */
export function checkInsertedDocument(doc: Doc): void {
  for (const field of Object.keys(doc)) {
    if (field.startsWith('$')) throw requestFailed(`Document can't have $ prefixed field names: ${field}`);
  }
  checkStorableValue(doc, '');
}

/** The path of an update operator and, for operators that store their operand, the stored values. */
export function checkUpdatePath(operator: string, path: string, operand: unknown): void {
  for (const segment of path.split('.')) {
    if (segment.startsWith('$') && !POSITIONAL.test(segment)) throw invalidForStorage(segment, path);
  }
  if (operator === '$set' || operator === '$setOnInsert') checkStorableValue(operand, path);
  if (operator === '$push' || operator === '$addToSet') {
    const each =
      isPlainObject(operand) && Array.isArray(operand.$each)
        ? operand.$each
        : isPlainObject(operand) && Object.keys(operand).some((k) => k.startsWith('$'))
          ? []
          : [operand];
    each.forEach((item) => checkStorableValue(item, path));
  }
}
