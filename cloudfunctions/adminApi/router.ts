/**
 * HTTP method + path → one entry of the route table → tcb-router. The table (routes.ts) is written as
 * `POST /orders/:id/ship`; that string is also the tcb-router `$url`, and path parameters travel beside it.
 * Authentication and the role check run as tcb-router middleware on `*`, before any handler.
 */
import TcbRouter from 'tcb-router';
import type { z } from 'zod';
import { DomainError } from '../../core/src/errors';
import type { AdminRole } from '../_shared/store/admin-users';
import { parseInput } from '../_shared/platform/validation';
import type { Actor } from './actor';
import { assertSameOrigin, authenticate, authorize } from './auth';
import type { AdminRequest } from './http';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HandlerInput<Q, B> {
  params: Record<string, string>;
  query: Q;
  body: B;
  actor: Actor;
  now: number;
  /** The request as parsed (client address, user agent, https), for the session routes. */
  request: AdminRequest;
}

export interface Handler<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  query?: Q;
  body?: B;
  run(input: HandlerInput<z.infer<Q>, z.infer<B>>): Promise<unknown>;
}

/** A handler with the schemas of its query string and body (both strict objects; absent = must be empty). */
export function handler<Q extends z.ZodType, B extends z.ZodType>(
  schemas: { query?: Q; body?: B },
  run: (input: HandlerInput<z.infer<Q>, z.infer<B>>) => Promise<unknown>,
): Handler<Q, B> {
  return { ...schemas, run };
}

/** `SIGNED_OUT`: the one route that works without a token (signing in). Every route refuses a foreign Origin. */
export const SIGNED_OUT = 'signed-out';

export interface RouteEntry {
  method: HttpMethod;
  path: string;
  roles: readonly AdminRole[] | typeof SIGNED_OUT;
  // A table of routes with different inputs and outputs; each is typed where it is defined.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: Handler<any, any>;
}

export function route(
  method: HttpMethod,
  path: string,
  roles: RouteEntry['roles'],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  chosen: Handler<any, any>,
): RouteEntry {
  return { method, path, roles, handler: chosen };
}

const urlOf = (entry: RouteEntry) => `${entry.method} ${entry.path}`;

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/');
  const actual = path.split('/');
  if (wanted.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index] as string;
    if (segment.startsWith(':')) {
      if (value === '') return null;
      params[segment.slice(1)] = safeDecode(value);
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new DomainError('INVALID_INPUT', { segment }, `路径参数无法解析：${segment}`);
  }
}

function findRoute(
  table: readonly RouteEntry[],
  method: string,
  path: string,
): { entry: RouteEntry; params: Record<string, string> } {
  for (const entry of table) {
    if (entry.method !== method) continue;
    const params = matchPath(entry.path, path);
    if (params) return { entry, params };
  }
  throw new DomainError('NOT_FOUND', { method, path }, `没有这个接口：${method} ${path}`);
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: 'query' | 'body'): unknown {
  if (schema) return parseInput(schema, value);
  const empty = typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  if (!empty)
    throw new DomainError(
      'INVALID_INPUT',
      { [part]: 'unexpected' },
      `该接口不接受${part === 'query' ? '查询参数' : '请求内容'}`,
    );
  return value;
}

interface RouterContext {
  actor?: Actor;
  body?: unknown;
}

export async function dispatch(table: readonly RouteEntry[], request: AdminRequest, now: number): Promise<unknown> {
  const { entry, params } = findRoute(table, request.method, request.path);
  const app = new TcbRouter({ event: { $url: urlOf(entry) } });
  app.use(async (ctx: RouterContext, next) => {
    assertSameOrigin(request);
    if (entry.roles !== SIGNED_OUT) {
      ctx.actor = await authenticate(request, now);
      authorize(ctx.actor, entry.roles);
    }
    await next();
  });
  for (const candidate of table) {
    app.router(urlOf(candidate), async (ctx: RouterContext) => {
      const { handler: chosen } = candidate;
      const query = parsePart(chosen.query, request.query, 'query');
      const body = request.method === 'GET' ? {} : parsePart(chosen.body, request.body, 'body');
      // Only SIGNED_OUT routes run without an actor, and they do not read it.
      ctx.body = { result: await chosen.run({ params, query, body, actor: ctx.actor as Actor, now, request }) };
    });
  }
  const answered = (await app.serve()) as { result: unknown } | undefined;
  // tcb-router resolves undefined for a $url nobody registered instead of failing.
  if (!answered) throw new DomainError('NOT_FOUND', { url: urlOf(entry) });
  return answered.result;
}
