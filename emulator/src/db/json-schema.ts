/**
 * `$jsonSchema` as MongoDB 4.x implements it: JSON Schema draft 4 plus `bsonType`, without `$ref`, `$schema`,
 * `default`, `definitions`, `format` and `id` (MongoDB rejects those, and so do we). A document matches when it is
 * valid against the schema.
 */
import { ObjectId } from 'bson';
import { isPlainObject, type Doc } from './ejson';
import { requestFailed } from './errors';
import { encodeCanonical } from './ejson';

type Validator = (value: unknown) => boolean;

const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** BSON type aliases ($type / bsonType names). Numbers: integers in int32 range are `int`, other integers `long`. */
const BSON_TYPES: Record<string, (value: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  object: isPlainObject,
  array: Array.isArray,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: (v) => Number.isInteger(v) && (v as number) >= INT32_MIN && (v as number) <= INT32_MAX,
  long: (v) => Number.isInteger(v) && ((v as number) < INT32_MIN || (v as number) > INT32_MAX),
  number: (v) => typeof v === 'number',
};

/** JSON Schema `type` names (MongoDB has no `integer`). */
const JSON_TYPES: Record<string, (value: unknown) => boolean> = {
  object: isPlainObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

function typeCheck(names: unknown, table: Record<string, (value: unknown) => boolean>, keyword: string): Validator {
  const list = Array.isArray(names) ? names : [names];
  const checks = list.map((name) => {
    const check = typeof name === 'string' ? table[name] : undefined;
    if (!check) throw requestFailed(`Unknown type name alias: ${String(name)} in $jsonSchema keyword '${keyword}'`);
    return check;
  });
  return (value) => checks.some((check) => check(value));
}

const same = (a: unknown, b: unknown): boolean => encodeCanonical({ v: a }) === encodeCanonical({ v: b });
const codePoints = (text: string): number => [...text].length;

export function compileJsonSchema(schema: unknown): Validator {
  if (!isPlainObject(schema)) throw requestFailed('$jsonSchema must be an object');
  const checks: Validator[] = [];
  const add = (check: Validator) => checks.push(check);
  const sub = (value: unknown) => compileJsonSchema(value);
  const number = (value: unknown, keyword: string): number => {
    if (typeof value !== 'number') throw requestFailed(`$jsonSchema keyword '${keyword}' must be a number`);
    return value;
  };
  const s = schema as Doc;
  for (const [keyword, value] of Object.entries(s)) {
    if (UNSUPPORTED.has(keyword)) throw requestFailed(`$jsonSchema keyword '${keyword}' is not currently supported`);
    switch (keyword) {
      case 'bsonType':
        add(typeCheck(value, BSON_TYPES, keyword));
        break;
      case 'type':
        add(typeCheck(value, JSON_TYPES, keyword));
        break;
      case 'enum':
        if (!Array.isArray(value)) throw requestFailed("$jsonSchema keyword 'enum' must be an array");
        add((v) => value.some((option) => same(option, v)));
        break;
      case 'required': {
        if (!Array.isArray(value)) throw requestFailed("$jsonSchema keyword 'required' must be an array");
        add((v) => !isPlainObject(v) || value.every((field) => typeof field === 'string' && v[field] !== undefined));
        break;
      }
      case 'properties': {
        if (!isPlainObject(value)) throw requestFailed("$jsonSchema keyword 'properties' must be an object");
        const fields = Object.entries(value).map(([field, fieldSchema]) => [field, sub(fieldSchema)] as const);
        add((v) => !isPlainObject(v) || fields.every(([field, check]) => v[field] === undefined || check(v[field])));
        break;
      }
      case 'patternProperties':
      case 'additionalProperties':
        break; // handled together below
      case 'minProperties':
        add((v) => !isPlainObject(v) || Object.keys(v).length >= number(value, keyword));
        break;
      case 'maxProperties':
        add((v) => !isPlainObject(v) || Object.keys(v).length <= number(value, keyword));
        break;
      case 'minimum':
        add(
          (v) =>
            typeof v !== 'number' ||
            (s.exclusiveMinimum === true ? v > number(value, keyword) : v >= number(value, keyword)),
        );
        break;
      case 'maximum':
        add(
          (v) =>
            typeof v !== 'number' ||
            (s.exclusiveMaximum === true ? v < number(value, keyword) : v <= number(value, keyword)),
        );
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        break;
      case 'multipleOf':
        add((v) => typeof v !== 'number' || Number.isInteger(v / number(value, keyword)));
        break;
      case 'minLength':
        add((v) => typeof v !== 'string' || codePoints(v) >= number(value, keyword));
        break;
      case 'maxLength':
        add((v) => typeof v !== 'string' || codePoints(v) <= number(value, keyword));
        break;
      case 'pattern': {
        if (typeof value !== 'string') throw requestFailed("$jsonSchema keyword 'pattern' must be a string");
        const regex = new RegExp(value, 'u');
        add((v) => typeof v !== 'string' || regex.test(v));
        break;
      }
      case 'items': {
        if (Array.isArray(value)) {
          const positional = value.map(sub);
          const extra = s.additionalItems;
          const extraCheck = isPlainObject(extra) ? sub(extra) : extra === false ? () => false : () => true;
          add(
            (v) =>
              !Array.isArray(v) ||
              v.every((item, i) => (i < positional.length ? (positional[i] as Validator)(item) : extraCheck(item))),
          );
        } else {
          const each = sub(value);
          add((v) => !Array.isArray(v) || v.every(each));
        }
        break;
      }
      case 'additionalItems':
        break;
      case 'minItems':
        add((v) => !Array.isArray(v) || v.length >= number(value, keyword));
        break;
      case 'maxItems':
        add((v) => !Array.isArray(v) || v.length <= number(value, keyword));
        break;
      case 'uniqueItems':
        if (value === true)
          add((v) => !Array.isArray(v) || new Set(v.map((item) => encodeCanonical({ v: item }))).size === v.length);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf': {
        if (!Array.isArray(value) || value.length === 0)
          throw requestFailed(`$jsonSchema keyword '${keyword}' must be a non-empty array`);
        const parts = value.map(sub);
        if (keyword === 'allOf') add((v) => parts.every((part) => part(v)));
        else if (keyword === 'anyOf') add((v) => parts.some((part) => part(v)));
        else add((v) => parts.filter((part) => part(v)).length === 1);
        break;
      }
      case 'not': {
        const inner = sub(value);
        add((v) => !inner(v));
        break;
      }
      case 'dependencies': {
        if (!isPlainObject(value)) throw requestFailed("$jsonSchema keyword 'dependencies' must be an object");
        for (const [field, dependency] of Object.entries(value)) {
          const check: Validator = Array.isArray(dependency)
            ? (v) =>
                (v as Doc)[field] === undefined ||
                dependency.every((other) => (v as Doc)[other as string] !== undefined)
            : (
                (inner) => (v: unknown) =>
                  (v as Doc)[field] === undefined || inner(v)
              )(sub(dependency));
          add((v) => !isPlainObject(v) || check(v));
        }
        break;
      }
      case 'title':
      case 'description':
        break;
      default:
        throw requestFailed(`Unknown $jsonSchema keyword: ${keyword}`);
    }
  }
  if (s.additionalProperties !== undefined || s.patternProperties !== undefined) add(propertiesRule(s, sub));
  return (value) => checks.every((check) => check(value));
}

/** `additionalProperties` applies to fields neither named in `properties` nor matched by a `patternProperties` key. */
function propertiesRule(s: Doc, sub: (value: unknown) => Validator): Validator {
  const named = new Set(isPlainObject(s.properties) ? Object.keys(s.properties) : []);
  const patterns = isPlainObject(s.patternProperties)
    ? Object.entries(s.patternProperties).map(([pattern, schema]) => [new RegExp(pattern, 'u'), sub(schema)] as const)
    : [];
  const extra = s.additionalProperties;
  const extraCheck: Validator = isPlainObject(extra) ? sub(extra) : extra === false ? () => false : () => true;
  return (v) => {
    if (!isPlainObject(v)) return true;
    return Object.entries(v).every(([field, fieldValue]) => {
      const matching = patterns.filter(([regex]) => regex.test(field));
      if (!matching.every(([, check]) => check(fieldValue))) return false;
      return named.has(field) || matching.length > 0 || extraCheck(fieldValue);
    });
  };
}
