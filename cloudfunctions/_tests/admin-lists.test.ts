/**
 * The members, distributors, withdrawals and refunds lists at size: keyset pages (`cursor`, `limit` →
 * `{items, nextCursor, total?}`) through the real admin API, every filter answered by an index. 120 documents of
 * each (more than the no-table-scan threshold the suite runs with, so a scan fails the request outright), walked page
 * by page against the order the route promises, with the emulator's stats showing no scan. The older
 * `page`/`pageSize` answer keeps working, and forged cursors are refused.
 */
import { AFTER_SALE_STATES, DISTRIBUTOR_STATES, WITHDRAWAL_STATES } from '../../contract/src/states';
import { TEST_NO_TABLE_SCAN_ABOVE, useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, documents, ownerToken, seedShop } from './support/admin-http';

const emu = useEmulator({}, { resetBeforeEach: false });
let owner: string;
const N = 120;
const T0 = Date.UTC(2026, 4, 1);
const INVITER_A = 'o-list-inviter-a';
const REQUESTERS = ['o-list-d-0000', 'o-list-d-0001', 'o-list-d-0002', 'o-list-d-0003'];
const ORDERS = ['ord-list-a', 'ord-list-b', 'ord-list-c'];

const pad = (i: number) => String(i).padStart(4, '0');
/** Two documents share each creation time, so the `_id` tie-break is exercised. */
const createdAt = (i: number) => T0 + Math.floor(i / 2) * 60_000;

type Doc = Record<string, any> & { _id: string; createdAt: number };
const all: Record<'users' | 'distributors' | 'withdrawals' | 'afterSales', Doc[]> = {
  users: [],
  distributors: [],
  withdrawals: [],
  afterSales: [],
};

beforeAll(async () => {
  expect(N).toBeGreaterThan(TEST_NO_TABLE_SCAN_ABOVE);
  await seedShop(emu);
  owner = await ownerToken(emu);
  const seeds: Record<keyof typeof all, Doc[]> = {
    users: Array.from({ length: N }, (_, i) => ({
      _id: `o-list-u-${pad(i)}`,
      createdAt: createdAt(i),
      // One member in three was invited by A; one in four has a nickname starting 蜂.
      ...(i % 3 === 0 ? { inviterOpenid: INVITER_A, boundAt: createdAt(i), bindingSource: 'share' } : {}),
      nickname: i % 4 === 0 ? `蜂蜜${i}` : `会员${i}`,
    })),
    distributors: Array.from({ length: N }, (_, i) => ({
      _id: `o-list-d-${pad(i)}`,
      status: DISTRIBUTOR_STATES[i % DISTRIBUTOR_STATES.length],
      inviteCode: `LST${pad(i)}`,
      createdAt: createdAt(i),
    })),
    withdrawals: Array.from({ length: N }, (_, i) => ({
      _id: `w-list-${pad(i)}`,
      openid: REQUESTERS[i % REQUESTERS.length],
      requestId: `list-${pad(i)}`,
      amountFen: 1000 + i,
      feeFen: 0,
      netFen: 1000 + i,
      status: WITHDRAWAL_STATES[i % WITHDRAWAL_STATES.length],
      attempt: 1,
      createdAt: createdAt(i),
    })),
    afterSales: Array.from({ length: N }, (_, i) => ({
      _id: `as-list-${pad(i)}`,
      orderId: ORDERS[i % ORDERS.length],
      buyerOpenid: 'o-list-buyer',
      line: 0,
      quantity: 1,
      reason: '<b>不想要了</b>',
      status: AFTER_SALE_STATES[i % AFTER_SALE_STATES.length],
      refundFen: null,
      outRefundNo: `rf-list-${pad(i)}`,
      createdAt: createdAt(i),
    })),
  };
  for (const [collection, docs] of Object.entries(seeds)) {
    await emu.request('POST', `/_emulator/db/${collection}`, { documents: docs });
    // With the demo shop's own documents: the lists must show those too.
    all[collection as keyof typeof all] = await documents(emu, collection);
  }
}, 120_000);

function sorted(docs: Doc[], direction: 'asc' | 'desc'): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...docs]
    .sort((a, b) => sign * (a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)))
    .map((doc) => doc._id);
}

/** Every page of a keyset walk: the ids in the order served, the first page's total, and the scans it caused. */
async function walk(route: string, query: string, limit: number) {
  await emu.request('POST', '/_emulator/stats/reset');
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total: number | undefined;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: any = await apiOk(emu, 'GET', `/${route}?limit=${limit}${query}${suffix}`, { token: owner });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
    ids.push(...page.items.map((item: { _id: string }) => item._id));
    if (pages === 0) total = page.total;
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 200);
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  const examined = (collection: string) =>
    (stats.breakdown as Array<{ collection: string; documentsExamined: number }>)
      .filter((row) => row.collection === collection)
      .reduce((sum, row) => sum + row.documentsExamined, 0);
  return { ids, pages, total, scans: stats.scans.total as number, recent: stats.scans.recent, examined };
}

const COLLECTION_OF: Record<string, keyof typeof all> = {
  members: 'users',
  distributors: 'distributors',
  withdrawals: 'withdrawals',
  refunds: 'afterSales',
};

/** Walks `route` with `query` and checks it against `expected`: each once, none missing, in order, no scan. */
async function expectWalk(
  route: string,
  query: string,
  expected: string[],
  limit: number,
  { total = true }: { total?: boolean } = {},
) {
  const result = await walk(route, query, limit);
  expect({ route, query, scans: result.scans, recent: result.recent }).toEqual({
    route,
    query,
    scans: 0,
    recent: [],
  });
  expect(new Set(result.ids).size).toBe(result.ids.length);
  expect(result.ids).toEqual(expected);
  expect(result.pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
  if (total) expect(result.total).toBe(expected.length);
  else expect(result.total).toBeUndefined();
  if (!query.includes('q=')) {
    // Read in the index's order, each page examines its rows, the one after them, and at the cursor the row it names
    // and its tie (two rows share each time); the members list also reads each row's member and inviter as people.
    // Sorting the filter's rows in memory instead would read all of them for every page.
    const perPage = limit + 3 + (route === 'members' ? 2 * limit : 0);
    const examined = result.examined(COLLECTION_OF[route] as string);
    expect({ route, query, examined, inIndexOrder: examined <= result.pages * perPage }).toEqual({
      route,
      query,
      examined,
      inIndexOrder: true,
    });
  }
}

describe('keyset lists walk every row once, in order, without a scan', () => {
  test('members: newest first, by inviter, by nickname beginning', async () => {
    const users = all.users;
    await expectWalk('members', '', sorted(users, 'desc'), 25);
    const invited = users.filter((user) => user.inviterOpenid === INVITER_A);
    await expectWalk('members', `&inviter=${INVITER_A}`, sorted(invited, 'desc'), 7);
    const bees = users.filter((user) => String(user.nickname ?? '').startsWith('蜂'));
    expect(bees.length).toBeGreaterThanOrEqual(30);
    // The people search answers at most 50 people: the 30 here all fit.
    await expectWalk('members', `&q=${encodeURIComponent('蜂')}`, sorted(bees, 'desc'), 8);
    const both = bees.filter((user) => user.inviterOpenid === INVITER_A);
    await expectWalk('members', `&q=${encodeURIComponent('蜂')}&inviter=${INVITER_A}`, sorted(both, 'desc'), 4);
    await expectWalk('members', '&q=o-list-u-0042', ['o-list-u-0042'], 5);
  });

  test('distributors: newest first, each status tab, by invite code or openid', async () => {
    const distributors = all.distributors;
    await expectWalk('distributors', '', sorted(distributors, 'desc'), 30);
    for (const status of DISTRIBUTOR_STATES) {
      const inStatus = distributors.filter((doc) => doc.status === status);
      await expectWalk('distributors', `&status=${status}`, sorted(inStatus, 'desc'), 9);
    }
    await expectWalk('distributors', '&q=lst0007', ['o-list-d-0007'], 5);
    await expectWalk('distributors', '&q=o-list-d-0008&status=applied', ['o-list-d-0008'], 5);
    await expectWalk('distributors', '&q=o-list-d-0009&status=applied', [], 5);
  });

  test('withdrawals: oldest first, by status, distributor, both, and creation range', async () => {
    const withdrawals = all.withdrawals;
    await expectWalk('withdrawals', '', sorted(withdrawals, 'asc'), 25);
    const requester = REQUESTERS[1] as string;
    for (const status of WITHDRAWAL_STATES) {
      const inStatus = withdrawals.filter((doc) => doc.status === status);
      await expectWalk('withdrawals', `&status=${status}`, sorted(inStatus, 'asc'), 7);
    }
    const mine = withdrawals.filter((doc) => doc.openid === requester);
    await expectWalk('withdrawals', `&openid=${requester}`, sorted(mine, 'asc'), 6);
    const minePaid = mine.filter((doc) => doc.status === 'paid');
    await expectWalk('withdrawals', `&openid=${requester}&status=paid`, sorted(minePaid, 'asc'), 2);
    const from = createdAt(20);
    const to = createdAt(80);
    const ranged = withdrawals.filter((doc) => doc.createdAt >= from && doc.createdAt < to);
    // A count over a range would walk it: a keyset page over a range carries no total.
    await expectWalk('withdrawals', `&from=${from}&to=${to}`, sorted(ranged, 'asc'), 11, { total: false });
    const rangedRequested = ranged.filter((doc) => doc.status === 'requested');
    await expectWalk('withdrawals', `&from=${from}&to=${to}&status=requested`, sorted(rangedRequested, 'asc'), 3, {
      total: false,
    });
    const rangedMine = ranged.filter((doc) => doc.openid === requester && doc.status === 'rejected');
    await expectWalk(
      'withdrawals',
      `&from=${from}&to=${to}&openid=${requester}&status=rejected`,
      sorted(rangedMine, 'asc'),
      2,
      { total: false },
    );
  });

  test('refunds: oldest first, by status, order, and both', async () => {
    const afterSales = all.afterSales;
    await expectWalk('refunds', '', sorted(afterSales, 'asc'), 25);
    for (const status of AFTER_SALE_STATES) {
      const inStatus = afterSales.filter((doc) => doc.status === status);
      await expectWalk('refunds', `&status=${status}`, sorted(inStatus, 'asc'), 6);
    }
    const order = ORDERS[2] as string;
    const ofOrder = afterSales.filter((doc) => doc.orderId === order);
    await expectWalk('refunds', `&orderId=${order}`, sorted(ofOrder, 'asc'), 9);
    const requested = ofOrder.filter((doc) => doc.status === 'requested');
    await expectWalk('refunds', `&orderId=${order}&status=requested`, sorted(requested, 'asc'), 2);
  });
});

describe('the older page/pageSize answer', () => {
  test.each([
    ['members', '', 'desc'],
    ['distributors', '&status=approved', 'desc'],
    ['withdrawals', '&status=paid', 'asc'],
    ['refunds', '', 'asc'],
  ] as const)('%s%s: a numbered page with its total, and the cursor after it', async (route, query, direction) => {
    await emu.request('POST', '/_emulator/stats/reset');
    const collection = route === 'members' ? 'users' : route === 'refunds' ? 'afterSales' : route;
    const status = /status=(\w+)/.exec(query)?.[1];
    const expected = sorted(
      all[collection].filter((doc) => !status || doc.status === status),
      direction,
    );
    const page = await apiOk(emu, 'GET', `/${route}?page=2&pageSize=10${query}`, { token: owner });
    expect(page).toMatchObject({ page: 2, pageSize: 10, total: expected.length });
    expect(page.items.map((item: { _id: string }) => item._id)).toEqual(expected.slice(10, 20));
    const next = await apiOk(emu, 'GET', `/${route}?limit=10${query}&cursor=${page.nextCursor}`, { token: owner });
    expect(next.items.map((item: { _id: string }) => item._id)).toEqual(expected.slice(20, 30));
    // Without any paging parameter: the first numbered page, as every older caller got it.
    const first = await apiOk(emu, 'GET', `/${route}?${query.slice(1)}`, { token: owner });
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: expected.length });
    expect((await emu.request('GET', '/_emulator/stats')).body.scans.total).toBe(0);
  });
});

describe('as an attacker', () => {
  const forged = [
    'not-base64!',
    '<script>alert(1)</script>',
    Buffer.from('{"$gt":1}').toString('base64url'),
    Buffer.from(JSON.stringify([{ $gt: 0 }, 'x'])).toString('base64url'),
    Buffer.from(JSON.stringify([1, { $ne: null }])).toString('base64url'),
    // Parses to Infinity: not a time any row has.
    Buffer.from('[1e400,"x"]').toString('base64url'),
    'x'.repeat(401),
  ];

  test.each(['members', 'distributors', 'withdrawals', 'refunds'])(
    '%s: forged or garbled cursors are INVALID_INPUT, and the list still answers',
    async (route) => {
      for (const cursor of forged) {
        const answer = await api(emu, 'GET', `/${route}?limit=5&cursor=${encodeURIComponent(cursor)}`, {
          token: owner,
        });
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('INVALID_INPUT');
        expect(answer.text).not.toContain('<script>');
      }
      // A well-formed cursor of the wrong type matches nothing rather than failing or scanning.
      await emu.request('POST', '/_emulator/stats/reset');
      const wrongType = Buffer.from(JSON.stringify(['later', 'zzz'])).toString('base64url');
      const odd = await apiOk(emu, 'GET', `/${route}?limit=5&cursor=${wrongType}`, { token: owner });
      expect(odd.items).toEqual([]);
      expect((await emu.request('GET', '/_emulator/stats')).body.scans.total).toBe(0);
      expect((await api(emu, 'GET', `/${route}?limit=1000`, { token: owner })).status).toBe(400);
      expect((await api(emu, 'GET', `/${route}?limit=5`)).status).toBe(401);
      expect((await apiOk(emu, 'GET', `/${route}?limit=5`, { token: owner })).items).toHaveLength(5);
    },
  );

  test('markup in a search finds nothing and is never echoed as HTML', async () => {
    const markup = encodeURIComponent('<img src=x onerror=1>');
    for (const route of ['members', 'distributors']) {
      const answer = await apiOk(emu, 'GET', `/${route}?limit=5&q=${markup}`, { token: owner });
      expect(answer).toMatchObject({ items: [], nextCursor: null, total: 0 });
    }
  });
});
