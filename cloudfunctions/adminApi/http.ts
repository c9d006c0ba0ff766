/**
 * The edge between CloudBase's HTTP access service and the admin routes: the integration request in, the
 * integration response out. Every answer is the shop's envelope as JSON, except file downloads (CSV).
 */
import { DomainError, type DomainErrorCode } from '../../core/src/errors';
import { failureFrom, success, type Envelope } from '../_shared/platform/envelope';

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
}

export function parseRequest(event: HttpEvent): AdminRequest {
  const method = typeof event.httpMethod === 'string' ? event.httpMethod.toUpperCase() : 'GET';
  const headers = isRecord(event.headers) ? event.headers : {};
  const authorization = headers.authorization ?? headers.Authorization;
  return {
    method,
    path: routePath(typeof event.path === 'string' ? event.path : '/'),
    query: stringRecord(event.queryStringParameters),
    body: parseBody(event.body, event.isBase64Encoded === true),
    authorization: typeof authorization === 'string' ? authorization : undefined,
  };
}

/** The gateway passes the full path; the routes are written relative to the service's mount point. */
function routePath(fullPath: string): string {
  const below = fullPath === API_PREFIX || fullPath.startsWith(`${API_PREFIX}/`) ? fullPath.slice(API_PREFIX.length) : fullPath;
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
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
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

/** A sign-in refused because of earlier failures, not because of these credentials: answered with 423. */
export class AccountLockedError extends DomainError {
  constructor(lockedUntil: number, now: number) {
    const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
    super('UNAUTHENTICATED', { lockedUntil }, `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
  }
}

const STATUS_BY_CODE: Partial<Record<DomainErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  RULES_VERSION_MISMATCH: 409,
  INTERNAL: 500,
};

/** Business refusals without a more specific status (insufficient balance, debt, …) are 422. */
const DOMAIN_REFUSAL_STATUS = 422;
const LOCKED_STATUS = 423;

export function statusFor(error: unknown): number {
  if (error instanceof AccountLockedError) return LOCKED_STATUS;
  if (error instanceof DomainError) return STATUS_BY_CODE[error.code] ?? DOMAIN_REFUSAL_STATUS;
  return 500;
}

export function answer(data: unknown): IntegrationResponse {
  if (data instanceof CsvFile) return csvResponse(data);
  return jsonResponse(200, success(data));
}

export function answerError(error: unknown): IntegrationResponse {
  return jsonResponse(statusFor(error), failureFrom(error, 'adminApi'));
}

function jsonResponse(statusCode: number, envelope: Envelope<unknown>): IntegrationResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
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
