/**
 * Personal data through the real functions on the emulator: sealed at rest (read raw through /_emulator/db),
 * masked in every list, the full address only on one order for the roles that ship (audited), erasure on request
 * that keeps the money facts, key rotation across a restart, and no openid (or piece of one) on another shopper's
 * screen.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator/src/emulator';
import { useEmulator, type EmulatorHandle } from '../../emulator/test/support/emulator';
import schema from '../../database/collections.json';
import { api, apiOk, documents, ownerToken, seedShop, staffToken } from './support/admin-http';
import { byId, expectLedgerClean } from './support/commerce';
import { ADDRESS, becomeDistributor, ok, pay, placeOrder } from './support/shopper';

// An explicit key, so a SHOP_DATA_KEY in the developer's shell cannot change what the tests see.
const emu = useEmulator({ dataKey: `k1:${randomBytes(32).toString('base64')}` });
let owner: string;

/** Long openids, so a leaked fragment (the last four characters) would be recognisable. */
const A = 'oAlice-7Hq2Zk9WmXv4';
const B = 'oBruno-Lp3Rt8YcNd6Q';
const S = 'oShopper-Tz5Ug1Fj';
const APPLICANT = 'oApplicant-Wm7Kq';
const APPLICATION = { name: '李四光', phone: '13912345678', reason: '想推广' };
/** Every piece of personal text the tests write; none may appear in a raw document. */
const SECRETS = [
  ADDRESS.userName,
  ADDRESS.telNumber,
  ADDRESS.detailInfo,
  APPLICATION.name,
  APPLICATION.phone,
  '小明同学',
  'avatar-xm.png',
];

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
});

async function everyCollection(handle: EmulatorHandle = emu): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const name of Object.keys(schema.collections)) dump[name] = await documents(handle, name);
  return dump;
}

/** A invited B, B invited S (who has a nickname and avatar); S bought 2 × p-nuts and paid. */
async function soldToS(): Promise<string> {
  await emu.emulator.services.db.seed('users', [
    {
      _id: S,
      createdAt: Date.now(),
      inviterOpenid: null,
      boundAt: null,
      bindingSource: null,
      paidOrderCount: 0,
      nickname: '小明同学',
      avatarUrl: 'avatar-xm.png',
    },
  ]);
  const codeA = await becomeDistributor(emu, A);
  await ok(emu, 'bindInviter', { inviterCode: codeA }, B);
  const codeB = await becomeDistributor(emu, B);
  await ok(emu, 'bindInviter', { inviterCode: codeB }, S);
  const order = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 2 }]);
  await pay(emu, order.outTradeNo);
  return order.orderId;
}

/** Recruitment by approval just long enough to apply (instances are recycled: they cache the rules a few seconds). */
async function applicationFiled(): Promise<void> {
  await apiOk(emu, 'PUT', '/settings/distribution', { token: owner, body: { recruitment: 'approval' } });
  await emu.emulator.services.functions.reload('distributorCenter');
  expect(await ok(emu, 'distributorCenter', { $url: 'apply', ...APPLICATION }, APPLICANT)).toEqual({
    status: 'applied',
  });
  await apiOk(emu, 'PUT', '/settings/distribution', { token: owner, body: { recruitment: 'open' } });
  await emu.emulator.services.functions.reload('distributorCenter');
}

function expectNoSecrets(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

test('at rest: no name, phone, address, nickname-free of plaintext in any raw document; sealed under the key id', async () => {
  const orderId = await soldToS();
  await applicationFiled();
  const raw = await everyCollection();
  // The seeded nickname is the shopper's public name and stays readable until erased; the rest must not.
  const text = JSON.stringify(raw).replaceAll('小明同学', '').replaceAll('avatar-xm.png', '');
  expectNoSecrets(text);
  const order = (raw.orders as any[]).find((doc) => doc._id === orderId);
  expect(order.address).toEqual({
    sealed: expect.stringMatching(/^pd1\.k1\./),
    phoneHash: expect.stringMatching(/^k1:[0-9a-f]{64}$/),
  });
  const applicant = (raw.distributors as any[]).find((doc) => doc._id === APPLICANT);
  expect(applicant.application).toMatchObject({
    name: expect.stringMatching(/^pd1\./),
    phone: expect.stringMatching(/^pd1\./),
    reason: '想推广',
  });
  // The same phone under the same key hashes the same, wherever it is stored (a lookup by phone).
  await ok(
    emu,
    'placeOrder',
    { requestId: 'second-order-1', items: [{ productId: 'p-mug', quantity: 1 }], address: ADDRESS },
    S,
  );
  const hashes = new Set((await documents(emu, 'orders')).map((doc: any) => doc.address.phoneHash));
  expect(hashes.size).toBe(1);
});

test('lists mask: admin orders, CSV, applications, distributors, member tree; the shopper list too', async () => {
  const orderId = await soldToS();
  await applicationFiled();
  const masked = {
    userName: '张*',
    telNumber: '138****8000',
    provinceName: '广东省',
    cityName: '广州市',
    countyName: '海珠区',
    detailInfo: '',
  };
  for (const role of ['operator', 'finance'] as const) {
    const token = await staffToken(emu, owner, role);
    if (role === 'operator') {
      const orders = await apiOk(emu, 'GET', '/orders', { token });
      expect(orders.items.find((o: any) => o._id === orderId).address).toEqual(masked);
      // The buyer is named by their public nickname (people), nothing else of theirs.
      expect(orders.people[S]).toEqual({ openid: S, nickname: '小明同学' });
      expectNoSecrets(JSON.stringify(orders).replaceAll('"nickname":"小明同学"', ''));
      const csv = await api(emu, 'GET', '/orders.csv', { token });
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('138****8000');
      expect(csv.text).toContain('广东省广州市海珠区');
      expectNoSecrets(csv.text);
      const shipped = await apiOk(emu, 'POST', `/orders/${orderId}/ship`, {
        token,
        body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
      });
      expect(shipped.address).toEqual(masked);
    }
  }
  const applications = await apiOk(emu, 'GET', '/distributors/applications', { token: owner });
  expect(applications.items[0].application).toEqual({
    name: '李*',
    phone: '139****5678',
    reason: '想推广',
    at: expect.any(Number),
  });
  const distributors = await apiOk(emu, 'GET', '/distributors', { token: owner });
  // Found by phone through the keyed hash beside the sealed phone.
  const byPhone = await apiOk(emu, 'GET', '/distributors?q=139-1234-5678', { token: owner });
  expect(byPhone.items.map((d: any) => d._id)).toEqual([APPLICANT]);
  expect((await apiOk(emu, 'GET', '/distributors?q=13912345679', { token: owner })).items).toEqual([]);
  const tree = await apiOk(emu, 'GET', `/members/${APPLICANT}/tree`, { token: owner });
  expect(tree.distributor.application.phone).toBe('139****5678');
  const members = await apiOk(emu, 'GET', '/members', { token: owner });
  const approved = await apiOk(emu, 'POST', `/distributors/${APPLICANT}/approve`, { token: owner });
  expect(approved.application.name).toBe('李*');
  for (const answer of [applications, distributors, tree, members, approved])
    expectNoSecrets(JSON.stringify(answer).replaceAll('小明同学', '').replaceAll('avatar-xm.png', ''));
  // The audit log of the decision holds the sealed application, not the plaintext.
  expectNoSecrets(JSON.stringify(await apiOk(emu, 'GET', '/audit-logs', { token: owner })));

  const mine = await ok(emu, 'orders', { $url: 'list' }, S);
  expect(mine.orders[0].address).toEqual(masked);
  // Their own order, one at a time: in full, as the mini program shows it.
  expect((await ok(emu, 'orders', { $url: 'detail', orderId }, S)).address).toMatchObject(ADDRESS);
});

test('orders written in plain text before encryption still read: masked in lists, in full on the detail', async () => {
  const orderId = await soldToS();
  const sealed = (await documents(emu, 'orders')).find((doc: any) => doc._id === orderId);
  const legacy = {
    ...sealed,
    _id: 'legacy-order-0001',
    outTradeNo: 'Olegacy',
    requestId: 'legacy-request',
    address: { ...ADDRESS },
  };
  await emu.request('POST', '/_emulator/db/orders', { documents: [legacy] });
  const list = await apiOk(emu, 'GET', '/orders', { token: owner });
  expect(list.items.find((o: any) => o._id === legacy._id).address).toMatchObject({
    userName: '张*',
    telNumber: '138****8000',
    detailInfo: '',
  });
  expect((await apiOk(emu, 'GET', `/orders/${legacy._id}`, { token: owner })).order.address).toMatchObject(ADDRESS);
  expect((await ok(emu, 'orders', { $url: 'detail', orderId: legacy._id }, S)).address).toMatchObject(ADDRESS);
});

test('the full address only on one order, for the roles that ship, each view audited', async () => {
  const orderId = await soldToS();
  const operator = await staffToken(emu, owner, 'operator');
  const finance = await staffToken(emu, owner, 'finance');
  const audited = async () => (await apiOk(emu, 'GET', '/audit-logs?action=order.viewAddress', { token: owner })).items;

  expect((await apiOk(emu, 'GET', `/orders/${orderId}`, { token: operator })).order.address).toMatchObject(ADDRESS);
  expect(await audited()).toEqual([
    expect.objectContaining({
      actor: 'operator',
      action: 'order.viewAddress',
      target: `orders/${orderId}`,
      before: null,
      after: null,
    }),
  ]);
  expect((await apiOk(emu, 'GET', `/orders/${orderId}`, { token: owner })).order.address).toMatchObject(ADDRESS);
  expect((await audited()).map((entry: any) => entry.actor)).toEqual(['owner', 'operator']);

  const forFinance = await apiOk(emu, 'GET', `/orders/${orderId}`, { token: finance });
  expect(forFinance.order.address).toEqual(
    expect.objectContaining({ userName: '张*', telNumber: '138****8000', detailInfo: '' }),
  );
  // The buyer is named by their public nickname (people), as on every operator screen; nothing else of theirs.
  expect(forFinance.people[S]).toEqual({ openid: S, nickname: '小明同学' });
  expectNoSecrets(JSON.stringify(forFinance).replaceAll('"nickname":"小明同学"', ''));
  expect(await audited()).toHaveLength(2);
  // A missing order reads nothing and records nothing.
  expect((await api(emu, 'GET', '/orders/nope', { token: operator })).status).toBe(404);
  expect(await audited()).toHaveLength(2);
});

test('erasure on request (owner only): personal data gone, money facts and the ledger untouched, audited, repeatable', async () => {
  const orderId = await soldToS();
  await applicationFiled();
  const operator = await staffToken(emu, owner, 'operator');
  const before = await everyCollection();
  expect((await api(emu, 'POST', `/members/${S}/erase`, { token: operator, body: {} })).status).toBe(403);
  expect(
    (await api(emu, 'POST', `/members/${S}/erase`, { token: owner, body: { reason: '<b>用户来电</b>', extra: 1 } }))
      .status,
  ).toBe(400);
  expect(await everyCollection()).toEqual(before);

  const report = await apiOk(emu, 'POST', `/members/${S}/erase`, {
    token: owner,
    body: { reason: '用户来电要求删除' },
  });
  expect(report).toEqual({ openid: S, user: true, distributor: false, orders: 1 });
  await apiOk(emu, 'POST', `/members/${APPLICANT}/erase`, { token: owner, body: {} });

  const after = await everyCollection();
  expectNoSecrets(JSON.stringify(after));
  for (const collection of [
    'commissions',
    'ledgerEntries',
    'balances',
    'withdrawals',
    'afterSales',
    'products',
    'bindings',
  ]) {
    expect(after[collection]).toEqual(before[collection]);
  }
  const { address: erased, ...moneyFacts } = (after.orders as any[]).find((doc) => doc._id === orderId);
  const { address: _sealed, ...moneyBefore } = (before.orders as any[]).find((doc) => doc._id === orderId);
  expect(erased).toEqual({ erasedAt: expect.any(Number) });
  expect(moneyFacts).toEqual(moneyBefore);
  const user = await byId(emu, 'users', S);
  expect(user).not.toHaveProperty('nickname');
  expect(user).not.toHaveProperty('avatarUrl');
  expect(user).toMatchObject({ erasedAt: expect.any(Number), inviterOpenid: B, paidOrderCount: 1 });
  expect((await byId(emu, 'distributors', APPLICANT)).application).toEqual({
    name: '',
    phone: '',
    reason: '',
    at: expect.any(Number),
  });
  await expectLedgerClean(emu);

  expect((await ok(emu, 'orders', { $url: 'detail', orderId }, S)).address).toMatchObject({
    userName: '已删除',
    telNumber: '',
  });
  expect((await apiOk(emu, 'GET', `/orders/${orderId}`, { token: owner })).order).toMatchObject({
    totalFen: 19800,
    address: { userName: '已删除' },
  });
  const erasures = (await apiOk(emu, 'GET', '/audit-logs?action=member.erase', { token: owner })).items;
  expect(erasures.map((entry: any) => [entry.actor, entry.target])).toEqual([
    ['owner', `members/${APPLICANT}`],
    ['owner', `members/${S}`],
  ]);
  expect(erasures[1].after).toMatchObject({ orders: 1, reason: '用户来电要求删除' });

  expect(await apiOk(emu, 'POST', `/members/${S}/erase`, { token: owner, body: {} })).toMatchObject({ orders: 0 });
  expect((await api(emu, 'POST', '/members/o-nobody/erase', { token: owner, body: {} })).status).toBe(404);
});

test('no shopper sees another openid or a piece of it: ranking, team, and every answer of the flow', async () => {
  const answers: unknown[] = [];
  const call = async (fn: string, data: object, openid: string) => {
    const answer = await ok(emu, fn, data, openid);
    answers.push(answer);
    return answer;
  };
  const orderId = await soldToS();
  answers.push(await call('orders', { $url: 'detail', orderId }, S));
  for (const who of [A, B, S]) {
    await call('distributorCenter', { $url: 'summary' }, who);
    await call('distributorCenter', { $url: 'ranking' }, who);
    await call('distributorCenter', { $url: 'team', level: 1 }, who);
    await call('distributorCenter', { $url: 'team', level: 2 }, who);
    await call('distributorCenter', { $url: 'entries' }, who);
    await call('distributorCenter', { $url: 'frozen' }, who);
    await call('shop', { $url: 'product', id: 'p-nuts' }, who);
    await call('orders', { $url: 'list' }, who);
  }
  const ranking = await call('distributorCenter', { $url: 'ranking' }, S);
  expect(ranking.map((row: any) => row.nickname)).toEqual(['微信用户', '微信用户']);
  expect(ranking.map((row: any) => Object.keys(row).sort())).toEqual([
    ['earnedFen', 'isMe', 'nickname', 'rank'],
    ['earnedFen', 'isMe', 'nickname', 'rank'],
  ]);
  const team = await call('distributorCenter', { $url: 'team', level: 1 }, B);
  expect(team.members).toEqual([{ nickname: '小*', joinedAt: expect.any(Number) }]);
  const text = JSON.stringify(answers);
  for (const openid of [A, B, S]) {
    for (let start = 0; start + 4 <= openid.length; start++) expect(text).not.toContain(openid.slice(start, start + 4));
  }
});

describe('the data key', () => {
  const key = () => randomBytes(32).toString('base64');

  test('a persistent emulator makes one in its data folder, owner-only, and keeps it across restarts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'data-key-'));
    const saved = process.env.SHOP_DATA_KEY;
    delete process.env.SHOP_DATA_KEY;
    try {
      const first = await startEmulator({ port: 0, dataDir: dir });
      await first.close();
      const file = path.join(dir, 'data-key');
      const written = readFileSync(file, 'utf8').trim();
      expect(written).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
      expect(statSync(file).mode & 0o077).toBe(0);
      const second = await startEmulator({ port: 0, dataDir: dir });
      expect(second.services.context.functionSecrets?.SHOP_DATA_KEY).toBe(written);
      await second.close();
    } finally {
      if (saved !== undefined) process.env.SHOP_DATA_KEY = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rotation: orders sealed under k1 still read once k2 leads; new ones are sealed under k2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'data-key-rotation-'));
    const k1 = `k1:${key()}`;
    const k2 = `k2:${key()}`;
    const handle = (emulator: Awaited<ReturnType<typeof startEmulator>>): EmulatorHandle => {
      const request = async (method: string, route: string, body?: unknown) => {
        const response = await fetch(`${emulator.url}${route}`, {
          method,
          headers: body === undefined ? undefined : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as any };
      };
      return {
        url: emulator.url,
        emulator,
        request,
        call: (name, data = {}, openid) =>
          request('POST', `/_emulator/functions/${name}`, { data, ...(openid ? { openid } : {}) }),
      };
    };
    try {
      const before = await startEmulator({ port: 0, dataDir: dir, dataKey: k1 });
      const old = handle(before);
      await before.services.reset({ seed: true });
      const first = await placeOrder(old, S, [{ productId: 'p-nuts', quantity: 1 }]);
      await before.close();

      const after = await startEmulator({ port: 0, dataDir: dir, dataKey: `${k2},${k1}` });
      const rotated = handle(after);
      try {
        expect((await ok(rotated, 'orders', { $url: 'detail', orderId: first.orderId }, S)).address).toMatchObject(
          ADDRESS,
        );
        const second = await placeOrder(rotated, S, [{ productId: 'p-mug', quantity: 1 }]);
        const raw = await documents(rotated, 'orders');
        const sealedUnder = (id: string) => raw.find((doc: any) => doc._id === id).address.sealed.split('.')[1];
        expect([sealedUnder(first.orderId), sealedUnder(second.orderId)]).toEqual(['k1', 'k2']);
        expect((await ok(rotated, 'orders', { $url: 'detail', orderId: second.orderId }, S)).address).toMatchObject(
          ADDRESS,
        );
      } finally {
        await after.close();
      }
      // Without the old key the old order cannot be read: the function answers INTERNAL, it never guesses.
      const dropped = await startEmulator({ port: 0, dataDir: dir, dataKey: k2 });
      try {
        const { body } = await handle(dropped).call('orders', { $url: 'detail', orderId: first.orderId }, S);
        expect(body.result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      } finally {
        await dropped.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
