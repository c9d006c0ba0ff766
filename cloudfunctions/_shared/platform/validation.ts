/**
 * Every event is validated with zod before anything is read. Schemas are strict: a field the function does not
 * expect (an `openid`, a price, a commission) is refused rather than silently trusted or ignored.
 */
import type { z } from 'zod';
import { DomainError } from '../../../core/src/errors';

/** Keys the platform or the router adds to events; they are not the caller's input. */
const PLATFORM_KEYS = new Set(['userInfo', '$url']);

export function withoutPlatformKeys(event: unknown): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
  return Object.fromEntries(Object.entries(event).filter(([key]) => !PLATFORM_KEYS.has(key)));
}

export function parseInput<S extends z.ZodType>(schema: S, event: unknown): z.infer<S> {
  const parsed = schema.safeParse(withoutPlatformKeys(event));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(event)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new DomainError('INVALID_INPUT', { issues }, `提交的信息有误：${summary}`);
}
