/**
 * The edge between CloudBase's HTTP access service and the admin routes: the integration request in, the
 * integration response out. Every answer is the shop's envelope as JSON, except file downloads (CSV).
 */
import { DomainError, type DomainErrorCode } from '../../core/src/errors';
import { failureFrom, success, type Envelope } from '../_shared/platform/envelope';
import { SignInThrottledError } from './sign-in-throttle';

const API_PREFIX = '/api/admin';

/** The part of the integration request the admin API reads. */
export interface HttpEvent {
  path?: unknown;
  httpMethod?: unknown;
  headers?: unknown;
  queryStringParameters?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

export interface IntegrationResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface AdminRequest {
  method: string;
  /** The path below /api/admin, always starting with `/`, without a trailing slash. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  /** The session cookie the admin page's browser sent, if any. */
  sessionCookie: string | undefined;
  /** `X-CSRF-Token`: required beside the cookie on every state-changing request. */
  csrfToken: string | undefined;
  origin: string | undefined;
  host: string | undefined;
  /** Whether the page talks to us over https (the gateway's x-forwarded-proto, or the page's origin). */
  https: boolean;
  userAgent: string;
  /** The caller's address as the platform saw it (never a header the client wrote). */
  clientAddress: string;
}

export const SESSION_COOKIE = 'qyfx_admin_session';

/**
 * `platformAddress` is the CLIENTIP of the function's context. When the platform leaves it empty, the address is
 * the last X-Forwarded-For entry: the one HTTP access's gateway appended itself. Earlier entries are whatever
 * the client wrote and are never read.
 */
export function parseRequest(event: HttpEvent, platformAddress: string): AdminRequest {
  const method = typeof event.httpMethod === 'string' ? event.httpMethod.toUpperCase() : 'GET';
  const headers = lowerCaseHeaders(event.headers);
  const origin = headers.origin;
  return {
    method,
    path: routePath(typeof event.path === 'string' ? event.path : '/'),
    query: stringRecord(event.queryStringParameters),
    body: parseBody(event.body, event.isBase64Encoded === true),
    authorization: headers.authorization,
    sessionCookie: cookieValue(headers.cookie, SESSION_COOKIE),
    csrfToken: headers['x-csrf-token'],
    origin,
    host: headers.host,
    https: headers['x-forwarded-proto'] === 'https' || (origin ?? '').startsWith('https:'),
    userAgent: headers['user-agent'] ?? '',
    clientAddress: platformAddress || lastForwardedFor(headers['x-forwarded-for']) || 'unknown',
  };
}

function lastForwardedFor(header: string | undefined): string {
  return (header ?? '').split(',').pop()?.trim() ?? '';
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(isRecord(raw) ? raw : {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The session cookie: HttpOnly (script on the page cannot read it), SameSite=Strict (no other site's page sends
 * it), scoped to the API's path, Secure whenever the page is on https. `token: null` clears it.
 */
export function sessionCookie(token: string | null, maxAgeMs: number, https: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${token ?? ''}`,
    `Path=${API_PREFIX}`,
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${token ? Math.floor(maxAgeMs / 1000) : 0}`,
  ];
  if (https) parts.push('Secure');
  return parts.join('; ');
}

/** The gateway passes the full path; the routes are written relative to the service's mount point. */
function routePath(fullPath: string): string {
  const below =
    fullPath === API_PREFIX || fullPath.startsWith(`${API_PREFIX}/`) ? fullPath.slice(API_PREFIX.length) : fullPath;
  const trimmed = below.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function parseBody(raw: unknown, isBase64Encoded: boolean): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  const text = isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('INVALID_INPUT', { body: 'not JSON' }, '请求内容不是合法的 JSON');
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A download instead of an envelope; handlers return one to answer with a file. */
export class CsvFile {
  constructor(
    readonly filename: string,
    readonly content: string,
  ) {}
}

/** Data answered with extra headers (a Set-Cookie); handlers return one when the answer changes the session. */
export class WithHeaders {
  constructor(
    readonly data: unknown,
    readonly headers: Record<string, string>,
  ) {}
}

const STATUS_BY_CODE: Partial<Record<DomainErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SECOND_OPERATOR_REQUIRED: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  RULES_VERSION_MISMATCH: 409,
  AFTER_SALE_OPEN: 409,
  INTERNAL: 500,
};

/** Business refusals without a more specific status (insufficient balance, debt, …) are 422. */
const DOMAIN_REFUSAL_STATUS = 422;
const THROTTLED_STATUS = 429;

export function statusFor(error: unknown): number {
  if (error instanceof SignInThrottledError) return THROTTLED_STATUS;
  if (error instanceof DomainError) return STATUS_BY_CODE[error.code] ?? DOMAIN_REFUSAL_STATUS;
  return 500;
}

export function answer(data: unknown): IntegrationResponse {
  if (data instanceof CsvFile) return csvResponse(data);
  if (data instanceof WithHeaders) return jsonResponse(200, success(data.data), data.headers);
  return jsonResponse(200, success(data));
}

export function answerError(error: unknown): IntegrationResponse {
  const extra: Record<string, string> =
    error instanceof SignInThrottledError
      ? { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) }
      : {};
  return jsonResponse(statusFor(error), failureFrom(error, 'adminApi'), extra);
}

function jsonResponse(
  statusCode: number,
  envelope: Envelope<unknown>,
  extra: Record<string, string> = {},
): IntegrationResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra },
    body: JSON.stringify(envelope),
  };
}

function csvResponse(file: CsvFile): IntegrationResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    },
    body: file.content,
  };
}
