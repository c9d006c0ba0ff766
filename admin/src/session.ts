/**
 * Who is signed in. The token lives in localStorage so a reload keeps the session (it expires on the server after
 * 12 hours); any call refused as unauthenticated ends the session and brings back the sign-in screen with the reason.
 */
import { reactive } from 'vue';
import { api, configureClient, type ApiError } from './api';
import type { AdminRole, Me } from './api-types';

const TOKEN_KEY = 'qyfx-admin-token';

export const session = reactive({
  /** False until a stored token has been checked on start. */
  ready: false,
  token: null as string | null,
  user: null as Me | null,
  /** Why the last session ended, shown on the sign-in screen. */
  endedBecause: '' as string,
});

function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function store(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode without storage: the session lasts until the tab closes.
  }
}

export function signOut(reason = ''): void {
  session.token = null;
  session.user = null;
  session.endedBecause = reason;
  store(null);
}

configureClient({
  token: () => session.token,
  unauthenticated: (error: ApiError) => signOut(error.message),
});

export async function signIn(username: string, password: string): Promise<void> {
  const { token } = await api.signIn(username, password);
  session.token = token;
  try {
    session.user = await api.me();
  } catch (error) {
    session.token = null;
    throw error;
  }
  session.endedBecause = '';
  store(token);
}

/** On start: a stored token is used if the server still accepts it. */
export async function restoreSession(): Promise<void> {
  const token = storedToken();
  if (token) {
    session.token = token;
    try {
      session.user = await api.me();
    } catch {
      signOut();
    }
  }
  session.ready = true;
}

export function hasRole(roles: readonly AdminRole[]): boolean {
  return session.user !== null && roles.includes(session.user.role);
}
