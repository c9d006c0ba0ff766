/**
 * adminApi sign-in, sessions, roles and operator accounts, over real HTTP at /api/admin on the emulator.
 */
import { demoData } from '../../database/seed';
import { useEmulator } from '../../emulator/test/support/emulator';
import { verifyPassword } from '../adminApi/passwords';
import { DECOY_HASH } from '../adminApi/auth';
import { apiFrom } from './support/admin-client';
import {
  advanceClock,
  api,
  apiOk,
  documents,
  OWNER_PASSWORD,
  ownerToken,
  seedShop,
  signIn,
  STAFF_PASSWORD,
  staffToken,
} from './support/admin-http';

const emu = useEmulator();
const MINUTE_MS = 60_000;

beforeEach(async () => {
  await seedShop(emu);
});

describe('demo data', () => {
  test('the owner account uses SHOP_ADMIN_PASSWORD, stored only as a scrypt hash', async () => {
    const [owner, ...others] = await documents(emu, 'adminUsers');
    expect(others).toEqual([]);
    expect(owner).toMatchObject({
      _id: 'owner',
      username: 'owner',
      role: 'owner',
      failedAttempts: 0,
      lockedUntil: null,
    });
    expect(owner.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(owner)).not.toContain(OWNER_PASSWORD);
  });

  test('without SHOP_ADMIN_PASSWORD a password is generated and given back once as a notice', async () => {
    const { collections, notices } = await demoData({ now: Date.now() });
    expect(notices).toHaveLength(1);
    const password = /^admin owner password: (\S+) \(set SHOP_ADMIN_PASSWORD to choose it\)$/.exec(
      notices[0] as string,
    )?.[1];
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

  test('a wrong password and an unknown user get the same status, code, message and body, byte for byte', async () => {
    const wrong = await apiFrom(emu, 'POST', '/session', {
      from: '127.0.0.11',
      body: { username: 'owner', password: 'nope-nope' },
    });
    const unknown = await apiFrom(emu, 'POST', '/session', {
      from: '127.0.0.12',
      body: { username: 'nobody', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.text).toBe(wrong.text);
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
  });

  test('an unknown user costs the same password work: the decoy hash has the parameters and sizes of a real one', async () => {
    const [owner] = await documents(emu, 'adminUsers');
    const shape = (hash: string) => {
      const [scheme, n, r, p, salt, key] = hash.split('$') as string[];
      return [
        scheme,
        n,
        r,
        p,
        Buffer.from(salt as string, 'base64').length,
        Buffer.from(key as string, 'base64').length,
      ];
    };
    expect(shape(DECOY_HASH)).toEqual(shape(owner.passwordHash));
  });

  test('no lockout: after many failures the owner signs in at once from another address, and the account is untouched', async () => {
    const attacker = '127.0.0.21';
    const answers: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const answer = await apiFrom(emu, 'POST', '/session', {
        from: attacker,
        body: { username: 'owner', password: `wrong-${attempt}` },
      });
      answers.push(answer.status);
      const retryAfter = Number(answer.headers['retry-after'] ?? 0);
      if (answer.status === 429) await advanceClock(emu, retryAfter * 1000);
    }
    expect(answers).not.toContain(423);
    expect(answers).toContain(429);
    // Even the right password waits at the attacker's address…
    const fromAttacker = await apiFrom(emu, 'POST', '/session', {
      from: attacker,
      body: { username: 'owner', password: OWNER_PASSWORD },
    });
    expect(fromAttacker.status).toBe(429);
    // …while the owner at another address is let in on the first try.
    const fromOwner = await apiFrom(emu, 'POST', '/session', {
      from: '127.0.0.22',
      body: { username: 'owner', password: OWNER_PASSWORD },
    });
    expect(fromOwner.status).toBe(200);
    expect(fromOwner.body.data.token).toEqual(expect.any(String));
    const [owner] = await documents(emu, 'adminUsers');
    expect(owner).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  test('failures from one address and account wait a doubling delay with a cap, as 429 with Retry-After, the same for a real and an unknown user', async () => {
    /** Tries wrong passwords, waiting out every refusal; the statuses seen, with each refusal's Retry-After. */
    async function waits(username: string, from: string): Promise<string[]> {
      const seen: string[] = [];
      while (seen.filter((step) => step === '401').length < 16) {
        const answer = await apiFrom(emu, 'POST', '/session', { from, body: { username, password: 'wrong-pw' } });
        if (answer.status !== 429) {
          seen.push(String(answer.status));
          continue;
        }
        const retryAfter = Number(answer.headers['retry-after']);
        expect(answer.body).toEqual({
          ok: false,
          error: {
            code: 'UNAUTHENTICATED',
            message: expect.any(String),
            details: { reason: 'throttled', retryAfterSeconds: retryAfter },
          },
        });
        seen.push(`429:${retryAfter}`);
        await advanceClock(emu, retryAfter * 1000);
      }
      return seen;
    }
    const real = await waits('owner', '127.0.0.31');
    const unknown = await waits('nobody', '127.0.0.32');
    expect(unknown).toEqual(real);
    // Four failures before any wait (the fourth starts it), then 1 s doubling per failure up to the 15-minute cap.
    expect(real.slice(0, 5)).toEqual(['401', '401', '401', '401', '429:1']);
    const delays = real.filter((step) => step.startsWith('429')).map((step) => Number(step.slice(4)));
    expect(delays.slice(0, 10)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(delays.slice(10)).toEqual([900, 900]);
    // Two flows of sixteen failures, each scrypt-checked: longer than the default timeout on a busy machine.
  }, 120_000);

  test('one address trying many accounts is slowed too, and another address is not', async () => {
    const from = '127.0.0.41';
    for (let name = 1; name <= 10; name++) {
      expect(
        (await apiFrom(emu, 'POST', '/session', { from, body: { username: `guess${name}`, password: 'wrong-pw' } }))
          .status,
      ).toBe(401);
    }
    expect(
      (await apiFrom(emu, 'POST', '/session', { from, body: { username: 'guess11', password: 'wrong-pw' } })).status,
    ).toBe(401);
    const fresh = await apiFrom(emu, 'POST', '/session', { from, body: { username: 'guess12', password: 'wrong-pw' } });
    expect(fresh.status).toBe(429);
    expect(
      (
        await apiFrom(emu, 'POST', '/session', {
          from: '127.0.0.42',
          body: { username: 'guess12', password: 'wrong-pw' },
        })
      ).status,
    ).toBe(401);
  });

  test("a success forgets that account's failures from the address", async () => {
    const from = '127.0.0.51';
    for (let attempt = 1; attempt <= 3; attempt++)
      await apiFrom(emu, 'POST', '/session', { from, body: { username: 'owner', password: 'wrong-pw' } });
    expect(
      (await apiFrom(emu, 'POST', '/session', { from, body: { username: 'owner', password: OWNER_PASSWORD } })).status,
    ).toBe(200);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(
        (await apiFrom(emu, 'POST', '/session', { from, body: { username: 'owner', password: 'wrong-pw' } })).status,
      ).toBe(401);
    }
    expect(
      (await apiFrom(emu, 'POST', '/session', { from, body: { username: 'owner', password: OWNER_PASSWORD } })).status,
    ).toBe(200);
  });

  test('failed sign-ins reach the audit log: one record per address per 10 minutes, with the count and the names tried', async () => {
    const from = '127.0.0.61';
    const names = ['owner', 'nobody', 'admin', '<img src=x onerror=alert(1)>'];
    for (const username of names)
      await apiFrom(emu, 'POST', '/session', { from, body: { username, password: 'wrong-pw' } });
    await apiFrom(emu, 'POST', '/session', { from, body: { username: 'owner', password: 'wrong-again' } });
    await apiFrom(emu, 'POST', '/session', { from: '127.0.0.62', body: { username: 'owner', password: 'wrong-pw' } });
    const token = await ownerToken(emu);
    const first = await apiOk(emu, 'GET', '/audit-logs?action=session.signInFailed', { token });
    expect(first.items).toHaveLength(2);
    const mine = first.items.find((entry: any) => entry.target === `clientAddress/${from}`);
    expect(mine).toMatchObject({
      action: 'session.signInFailed',
      before: null,
      after: { clientAddress: from, failures: 5 },
    });
    // Anything that cannot be a username (it may be a password typed in the wrong box) is not stored as typed.
    expect(mine.after.usernames).toEqual(['owner', 'nobody', 'admin', expect.not.stringContaining('<')]);

    await advanceClock(emu, 10 * MINUTE_MS);
    await apiFrom(emu, 'POST', '/session', { from, body: { username: 'nobody', password: 'wrong-pw' } });
    const later = await apiOk(emu, 'GET', '/audit-logs?action=session.signInFailed', { token: await ownerToken(emu) });
    expect(
      later.items
        .filter((entry: any) => entry.target === `clientAddress/${from}`)
        .map((entry: any) => entry.after.failures),
    ).toEqual([1, 5]);
  });

  test('sign-in input is validated strictly', async () => {
    const extra = await api(emu, 'POST', '/session', {
      body: { username: 'owner', password: OWNER_PASSWORD, role: 'owner' },
    });
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
    expect(answer.body).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: { reason: 'bad-signature' } },
    });
  });

  test('a token ends after 30 minutes without use; use renews it, but never past 12 hours from sign-in', async () => {
    const idle = await ownerToken(emu);
    const used = await ownerToken(emu);
    await advanceClock(emu, 29 * MINUTE_MS);
    expect((await api(emu, 'GET', '/me', { token: used })).status).toBe(200);
    await advanceClock(emu, 2 * MINUTE_MS);
    const expired = await api(emu, 'GET', '/me', { token: idle });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'expired' } });
    for (let elapsed = 31; elapsed < 12 * 60 - 20; elapsed += 20) {
      expect((await api(emu, 'GET', '/me', { token: used })).status).toBe(200);
      await advanceClock(emu, 20 * MINUTE_MS);
    }
    await advanceClock(emu, 20 * MINUTE_MS);
    const capped = await api(emu, 'GET', '/me', { token: used });
    expect(capped.status).toBe(401);
    expect(capped.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'expired' } });
  });

  test('an unknown route is 404 NOT_FOUND in the envelope (tcb-router alone would answer nothing)', async () => {
    const token = await ownerToken(emu);
    for (const [method, path] of [
      ['GET', '/nope'],
      ['DELETE', '/products'],
      ['GET', '/orders/x/y/z'],
    ] as const) {
      const answer = await api(emu, method, path, { token });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('operator accounts and roles', () => {
  test('the owner creates operator and finance accounts, lists them without hashes; each change is audited', async () => {
    const owner = await ownerToken(emu);
    const created = await apiOk(emu, 'POST', '/operators', {
      token: owner,
      body: { username: 'alice', password: STAFF_PASSWORD, role: 'operator' },
    });
    expect(created).toEqual({ username: 'alice', role: 'operator' });
    await apiOk(emu, 'POST', '/operators', {
      token: owner,
      body: { username: 'bob', password: STAFF_PASSWORD, role: 'finance' },
    });
    const list = await apiOk(emu, 'GET', '/operators', { token: owner });
    expect(list.items.map((user: any) => [user.username, user.role])).toEqual([
      ['owner', 'owner'],
      ['alice', 'operator'],
      ['bob', 'finance'],
    ]);
    expect(JSON.stringify(list)).not.toContain('scrypt');
    const me = await apiOk(emu, 'GET', '/me', { token: await signIn(emu, 'alice', STAFF_PASSWORD) });
    expect(me).toEqual({ username: 'alice', role: 'operator' });

    const logs = await apiOk(emu, 'GET', '/audit-logs', { token: owner });
    const creations = logs.items.filter((entry: any) => entry.action === 'operator.create');
    expect(creations).toHaveLength(2);
    expect(creations[1]).toMatchObject({
      actor: 'owner',
      target: 'adminUsers/alice',
      before: null,
      after: { username: 'alice', role: 'operator' },
    });
    expect(JSON.stringify(logs)).not.toContain('scrypt');
  });

  test('a taken username is 409 CONFLICT; a weak password or an owner role is 400 and nothing is written', async () => {
    const owner = await ownerToken(emu);
    await apiOk(emu, 'POST', '/operators', {
      token: owner,
      body: { username: 'alice', password: STAFF_PASSWORD, role: 'operator' },
    });
    const taken = await api(emu, 'POST', '/operators', {
      token: owner,
      body: { username: 'alice', password: STAFF_PASSWORD, role: 'finance' },
    });
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
    expect((await api(emu, 'POST', '/session', { body: { username: 'alice', password: STAFF_PASSWORD } })).status).toBe(
      401,
    );
    expect(await signIn(emu, 'alice', 'brand-new-pw')).toEqual(expect.any(String));
    expect(
      (await api(emu, 'PUT', '/operators/nobody/password', { token: owner, body: { password: 'brand-new-pw' } }))
        .status,
    ).toBe(404);
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
