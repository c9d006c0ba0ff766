/**
 * The shape of every mini-program-facing function: validate (zod) → run → envelope. Thin `index.ts` files
 * export `main = defineFunction(name, schema, run)`.
 */
import type { z } from 'zod';
import { failureFrom, success, type Envelope } from './envelope';
import TcbRouter from 'tcb-router';
import { DomainError } from '../../../core/src/errors';
import { parseInput } from './validation';

export function defineFunction<S extends z.ZodType, T>(
  functionName: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<T>,
): (event: unknown) => Promise<Envelope<T>> {
  return async (event) => {
    try {
      return success(await run(parseInput(schema, event)));
    } catch (error) {
      return failureFrom(error, functionName);
    }
  };
}

export interface Route<S extends z.ZodType = z.ZodType, T = unknown> {
  schema: S;
  run(input: z.infer<S>): Promise<T>;
}

export function route<S extends z.ZodType, T>(schema: S, run: (input: z.infer<S>) => Promise<T>): Route<S, T> {
  return { schema, run };
}

/**
 * A function with several routes chosen by `event.$url`, dispatched by tcb-router (the convention the mini
 * program's client already speaks). An unknown route is a NOT_FOUND failure rather than tcb-router's silent
 * `undefined`.
 */
export function defineRoutedFunction(
  functionName: string,
  routes: Record<string, Route<any, unknown>>,
): (event: unknown) => Promise<Envelope<unknown>> {
  const known = new Set(Object.keys(routes));
  return async (event) => {
    // tcb-router matches `$url` loosely (`["list"]` reaches `list`, inherited names reach odd places): only an own
    // route name as a plain string gets through; anything else is the NOT_FOUND below.
    const url = (event as { $url?: unknown } | null)?.$url;
    if (typeof url !== 'string' || !known.has(url)) {
      return failureFrom(new DomainError('NOT_FOUND', { $url: typeof url === 'string' ? url.slice(0, 64) : null }, `未知的操作：${typeof url === 'string' ? url.slice(0, 64) : typeof url}`), functionName);
    }
    const app = new TcbRouter({ event: event as Record<string, unknown> });
    for (const [url, chosen] of Object.entries(routes)) {
      app.router(url, async (ctx: { body?: unknown }) => {
        try {
          ctx.body = success(await chosen.run(parseInput(chosen.schema, event)));
        } catch (error) {
          ctx.body = failureFrom(error, functionName);
        }
      });
    }
    const answer = (await app.serve()) as Envelope<unknown> | undefined;
    if (answer) return answer;
    return failureFrom(new DomainError('NOT_FOUND', { $url: url }, `未知的操作：${url}`), functionName);
  };
}
