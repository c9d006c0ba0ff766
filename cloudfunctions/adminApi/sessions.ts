/**
 * Operator sessions (adminSessions). A token is only as good as its session: short-lived (30 minutes without use,
 * renewed by use, never past 12 hours from sign-in), revocable one by one or all at once, and listed per operator
 * with when, from which client address and with which user agent it was made. A stolen token therefore stops
 * working as soon as its owner signs out everywhere, and on its own within half an hour of the last use.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { db } from '../_shared/platform/cloud';
import { getDoc, listDocs, updatedCount } from '../_shared/platform/documents';
import { COLLECTIONS } from '../_shared/store/collections';
import { type AdminSessionDoc } from '../_shared/store/admin-sessions';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** A use renews the session at most once a minute, so that reading a screen is not one write per request. */
const RENEW_EVERY_MS = 60 * 1000;
const MAX_LISTED = 200;
const USER_AGENT_MAX = 300;

export interface SessionOrigin {
  clientAddress: string;
  userAgent: string;
}

export async function openSession(
  username: string,
  via: AdminSessionDoc['via'],
  origin: SessionOrigin,
  now: number,
): Promise<AdminSessionDoc> {
  const session: AdminSessionDoc = {
    _id: randomBytes(18).toString('base64url'),
    username,
    via,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: now + SESSION_IDLE_MS,
    expiresAt: now + SESSION_MAX_MS,
    clientAddress: origin.clientAddress,
    userAgent: origin.userAgent.slice(0, USER_AGENT_MAX),
    revokedAt: null,
    revokedBy: null,
  };
  await db().collection(COLLECTIONS.adminSessions).add({ data: session });
  return session;
}

export type SessionCheck = { live: true; session: AdminSessionDoc } | { live: false; reason: 'revoked' | 'expired' };

/** The session a token names, if it may still be used now; a use renews it. */
export async function useSession(sessionId: string, username: string, now: number): Promise<SessionCheck> {
  const session = await getDoc<AdminSessionDoc>(COLLECTIONS.adminSessions, sessionId);
  if (!session || session.username !== username || session.revokedAt !== null)
    return { live: false, reason: 'revoked' };
  if (session.idleExpiresAt <= now || session.expiresAt <= now) return { live: false, reason: 'expired' };
  if (now - session.lastSeenAt >= RENEW_EVERY_MS) {
    const idleExpiresAt = Math.min(now + SESSION_IDLE_MS, session.expiresAt);
    const _ = db().command;
    // Guarded on not revoked, so a renewal racing a revocation cannot bring the session back.
    await db()
      .collection(COLLECTIONS.adminSessions)
      .where({ _id: sessionId, revokedAt: _.eq(null) })
      .update({ data: { lastSeenAt: now, idleExpiresAt } });
    return { live: true, session: { ...session, lastSeenAt: now, idleExpiresAt } };
  }
  return { live: true, session };
}

/** An operator's sessions, newest first; revoked and ended ones included, so the owner sees what happened. */
export async function sessionsOf(username: string): Promise<AdminSessionDoc[]> {
  return listDocs<AdminSessionDoc>(
    db().collection(COLLECTIONS.adminSessions).where({ username }).orderBy('createdAt', 'desc').limit(MAX_LISTED),
  );
}

export async function findSession(sessionId: string): Promise<AdminSessionDoc | null> {
  return getDoc<AdminSessionDoc>(COLLECTIONS.adminSessions, sessionId);
}

export async function revokeSession(sessionId: string, by: string, now: number): Promise<boolean> {
  const _ = db().command;
  const result = await db()
    .collection(COLLECTIONS.adminSessions)
    .where({ _id: sessionId, revokedAt: _.eq(null) })
    .update({ data: { revokedAt: now, revokedBy: by } });
  return updatedCount(result) === 1;
}

/** Signs an operator out everywhere: every session not yet revoked is. Resolves to how many were. */
export async function revokeAllSessions(username: string, by: string, now: number): Promise<number> {
  const _ = db().command;
  const result = await db()
    .collection(COLLECTIONS.adminSessions)
    .where({ username, revokedAt: _.eq(null) })
    .update({ data: { revokedAt: now, revokedBy: by } });
  return updatedCount(result);
}

export function isActive(session: AdminSessionDoc, now: number): boolean {
  return session.revokedAt === null && session.idleExpiresAt > now && session.expiresAt > now;
}

/**
 * The CSRF token of a cookie session: derived from the session id with the signing key, so it needs no storage,
 * differs per session, and cannot be computed by anyone without the key. The page reads it from the sign-in
 * answer or `GET /me` (same-origin reads only) and sends it as `X-CSRF-Token` on every state-changing request.
 */
export function csrfTokenFor(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(sent: string | undefined, sessionId: string, secret: string): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId, secret));
  const actual = Buffer.from(sent);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
