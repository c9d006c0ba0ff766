/**
 * CloudBase timer-trigger cron: 7 fields (second minute hour day month weekday year), only `, - * /`,
 * month and weekday names, 0 = Sunday, evaluated in UTC+8.
 *
 * The dialect is validated here, strictly, so a config that the platform would refuse fails locally too;
 * the search for the next matching instant is delegated to croner, which already implements 7-field
 * patterns, OR-ing of day and weekday and fixed UTC offsets.
 */
import { Cron } from 'croner';

export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAY_NAMES },
  { name: 'year', min: 1970, max: 2099 },
];

const UTC_PLUS_8_MINUTES = 8 * 60;

/** Checks a CloudBase cron expression; throws CronSyntaxError naming the offending field. */
export function validateCron(expression: string): void {
  toCronerPattern(expression);
}

/** The first fire time strictly after `afterMs`, or undefined when the schedule has no future run (e.g. a past year). */
export function nextFireAfter(expression: string, afterMs: number): number | undefined {
  return cronerFor(expression).nextRun(new Date(afterMs))?.getTime();
}

/** The latest fire time at or before `atMs`, or undefined when there is none. */
export function latestFireAtOrBefore(expression: string, atMs: number): number | undefined {
  // croner looks strictly before its reference instant; fire times are whole seconds, so +1 ms makes it inclusive.
  return cronerFor(expression)
    .previousRuns(1, new Date(atMs + 1))[0]
    ?.getTime();
}

const compiled = new Map<string, Cron>();

function cronerFor(expression: string): Cron {
  let cron = compiled.get(expression);
  if (!cron) {
    // sloppyRanges: CloudBase allows `a/b` ("start at a, every b"), which croner rejects by default.
    cron = new Cron(toCronerPattern(expression), {
      utcOffset: UTC_PLUS_8_MINUTES,
      mode: '7-part',
      paused: true,
      sloppyRanges: true,
      domAndDow: false,
    });
    compiled.set(expression, cron);
  }
  return cron;
}

/** Validates every field and rewrites names to numbers, so croner never sees its own extensions (L, W, #, ?). */
function toCronerPattern(expression: string): string {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) {
    throw new CronSyntaxError(
      `cron "${expression}" has ${parts.length} fields; CloudBase needs 7: second minute hour day month weekday year`,
    );
  }
  return parts.map((part, index) => normalizeField(part, FIELDS[index] as FieldSpec, expression)).join(' ');
}

function normalizeField(part: string, field: FieldSpec, expression: string): string {
  return part
    .split(',')
    .map((item) => normalizeItem(item, field, expression))
    .join(',');
}

const ITEM = /^(\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/(\d+))?$/;

function normalizeItem(item: string, field: FieldSpec, expression: string): string {
  const fail = (why: string): never => {
    throw new CronSyntaxError(`cron "${expression}": ${field.name} field "${item}" ${why}`);
  };
  const match = ITEM.exec(item);
  if (!match) return fail('is not one of *, a, a-b, */n, a/n, a-b/n');
  const [, range = '', step] = match;
  if (step !== undefined && (Number(step) < 1 || Number(step) > field.max)) fail(`has an invalid step ${step}`);
  if (range === '*') return item;
  const bounds = range.split('-').map((token) => valueOf(token, field) ?? fail(`has an invalid value "${token}"`));
  if (bounds.length === 2 && (bounds[0] as number) > (bounds[1] as number)) fail('is a descending range');
  return bounds.join('-') + (step === undefined ? '' : `/${step}`);
}

function valueOf(token: string, field: FieldSpec): number | undefined {
  const named = field.names ? field.names.indexOf(token.toUpperCase()) : -1;
  if (named >= 0) return field.name === 'month' ? named + 1 : named;
  if (!/^\d+$/.test(token)) return undefined;
  const value = Number(token);
  return value >= field.min && value <= field.max ? value : undefined;
}
