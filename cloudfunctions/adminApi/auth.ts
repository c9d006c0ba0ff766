/**
 * Operator sign-in and the identity of every later request. A request's operator is whoever the verified token
 * names, re-checked against the stored account so a password change (tokenVersion) ends older sessions.
 */
import { DomainError } from '../../core/src/errors';
import { publicAdminUser } from './accounts';
import { getDoc } from '../_shared/platform/documents';
import type { AdminRole, AdminUserDoc } from '../_shared/store/admin-users';
import { COLLECTIONS } from '../_shared/store/collections';
import { verifyPassword } from './passwords';
import { signToken, verifyToken, type TokenClaims } from './tokens';
import { inTransaction } from '../_shared/platform/transactions';
import type { Actor } from './actor';
import { recordChange } from './audit';
import { AccountLockedError } from './http';
import { freshTokenSecret, secretComesFromEnvironment, tokenSecret } from './token-secret';

const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
const MAX_FAILED_ATTEMPTS = 5;
const LOCK_MS = 15 * 60 * 1000;

const WRONG_CREDENTIALS = '用户名或密码错误';

/** Spent on unknown usernames so that they take as long as wrong passwords. */
const DECOY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function signIn(username: string, password: string, now: number): Promise<string> {
  const user = await getDoc<AdminUserDoc>(COLLECTIONS.adminUsers, username);
  if (!user) {
    await verifyPassword(password, DECOY_HASH);
    throw new DomainError('UNAUTHENTICATED', undefined, WRONG_CREDENTIALS);
  }
  if (isLocked(user, now)) throw new AccountLockedError(user.lockedUntil as number, now);
  if (!(await verifyPassword(password, user.passwordHash))) {
    await recordFailedAttempt(user._id, now);
    throw new DomainError('UNAUTHENTICATED', undefined, WRONG_CREDENTIALS);
  }
  if (user.failedAttempts !== 0 || user.lockedUntil !== null) await clearFailedAttempts(user._id);
  const claims: TokenClaims = { sub: user.username, role: user.role, exp: now + TOKEN_TTL_MS, ver: user.tokenVersion };
  return signToken(claims, await freshTokenSecret());
}

function isLocked(user: AdminUserDoc, now: number): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

async function recordFailedAttempt(userId: string, now: number): Promise<void> {
  const locked = await inTransaction(async (tx) => {
    const ref = tx.collection(COLLECTIONS.adminUsers).doc(userId);
    const { data } = (await ref.get()) as { data: AdminUserDoc | null };
    if (!data || isLocked(data, now)) return null;
    // Failures before an expired lock do not count towards the next one.
    const failures = (data.lockedUntil === null ? data.failedAttempts : 0) + 1;
    const lockedUntil = failures >= MAX_FAILED_ATTEMPTS ? now + LOCK_MS : null;
    await ref.update({ data: { failedAttempts: failures, lockedUntil } });
    return lockedUntil === null ? null : { before: data, after: { ...data, failedAttempts: failures, lockedUntil } };
  });
  if (locked) {
    await recordChange({ username: locked.before.username, role: locked.before.role }, 'operator.lock', `adminUsers/${userId}`, publicAdminUser(locked.before), publicAdminUser(locked.after), now);
  }
}

async function clearFailedAttempts(userId: string): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.collection(COLLECTIONS.adminUsers).doc(userId).update({ data: { failedAttempts: 0, lockedUntil: null } });
  });
}

export async function authenticate(authorization: string | undefined, now: number): Promise<Actor> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new DomainError('UNAUTHENTICATED', { reason: 'missing-token' }, '请先登录');
  const claims = await verifiedClaims(token, now);
  const user = await getDoc<AdminUserDoc>(COLLECTIONS.adminUsers, claims.sub);
  if (!user || user.tokenVersion !== claims.ver) {
    throw new DomainError('UNAUTHENTICATED', { reason: 'revoked' }, '登录已失效，请重新登录');
  }
  return { username: user.username, role: user.role };
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

export function authorize(actor: Actor, allowed: readonly AdminRole[]): void {
  if (!allowed.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', { role: actor.role, allowed: [...allowed] }, '当前账号的角色无权进行该操作');
  }
}
