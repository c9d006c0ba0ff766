/** Reads the project's declarative files: the database schema and the HTTP routes of cloudbaserc.json. */
import { readFileSync, existsSync } from 'node:fs';
import type { DatabaseSchema } from './types';
import type { HttpRoute } from './http/http-access';

export function loadSchema(file: string): DatabaseSchema {
  if (!existsSync(file)) return { collections: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as DatabaseSchema;
}

interface CloudbaseRc {
  gateway?: { routes?: Array<{ path?: string; target?: string }> };
}

/** `gateway.routes` entries whose target is `function:<name>` become HTTP access routes. */
export function loadHttpRoutes(cloudbasercPath: string | undefined): HttpRoute[] {
  if (!cloudbasercPath || !existsSync(cloudbasercPath)) return [];
  const rc = JSON.parse(readFileSync(cloudbasercPath, 'utf8')) as CloudbaseRc;
  return (rc.gateway?.routes ?? []).flatMap((route) => {
    const match = /^function:(.+)$/.exec(route.target ?? '');
    return match?.[1] && route.path ? [{ path: route.path.replace(/\/+$/, ''), functionName: match[1] }] : [];
  });
}
