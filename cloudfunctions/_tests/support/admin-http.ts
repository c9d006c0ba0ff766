/**
 * The admin page's side of the tests: real HTTP to /api/admin on the emulator, as the browser sends it, and the
 * demo data with a known owner password.
 */
import type { EmulatorHandle } from '../../../emulator/test/support/emulator';

export const OWNER_PASSWORD = 'owner-secret-pw';
export const STAFF_PASSWORD = 'staff-secret-pw';

export interface ApiAnswer {
  status: number;
  contentType: string;
  body: any;
  text: string;
}

/** Loads the demo data (the owner account among it) in this process, where SHOP_ADMIN_PASSWORD is read. */
export async function seedShop(emu: EmulatorHandle): Promise<void> {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
  const { status } = await emu.request('POST', '/_emulator/reset', { seed: true });
  if (status !== 200) throw new Error(`seeding failed: ${status}`);
}

export async function api(
  emu: EmulatorHandle,
  method: string,
  path: string,
  { token, body, rawBody }: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emu.url}/api/admin${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV and other files stay text.
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed, text };
}

/** The data of a call that must succeed; anything else fails the test with the whole answer. */
export async function apiOk<T = any>(
  emu: EmulatorHandle,
  method: string,
  path: string,
  options: Parameters<typeof api>[3] = {},
): Promise<T> {
  const answer = await api(emu, method, path, options);
  if (answer.status !== 200 || answer.body?.ok !== true) {
    throw new Error(`${method} ${path} failed: ${answer.status} ${answer.text}`);
  }
  return answer.body.data as T;
}

export async function signIn(emu: EmulatorHandle, username: string, password: string): Promise<string> {
  return (await apiOk<{ token: string }>(emu, 'POST', '/session', { body: { username, password } })).token;
}

export const ownerToken = (emu: EmulatorHandle) => signIn(emu, 'owner', OWNER_PASSWORD);

/** An operator or finance account made by the owner, signed in. */
export async function staffToken(
  emu: EmulatorHandle,
  owner: string,
  role: 'operator' | 'finance',
  username: string = role,
): Promise<string> {
  await apiOk(emu, 'POST', '/operators', { token: owner, body: { username, password: STAFF_PASSWORD, role } });
  return signIn(emu, username, STAFF_PASSWORD);
}

export { advanceClock, documents } from './shopper';
