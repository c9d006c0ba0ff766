/**
 * Who is signed in. The session token is an HttpOnly cookie the server sets at sign-in (`mode: 'cookie'`): script
 * on this page never sees it, and nothing about the session is kept in localStorage. The page holds only the
 * session's CSRF token, in memory, and sends it with every state-changing request; after a reload `GET /me` (the
 * cookie travels by itself) gives it back. Any call refused as unauthenticated ends the session and brings back
 * the sign-in screen with the reason.
 */
import { reactive } from 'vue';
import { api, configureClient, type ApiError } from './api';
import type { AdminRole } from '../../contract/src/states';
import type { Me } from './api-types';

export const session = reactive({
  /** False until the cookie (if any) has been checked on start. */
  ready: false,
  csrfToken: null as string | null,
  user: null as Me | null,
  /** Why the last session ended, shown on the sign-in screen. */
  endedBecause: '' as string,
});

function forget(reason: string): void {
  session.csrfToken = null;
  session.user = null;
  session.endedBecause = reason;
}

/** Signs this session out on the server (which clears the cookie), then here. */
export async function signOut(reason = ''): Promise<void> {
  if (session.user) await api.signOut().catch(() => undefined);
  forget(reason);
}

configureClient({
  signedIn: () => session.user !== null,
  csrfToken: () => session.csrfToken,
  unauthenticated: (error: ApiError) => forget(error.message),
});

export async function signIn(username: string, password: string): Promise<void> {
  const { csrfToken } = await api.signIn(username, password);
  session.csrfToken = csrfToken;
  try {
    session.user = toUser(await api.me());
  } catch (error) {
    session.csrfToken = null;
    throw error;
  }
  session.endedBecause = '';
}

/** On start: the cookie from an earlier visit is used if the server still accepts it. */
export async function restoreSession(): Promise<void> {
  try {
    const me = await api.me();
    session.csrfToken = me.csrfToken ?? null;
    session.user = toUser(me);
  } catch {
    forget('');
  }
  session.ready = true;
}

function toUser(me: Me & { csrfToken?: string }): Me {
  return { username: me.username, role: me.role };
}

export function hasRole(roles: readonly AdminRole[]): boolean {
  return session.user !== null && roles.includes(session.user.role);
}
