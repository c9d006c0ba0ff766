/**
 * adminApi sessions over real HTTP on the emulator: the admin page's cookie sign-in and its CSRF guard, the
 * foreign-origin refusal, and listing / revoking sessions (one, or everywhere; the owner for other operators).
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import {
  api,
  apiOk,
  documents,
  OWNER_PASSWORD,
  ownerToken,
  seedShop,
  STAFF_PASSWORD,
  staffToken,
} from './support/admin-http';
import { apiFrom, cookieFrom, type ClientAnswer } from './support/admin-client';

const emu = useEmulator();

beforeEach(async () => {
  await seedShop(emu);
});

const host = () => new URL(emu.url).host;
const sameOrigin = () => ({ origin: emu.url });

async function cookieSignIn(
  username = 'owner',
  password = OWNER_PASSWORD,
  headers: Record<string, string> = {},
): Promise<{ answer: ClientAnswer; cookie: string; csrf: string }> {
  const answer = await apiFrom(emu, 'POST', '/session', {
    body: { username, password, mode: 'cookie' },
    headers: { ...sameOrigin(), 'user-agent': 'SessionTest/1.0', ...headers },
  });
  expect(answer.status).toBe(200);
  return { answer, cookie: cookieFrom(answer), csrf: answer.body.data.csrfToken };
}

describe('cookie sessions', () => {
  test('cookie sign-in sets an HttpOnly, SameSite=Strict cookie on the API path and answers no token', async () => {
    const { answer, cookie } = await cookieSignIn();
    const setCookie = String(answer.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^qyfx_admin_session=[^;]+; Path=\/api\/admin; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    expect(answer.body).toEqual({ ok: true, data: { csrfToken: expect.any(String), expiresAt: expect.any(Number) } });
    expect(answer.text).not.toContain(cookie.split('=')[1]);
    const me = await apiFrom(emu, 'GET', '/me', { headers: { cookie } });
    expect(me.body.data).toEqual({ username: 'owner', role: 'owner', csrfToken: answer.body.data.csrfToken });
  });

  test('the cookie is Secure when the page is on https', async () => {
    const answer = await apiFrom(emu, 'POST', '/session', {
      body: { username: 'owner', password: OWNER_PASSWORD, mode: 'cookie' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(answer.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  test("a state-changing request with the cookie needs the session's CSRF token; without it nothing is written", async () => {
    const { cookie, csrf } = await cookieSignIn();
    const other = await cookieSignIn();
    const body = { name: 'CSRF 测试店' };
    const attempts: Record<string, string>[] = [
      { cookie },
      { cookie, 'x-csrf-token': 'forged' },
      { cookie, 'x-csrf-token': other.csrf },
    ];
    for (const headers of attempts) {
      const refused = await apiFrom(emu, 'PUT', '/settings/store', { body, headers: { ...headers, ...sameOrigin() } });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'csrf' } });
    }
    expect((await documents(emu, 'settings')).filter((doc) => doc._id === 'store')).toEqual([]);
    // Reading needs no CSRF token; writing with it works.
    expect((await apiFrom(emu, 'GET', '/settings/store', { headers: { cookie } })).status).toBe(200);
    const saved = await apiFrom(emu, 'PUT', '/settings/store', {
      body,
      headers: { cookie, 'x-csrf-token': csrf, ...sameOrigin() },
    });
    expect(saved.status).toBe(200);
  });

  test('a request from another origin is refused, even with the cookie and its CSRF token', async () => {
    const { cookie, csrf } = await cookieSignIn();
    for (const origin of ['https://evil.example', 'null', `http://${host()}.evil.example`]) {
      const refused = await apiFrom(emu, 'PUT', '/settings/store', {
        body: { name: 'x' },
        headers: { cookie, 'x-csrf-token': csrf, origin },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'cross-origin' } });
      const signIn = await apiFrom(emu, 'POST', '/session', {
        body: { username: 'owner', password: OWNER_PASSWORD, mode: 'cookie' },
        headers: { origin },
      });
      expect(signIn.status).toBe(403);
      expect(signIn.headers['set-cookie']).toBeUndefined();
    }
  });

  test('signing out revokes the session and clears the cookie', async () => {
    const { cookie, csrf } = await cookieSignIn();
    const out = await apiFrom(emu, 'DELETE', '/session', {
      headers: { cookie, 'x-csrf-token': csrf, ...sameOrigin() },
    });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^qyfx_admin_session=; .*Max-Age=0/);
    const after = await apiFrom(emu, 'GET', '/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.body.error.details).toEqual({ reason: 'revoked' });
  });

  test('bearer tokens keep working for scripts and need no CSRF token', async () => {
    const token = await ownerToken(emu);
    expect((await api(emu, 'PUT', '/settings/store', { token, body: { name: '脚本改名' } })).status).toBe(200);
  });
});

describe('listing and revoking sessions', () => {
  test('an operator lists their own sessions with when, address and user agent, never a token', async () => {
    await cookieSignIn();
    const token = await ownerToken(emu);
    const { items } = await apiOk(emu, 'GET', '/sessions', { token });
    expect(items).toHaveLength(2);
    expect(items.map((item: any) => [item.via, item.current, item.active])).toEqual([
      ['bearer', true, true],
      ['cookie', false, true],
    ]);
    expect(items[1]).toMatchObject({
      username: 'owner',
      clientAddress: expect.stringContaining('127.0.0.1'),
      userAgent: 'SessionTest/1.0',
      createdAt: expect.any(Number),
    });
    expect(JSON.stringify(items)).not.toContain(token.split('.')[1]);
  });

  test('sign out everywhere revokes every session of the account: each token is then refused', async () => {
    const first = await ownerToken(emu);
    const second = await ownerToken(emu);
    const browser = await cookieSignIn();
    const { revoked } = await apiOk(emu, 'POST', '/sessions/revoke-all', { token: first, body: {} });
    expect(revoked).toBe(3);
    for (const token of [first, second]) {
      const refused = await api(emu, 'GET', '/me', { token });
      expect(refused.status).toBe(401);
      expect(refused.body.error.details).toEqual({ reason: 'revoked' });
    }
    expect((await apiFrom(emu, 'GET', '/me', { headers: { cookie: browser.cookie } })).status).toBe(401);
  });

  test("one session is revoked by id; another operator's sessions are the owner's only", async () => {
    const owner = await ownerToken(emu);
    const alice = await staffToken(emu, owner, 'operator', 'alice');
    const bob = await staffToken(emu, owner, 'finance', 'bob');
    const [aliceSession] = (await apiOk(emu, 'GET', '/sessions', { token: alice })).items;

    // Bob can neither list, revoke one of, nor sign out everywhere Alice's sessions.
    expect((await api(emu, 'GET', '/sessions?username=alice', { token: bob })).status).toBe(403);
    expect((await api(emu, 'DELETE', `/sessions/${aliceSession._id}`, { token: bob })).status).toBe(404);
    expect((await api(emu, 'POST', '/sessions/revoke-all', { token: bob, body: { username: 'alice' } })).status).toBe(
      403,
    );
    expect((await api(emu, 'GET', '/me', { token: alice })).status).toBe(200);

    // The owner can, and it is audited.
    const listed = await apiOk(emu, 'GET', '/sessions?username=alice', { token: owner });
    expect(listed.items.map((item: any) => item._id)).toEqual([aliceSession._id]);
    await apiOk(emu, 'DELETE', `/sessions/${aliceSession._id}`, { token: owner });
    expect((await api(emu, 'GET', '/me', { token: alice })).status).toBe(401);
    const again = await apiFrom(emu, 'POST', '/session', { body: { username: 'alice', password: STAFF_PASSWORD } });
    const aliceAgain = again.body.data.token as string;
    await apiOk(emu, 'POST', '/sessions/revoke-all', { token: owner, body: { username: 'alice' } });
    expect((await api(emu, 'GET', '/me', { token: aliceAgain })).status).toBe(401);
    expect((await api(emu, 'GET', '/me', { token: owner })).status).toBe(200);
    const audit = await apiOk(emu, 'GET', '/audit-logs', { token: owner });
    expect(audit.items.map((entry: any) => entry.action)).toEqual(
      expect.arrayContaining(['session.revoke', 'session.revokeAll']),
    );
  });

  test('a password reset marks every session of the account revoked', async () => {
    const owner = await ownerToken(emu);
    await staffToken(emu, owner, 'operator', 'alice');
    await apiOk(emu, 'PUT', '/operators/alice/password', { token: owner, body: { password: 'brand-new-pw' } });
    const { items } = await apiOk(emu, 'GET', '/sessions?username=alice', { token: owner });
    expect(items.map((item: any) => [item.active, item.revokedBy])).toEqual([[false, 'owner']]);
  });
});
