/**
 * The shape of every mini-program-facing function: validate (zod) → run → envelope. Thin `index.ts` files
 * export `main = defineContractFunction(name, handlers)`: the contract gives each route its input schema and its
 * output type, so a handler that answers another shape fails `tsc`.
 */
import type { z } from 'zod';
import { ROUTED_FUNCTIONS, type FunctionName, type RouteName, type RouteOutput } from '../../../contract/src';
import { routeSchema, type RouteHandlers } from '../../../contract/src/schemas';
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
  // Each route parses its own input type; a table of them can only say "some input".
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes: Record<string, Route<any, unknown>>,
): (event: unknown) => Promise<Envelope<unknown>> {
  const known = new Set(Object.keys(routes));
  return async (event) => {
    // tcb-router matches `$url` loosely (`["list"]` reaches `list`, inherited names reach odd places): only an own
    // route name as a plain string gets through; anything else is the NOT_FOUND below.
    const url = (event as { $url?: unknown } | null)?.$url;
    if (typeof url !== 'string' || !known.has(url)) {
      return failureFrom(
        new DomainError(
          'NOT_FOUND',
          { $url: typeof url === 'string' ? url.slice(0, 64) : null },
          `未知的操作：${typeof url === 'string' ? url.slice(0, 64) : typeof url}`,
        ),
        functionName,
      );
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

/**
 * A mini-program-facing function as the contract describes it: each route's event is parsed by the contract's
 * schema (`ROUTE_SCHEMAS`), and each handler must answer the route's wire type (`RouteOutputs`). Functions the
 * contract lists in `ROUTED_FUNCTIONS` are routed by `$url`; the others take the event as the `main` route.
 */
export function defineContractFunction<F extends FunctionName>(
  functionName: F,
  handlers: RouteHandlers<F>,
): (event: unknown) => Promise<Envelope<RouteOutput<F, RouteName<F>>>> {
  const table = handlers as unknown as Record<string, (input: unknown) => Promise<RouteOutput<F, RouteName<F>>>>;
  const schemaOf = (name: string) => routeSchema(functionName, name as RouteName<F>) as z.ZodType;
  if (!(ROUTED_FUNCTIONS as readonly string[]).includes(functionName))
    return defineFunction(functionName, schemaOf('main'), table.main!);
  const routes = Object.fromEntries(Object.entries(table).map(([name, run]) => [name, route(schemaOf(name), run)]));
  return defineRoutedFunction(functionName, routes) as (
    event: unknown,
  ) => Promise<Envelope<RouteOutput<F, RouteName<F>>>>;
}
