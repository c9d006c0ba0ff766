/**
 * Signing in and out, who the session belongs to, and each operator's sessions.
 *
 * `POST /session` answers a bearer token for scripts (`{token}`), or, with `"mode": "cookie"` (the
 * admin page), sets the HttpOnly session cookie and answers only the CSRF token the page must send back: the page
 * never holds the session token itself.
 */
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import type { AdminSessionDoc } from '../../_shared/store/admin-sessions';
import { recordChange } from '../audit';
import { authorize, signIn, type Actor } from '../auth';
import { sessionCookie, WithHeaders, type AdminRequest } from '../http';
import { handler } from '../router';
import {
  csrfTokenFor,
  findSession,
  isActive,
  revokeAllSessions,
  revokeSession,
  SESSION_MAX_MS,
  sessionsOf,
} from '../sessions';
import { tokenSecret } from '../token-secret';

export const createSession = handler(
  {
    body: z.strictObject({
      username: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(256),
      mode: z.enum(['token', 'cookie']).optional(),
    }),
  },
  async ({ body, now, request }) => {
    const via = body.mode === 'cookie' ? 'cookie' : 'bearer';
    const origin = { clientAddress: request.clientAddress, userAgent: request.userAgent };
    const { token, session } = await signIn(body.username, body.password, via, origin, now);
    if (via === 'bearer') return { token };
    const csrfToken = csrfTokenFor(session._id, await tokenSecret());
    return new WithHeaders(
      { csrfToken, expiresAt: session.expiresAt },
      { 'set-cookie': sessionCookie(token, SESSION_MAX_MS, request.https) },
    );
  },
);

/** Who is signed in; a cookie session also gets its CSRF token back (after a reload the page has only the cookie). */
export const me = handler({}, async ({ actor }) => {
  const who = { username: actor.username, role: actor.role };
  if (actor.session?.via !== 'cookie') return who;
  return { ...who, csrfToken: csrfTokenFor(actor.session.id, await tokenSecret()) };
});

/** Signs this session out (and clears the cookie). */
export const endSession = handler({}, async ({ actor, now, request }) => {
  const sessionId = actor.session?.id as string;
  await revokeSession(sessionId, actor.username, now);
  return new WithHeaders({ id: sessionId }, { 'set-cookie': sessionCookie(null, 0, request.https) });
});

/** A session as listed: never its token, which is not stored. */
function listed(session: AdminSessionDoc, actor: Actor, now: number) {
  return { ...session, current: session._id === actor.session?.id, active: isActive(session, now) };
}

/** Another operator's sessions are the owner's business only. */
function assertMayManage(actor: Actor, username: string): void {
  if (username !== actor.username) authorize(actor, ['owner']);
}

export const listSessions = handler(
  { query: z.strictObject({ username: z.string().trim().min(1).max(64).optional() }) },
  async ({ query, actor, now }) => {
    const username = query.username ?? actor.username;
    assertMayManage(actor, username);
    return { items: (await sessionsOf(username)).map((session) => listed(session, actor, now)) };
  },
);

export const revokeOneSession = handler({}, async ({ params, actor, now, request }) => {
  const sessionId = params.id as string;
  const session = await findSession(sessionId);
  // Someone else's session answers as a missing one, unless the owner asks.
  if (!session || (session.username !== actor.username && actor.role !== 'owner')) {
    throw new DomainError('NOT_FOUND', { id: sessionId }, '没有这个登录会话');
  }
  const revoked = await revokeSession(sessionId, actor.username, now);
  if (revoked && session.username !== actor.username) {
    await recordChange(
      actor,
      'session.revoke',
      `adminSessions/${sessionId}`,
      publicSession(session),
      { ...publicSession(session), revokedAt: now, revokedBy: actor.username },
      now,
    );
  }
  return withClearedCookieIfCurrent({ id: sessionId, revoked }, sessionId === actor.session?.id, request);
});

/** Sign out everywhere: every live session of the account (one's own; the owner's for anyone). */
export const revokeEverySession = handler(
  { body: z.strictObject({ username: z.string().trim().min(1).max(64).optional() }) },
  async ({ body, actor, now, request }) => {
    const username = body.username ?? actor.username;
    assertMayManage(actor, username);
    const revoked = await revokeAllSessions(username, actor.username, now);
    await recordChange(actor, 'session.revokeAll', `adminUsers/${username}`, null, { username, revoked }, now);
    return withClearedCookieIfCurrent({ username, revoked }, username === actor.username, request);
  },
);

function withClearedCookieIfCurrent(data: unknown, current: boolean, request: AdminRequest): unknown {
  return current ? new WithHeaders(data, { 'set-cookie': sessionCookie(null, 0, request.https) }) : data;
}

function publicSession(session: AdminSessionDoc) {
  const { _id, username, via, createdAt, clientAddress, userAgent } = session;
  return { _id, username, via, createdAt, clientAddress, userAgent };
}
