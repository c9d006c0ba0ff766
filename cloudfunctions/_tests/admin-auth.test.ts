/**
 * adminApi sign-in, sessions, roles and operator accounts, over real HTTP at /api/admin on the emulator.
 */
import { demoData } from '../../database/seed';
import { useEmulator } from '../../emulator/test/support/emulator';
import { verifyPassword } from '../adminApi/passwords';
import { advanceClock, api, apiOk, documents, OWNER_PASSWORD, ownerToken, seedShop, signIn, STAFF_PASSWORD, staffToken } from './support/admin-http';

const emu = useEmulator();
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

beforeEach(async () => {
  await seedShop(emu);
});

describe('demo data', () => {
  test('the owner account uses SHOP_ADMIN_PASSWORD, stored only as a scrypt hash', async () => {
    const [owner, ...others] = await documents(emu, 'adminUsers');
    expect(others).toEqual([]);
    expect(owner).toMatchObject({ _id: 'owner', username: 'owner', role: 'owner', failedAttempts: 0, lockedUntil: null });
    expect(owner.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(owner)).not.toContain(OWNER_PASSWORD);
  });

  test('without SHOP_ADMIN_PASSWORD a password is generated and given back once as a notice', async () => {
    const { collections, notices } = await demoData({ now: Date.now() });
    expect(notices).toHaveLength(1);
    const password = /^admin owner password: (\S+) \(set SHOP_ADMIN_PASSWORD to choose it\)$/.exec(notices[0] as string)?.[1];
    expect(password).toBeDefined();
    const [owner] = collections.adminUsers as Array<{ passwordHash: string }>;
    expect(await verifyPassword(password as string, owner!.passwordHash)).toBe(true);
    const chosen = await demoData({ now: Date.now(), ownerPassword: 'chosen-pw-1' });
    expect(chosen.notices).toEqual([]);
  });
});

describe('sign-in', () => {
  test('POST /session answers a token in the envelope, as JSON, and /me names the account', async () => {
    const answer = await api(emu, 'POST', '/session', { body: { username: 'owner', password: OWNER_PASSWORD } });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual({ ok: true, data: { token: expect.any(String) } });
    const me = await apiOk(emu, 'GET', '/me', { token: answer.body.data.token });
    expect(me).toEqual({ username: 'owner', role: 'owner' });
  });

  test('the signing key is made once and kept in settings', async () => {
    await ownerToken(emu);
    await ownerToken(emu);
    const keys = (await documents(emu, 'settings')).filter((doc) => doc._id === 'adminTokenSecret');
    expect(keys).toHaveLength(1);
    expect(keys[0].secret).toEqual(expect.any(String));
  });

  test('a wrong password or an unknown user is 401 UNAUTHENTICATED with the same message', async () => {
    const wrong = await api(emu, 'POST', '/session', { body: { username: 'owner', password: 'nope-nope' } });
    const unknown = await api(emu, 'POST', '/session', { body: { username: 'nobody', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  test('five wrong passwords lock the account for 15 minutes (423), even for the right password; then it opens', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await api(emu, 'POST', '/session', { body: { username: 'owner', password: `wrong-${attempt}` } });
      expect(answer.status).toBe(401);
    }
    const [locked] = await documents(emu, 'adminUsers');
    expect(locked.failedAttempts).toBe(5);
    expect(locked.lockedUntil).toEqual(expect.any(Number));

    const refused = await api(emu, 'POST', '/session', { body: { username: 'owner', password: OWNER_PASSWORD } });
    expect(refused.status).toBe(423);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');

    await advanceClock(emu, 14 * MINUTE_MS);
    expect((await api(emu, 'POST', '/session', { body: { username: 'owner', password: OWNER_PASSWORD } })).status).toBe(423);
    await advanceClock(emu, 2 * MINUTE_MS);
    const token = await ownerToken(emu);
    expect(token).toEqual(expect.any(String));
    const [reopened] = await documents(emu, 'adminUsers');
    expect(reopened).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const audit = await apiOk(emu, 'GET', '/audit-logs?action=operator.lock', { token });
    expect(audit.items).toHaveLength(1);
  });

  test('a success resets the count of failures', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) await api(emu, 'POST', '/session', { body: { username: 'owner', password: 'wrong-pw' } });
    await ownerToken(emu);
    for (let attempt = 1; attempt <= 4; attempt++) await api(emu, 'POST', '/session', { body: { username: 'owner', password: 'wrong-pw' } });
    expect((await api(emu, 'POST', '/session', { body: { username: 'owner', password: OWNER_PASSWORD } })).status).toBe(200);
  });

  test('sign-in input is validated strictly', async () => {
    const extra = await api(emu, 'POST', '/session', { body: { username: 'owner', password: OWNER_PASSWORD, role: 'owner' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('INVALID_INPUT');
    const notJson = await api(emu, 'POST', '/session', { rawBody: '{username' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_INPUT');
  });
});

describe('tokens', () => {
  test('no token, a malformed header or a tampered token is 401', async () => {
    const token = await ownerToken(emu);
    expect((await api(emu, 'GET', '/me')).status).toBe(401);
    expect((await api(emu, 'GET', '/me', { token: 'garbage' })).status).toBe(401);
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: 'owner', role: 'owner', exp: claims.exp + 1 })).toString('base64url')}.${mac}`;
    const answer = await api(emu, 'GET', '/me', { token: forged });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: { reason: 'bad-signature' } } });
  });

  test('a token expires after 12 hours of the virtual clock', async () => {
    const token = await ownerToken(emu);
    await advanceClock(emu, 11 * HOUR_MS);
    expect((await api(emu, 'GET', '/me', { token })).status).toBe(200);
    await advanceClock(emu, 1 * HOUR_MS + MINUTE_MS);
    const expired = await api(emu, 'GET', '/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'expired' } });
  });

  test('an unknown route is 404 NOT_FOUND in the envelope (tcb-router alone would answer nothing)', async () => {
    const token = await ownerToken(emu);
    for (const [method, path] of [['GET', '/nope'], ['DELETE', '/products'], ['GET', '/orders/x/y/z']] as const) {
      const answer = await api(emu, method, path, { token });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('operator accounts and roles', () => {
  test('the owner creates operator and finance accounts, lists them without hashes; each change is audited', async () => {
    const owner = await ownerToken(emu);
    const created = await apiOk(emu, 'POST', '/operators', { token: owner, body: { username: 'alice', password: STAFF_PASSWORD, role: 'operator' } });
    expect(created).toEqual({ username: 'alice', role: 'operator' });
    await apiOk(emu, 'POST', '/operators', { token: owner, body: { username: 'bob', password: STAFF_PASSWORD, role: 'finance' } });
    const list = await apiOk(emu, 'GET', '/operators', { token: owner });
    expect(list.items.map((user: any) => [user.username, user.role])).toEqual([['owner', 'owner'], ['alice', 'operator'], ['bob', 'finance']]);
    expect(JSON.stringify(list)).not.toContain('scrypt');
    const me = await apiOk(emu, 'GET', '/me', { token: await signIn(emu, 'alice', STAFF_PASSWORD) });
    expect(me).toEqual({ username: 'alice', role: 'operator' });

    const logs = await apiOk(emu, 'GET', '/audit-logs', { token: owner });
    const creations = logs.items.filter((entry: any) => entry.action === 'operator.create');
    expect(creations).toHaveLength(2);
    expect(creations[1]).toMatchObject({ actor: 'owner', target: 'adminUsers/alice', before: null, after: { username: 'alice', role: 'operator' } });
    expect(JSON.stringify(logs)).not.toContain('scrypt');
  });

  test('a taken username is 409 CONFLICT; a weak password or an owner role is 400 and nothing is written', async () => {
    const owner = await ownerToken(emu);
    await apiOk(emu, 'POST', '/operators', { token: owner, body: { username: 'alice', password: STAFF_PASSWORD, role: 'operator' } });
    const taken = await api(emu, 'POST', '/operators', { token: owner, body: { username: 'alice', password: STAFF_PASSWORD, role: 'finance' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');
    for (const body of [
      { username: 'carol', password: 'short', role: 'operator' },
      { username: 'carol', password: STAFF_PASSWORD, role: 'owner' },
      { username: 'Carol Smith', password: STAFF_PASSWORD, role: 'operator' },
    ]) {
      const refused = await api(emu, 'POST', '/operators', { token: owner, body });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('INVALID_INPUT');
    }
    expect((await documents(emu, 'adminUsers')).map((user) => user._id).sort()).toEqual(['alice', 'owner']);
  });

  test('a password reset ends the sessions of that account and lets the new password in', async () => {
    const owner = await ownerToken(emu);
    const alice = await staffToken(emu, owner, 'operator', 'alice');
    await apiOk(emu, 'PUT', '/operators/alice/password', { token: owner, body: { password: 'brand-new-pw' } });
    expect((await api(emu, 'GET', '/me', { token: alice })).status).toBe(401);
    expect((await api(emu, 'POST', '/session', { body: { username: 'alice', password: STAFF_PASSWORD } })).status).toBe(401);
    expect(await signIn(emu, 'alice', 'brand-new-pw')).toEqual(expect.any(String));
    expect((await api(emu, 'PUT', '/operators/nobody/password', { token: owner, body: { password: 'brand-new-pw' } })).status).toBe(404);
  });

  test('roles: only the owner manages accounts, rules, store settings and reads the audit log', async () => {
    const owner = await ownerToken(emu);
    const operator = await staffToken(emu, owner, 'operator');
    const finance = await staffToken(emu, owner, 'finance');
    const refusals: Array<[string, string, string, unknown?]> = [
      [operator, 'GET', '/operators'],
      [operator, 'POST', '/operators', { username: 'eve', password: STAFF_PASSWORD, role: 'operator' }],
      [finance, 'PUT', '/operators/operator/password', { password: 'brand-new-pw' }],
      [operator, 'PUT', '/settings/distribution', { freezeDays: 10 }],
      [finance, 'PUT', '/settings/distribution', { freezeDays: 10 }],
      [operator, 'PUT', '/settings/store', { name: 'x' }],
      [operator, 'GET', '/audit-logs'],
      [finance, 'GET', '/audit-logs'],
      [operator, 'GET', '/withdrawals'],
      [operator, 'GET', '/withdrawals.csv'],
      [operator, 'POST', '/withdrawals/w1/approve'],
      [operator, 'POST', '/withdrawals/w1/reject', { reason: 'no' }],
      [operator, 'POST', '/withdrawals/w1/paid', { payoutReference: 'R1' }],
      [finance, 'POST', '/products', { title: 'x', priceFen: 100, stock: 1 }],
      [finance, 'PUT', '/products/p-mug', { stock: 1 }],
      [finance, 'POST', '/products/p-mug/shelf', { onShelf: false }],
      [finance, 'POST', '/orders/o1/ship', { carrier: 'SF', trackingNo: 'SF123456' }],
      [finance, 'POST', '/distributors/o-x/approve'],
    ];
    for (const [token, method, path, body] of refusals) {
      const answer = await api(emu, method, path, { token, body });
      expect([method, path, answer.status, answer.body.error?.code]).toEqual([method, path, 403, 'FORBIDDEN']);
    }
    // Reading the shop is open to every role.
    for (const token of [operator, finance]) {
      expect((await api(emu, 'GET', '/products', { token })).status).toBe(200);
      expect((await api(emu, 'GET', '/settings/distribution', { token })).status).toBe(200);
    }
    expect((await api(emu, 'GET', '/withdrawals', { token: finance })).status).toBe(200);
    const settings = await documents(emu, 'settings');
    expect(settings.filter((doc) => doc._id !== 'adminTokenSecret')).toEqual([]);
  });
});
