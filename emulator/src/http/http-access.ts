/**
 * The HTTP access service: `gateway.routes` of cloudbaserc.json map a path prefix to a function. The request
 * becomes CloudBase's integration-request event and the function's return value is mapped back the way the
 * gateway does it (integration response honoured verbatim, strings as text, anything else as JSON).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorServices } from '../services-registry';
import { BodyTooLargeError, readBody, sendJson } from './io';

export interface HttpRoute {
  path: string;
  functionName: string;
}

export function findHttpRoute(routes: HttpRoute[], pathname: string): HttpRoute | undefined {
  // Longest prefix wins, and a prefix only matches on a segment boundary.
  return [...routes]
    .sort((a, b) => b.path.length - a.path.length)
    .find((route) => pathname === route.path || pathname.startsWith(`${route.path}/`));
}

export async function handleHttpAccess(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: HttpRoute,
  services: EmulatorServices,
): Promise<void> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return sendJson(res, 413, { error: { code: 'INVALID_INPUT', message: error.message } });
  }
  const isText = /json|text|urlencoded|^$/.test(req.headers['content-type'] ?? '');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(', ');
    multiValueHeaders[name] = values;
  }
  // As HTTP access's gateway does: the address it saw is appended to X-Forwarded-For, after whatever the client
  // wrote there itself, so only the last entry is the platform's word.
  const peer = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
  multiValueHeaders['x-forwarded-for'] = [headers['x-forwarded-for']];
  const event = {
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: Object.fromEntries(url.searchParams),
    requestContext: {
      requestId: randomUUID(),
      envId: services.context.envId,
      appId: services.context.appId,
      uin: 0,
    },
    body: isText ? raw.toString('utf8') : raw.toString('base64'),
    isBase64Encoded: !isText,
  };
  const outcome = await services.functions.invoke(route.functionName, event, {
    source: 'wx_http',
    clientIp: peer,
  });
  if (!outcome.ok) return sendJson(res, 502, { error: { code: outcome.code, message: outcome.message } });
  sendIntegrationResponse(res, outcome.result);
}

interface IntegrationResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

function isIntegrationResponse(value: unknown): value is IntegrationResponse {
  return (
    typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number'
  );
}

function sendIntegrationResponse(res: ServerResponse, result: unknown): void {
  if (isIntegrationResponse(result)) {
    const body = result.body ?? '';
    const bytes = result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body);
    res.writeHead(result.statusCode, { ...(result.headers ?? {}), 'content-length': bytes.length });
    res.end(bytes);
    return;
  }
  if (typeof result === 'string' || typeof result === 'number') {
    const bytes = Buffer.from(String(result));
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': bytes.length });
    res.end(bytes);
    return;
  }
  sendJson(res, 200, result ?? null, 'application/json; charset=utf-8');
}
