/**
 * Operator sign-in and the identity of every later request. A request's operator is whoever the verified token
 * names, while the token's session (sessions.ts) is live and the stored account still has the token's version
 * (a password change ends older sessions). The token travels as a bearer header (scripts) or as the admin page's
 * HttpOnly cookie; a cookie on a state-changing request must come with the session's CSRF token.
 */
import { DomainError } from '../../core/src/errors';
import { getDoc } from '../_shared/platform/documents';
import type { AdminRole, AdminUserDoc } from '../_shared/store/admin-users';
import type { AdminSessionDoc } from '../_shared/store/admin-sessions';
import { COLLECTIONS } from '../_shared/store/collections';
import { verifyPassword } from './passwords';
import { signToken, verifyToken, type TokenClaims } from './tokens';
import type { Actor } from './actor';
import type { AdminRequest } from './http';
import { csrfTokenMatches, openSession, useSession, type SessionOrigin } from './sessions';
import { assertMayTry, forgetAccountFailures, recordFailure } from './sign-in-throttle';
import { freshTokenSecret, secretComesFromEnvironment, tokenSecret } from './token-secret';

export type { Actor };

const WRONG_CREDENTIALS = '用户名或密码错误';

/**
 * Spent on unknown usernames so that they cost what a wrong password costs: same scrypt parameters, same salt and
 * key sizes as `hashPassword` makes.
 */
export const DECOY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface SignedIn {
  token: string;
  session: AdminSessionDoc;
  user: AdminUserDoc;
}

/**
 * Checks a password. An unknown username and a wrong password take the same path (a scrypt verification, a
 * counted failure) and end in the same refusal; a source that failed too often is refused before any check.
 */
export async function signIn(
  username: string,
  password: string,
  via: AdminSessionDoc['via'],
  origin: SessionOrigin,
  now: number,
): Promise<SignedIn> {
  await assertMayTry(origin.clientAddress, username, now);
  const user = await getDoc<AdminUserDoc>(COLLECTIONS.adminUsers, username);
  const matches = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !matches) {
    await recordFailure(origin.clientAddress, username, now);
    throw new DomainError('UNAUTHENTICATED', undefined, WRONG_CREDENTIALS);
  }
  await forgetAccountFailures(origin.clientAddress, username);
  const session = await openSession(user.username, via, origin, now);
  const claims: TokenClaims = {
    sub: user.username,
    role: user.role,
    exp: session.expiresAt,
    ver: user.tokenVersion,
    sid: session._id,
  };
  return { token: signToken(claims, await freshTokenSecret()), session, user };
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export async function authenticate(request: AdminRequest, now: number): Promise<Actor> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
  // A bearer header is never sent by a browser on its own, so it needs no CSRF guard; it wins over a cookie.
  const via: AdminSessionDoc['via'] = bearer ? 'bearer' : 'cookie';
  const token = bearer ?? request.sessionCookie;
  if (!token) throw new DomainError('UNAUTHENTICATED', { reason: 'missing-token' }, '请先登录');
  const claims = await verifiedClaims(token, now);
  if (!claims.sid) throw new DomainError('UNAUTHENTICATED', { reason: 'revoked' }, '登录已失效，请重新登录');
  if (
    via === 'cookie' &&
    !SAFE_METHODS.has(request.method) &&
    !csrfTokenMatches(request.csrfToken, claims.sid, await tokenSecret())
  ) {
    throw new DomainError('FORBIDDEN', { reason: 'csrf' }, '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
  }
  const user = await getDoc<AdminUserDoc>(COLLECTIONS.adminUsers, claims.sub);
  if (!user || user.tokenVersion !== claims.ver) {
    throw new DomainError('UNAUTHENTICATED', { reason: 'revoked' }, '登录已失效，请重新登录');
  }
  const check = await useSession(claims.sid, user.username, now);
  if (!check.live) {
    const message = check.reason === 'expired' ? '登录已过期，请重新登录' : '登录已失效，请重新登录';
    throw new DomainError('UNAUTHENTICATED', { reason: check.reason }, message);
  }
  return { username: user.username, role: user.role, session: { id: claims.sid, via } };
}

async function verifiedClaims(token: string, now: number): Promise<TokenClaims> {
  let check = verifyToken(token, await tokenSecret(), now);
  if (!check.valid && check.reason === 'bad-signature' && !secretComesFromEnvironment()) {
    check = verifyToken(token, await freshTokenSecret(), now);
  }
  if (check.valid) return check.claims;
  const message = check.reason === 'expired' ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录';
  throw new DomainError('UNAUTHENTICATED', { reason: check.reason }, message);
}

/**
 * A request that says where it comes from (browsers send Origin on every cross-origin request and on same-origin
 * POSTs) must come from the page's own origin. Scripts send no Origin and are not bound.
 */
export function assertSameOrigin(request: AdminRequest): void {
  if (request.origin === undefined) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(request.origin).host;
  } catch {
    originHost = null;
  }
  if (originHost === null || originHost !== request.host) {
    throw new DomainError('FORBIDDEN', { reason: 'cross-origin' }, '请求来自其他网站，已拒绝');
  }
}

export function authorize(actor: Actor, allowed: readonly AdminRole[]): void {
  if (!allowed.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', { role: actor.role, allowed: [...allowed] }, '当前账号的角色无权进行该操作');
  }
}
