/**
 * GET /api/admin/orders at size: keyset pages newest first (`cursor`, `limit` → `{items, nextCursor, counts}`),
 * filters answered by indexes (the emulator runs in no-table-scan mode, and its stats show no scan), counts per
 * status from index counts, and the older `page`/`pageSize` shape. 240 orders are clones of one real paid order.
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, documents, ownerToken, seedShop } from './support/admin-http';
import { A, B, chainOfThree, paidOrder } from './support/commerce';

const emu = useEmulator({}, { resetBeforeEach: false });
let owner: string;
const COPIES = 240;
const STATUSES = ['paid', 'shipped', 'received', 'completed', 'cancelled', 'unpaid'] as const;
const BASE_TIME = Date.UTC(2026, 5, 1);

/** Copy i: created i minutes after BASE_TIME, a status in turn, every third one sold by A alone, one title in four. */
function cloneOf(order: any, i: number): any {
  const { _id: _ignored, ...rest } = order;
  return {
    ...rest,
    _id: `ord-${String(i).padStart(4, '0')}`,
    requestId: `req-${i}`,
    outTradeNo: `otn-${i}`,
    orderNo: `202606010000${String(i).padStart(6, '0')}`,
    status: STATUSES[i % STATUSES.length],
    // Two orders share each creation time, so the (_id) tie-break is exercised.
    createdAt: BASE_TIME + Math.floor(i / 2) * 60_000,
    snapshot: { ...order.snapshot, beneficiaries: i % 3 === 0 ? [A] : order.snapshot.beneficiaries },
    lines: order.lines.map((line: any) => ({ ...line, title: i % 4 === 0 ? `蜂蜜 ${line.title}` : line.title })),
  };
}

beforeAll(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
  await chainOfThree(emu);
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  const [real] = (await documents(emu, 'orders')).filter((order: any) => order._id === orderId);
  const copies = Array.from({ length: COPIES }, (_, i) => cloneOf(real, i));
  await emu.request('POST', '/_emulator/db/orders', { documents: copies });
}, 120_000);

/** Every page of a keyset walk, with what the emulator read for it. */
async function walk(query: string, limit: number): Promise<{ ids: string[]; pages: number; counts: any }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let counts: any;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: any = await apiOk(emu, 'GET', `/orders?limit=${limit}${query}${suffix}`, { token: owner });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((order: any) => order._id));
    counts ??= page.counts;
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages, counts };
}

describe('GET /orders by keyset', () => {
  test('pages through every order newest first, each once, with counts per status and no scan', async () => {
    await emu.request('POST', '/_emulator/stats/reset');
    const { ids, pages, counts } = await walk('', 50);
    expect(ids).toHaveLength(COPIES + 1);
    expect(new Set(ids).size).toBe(COPIES + 1);
    const clones = ids.filter((id) => id.startsWith('ord-'));
    // Newest first; equal times by _id descending.
    expect(clones.slice(0, 4)).toEqual(['ord-0239', 'ord-0238', 'ord-0237', 'ord-0236']);
    expect(pages).toBe(5);
    expect(counts).toEqual({
      unpaid: 40,
      paid: 41,
      shipped: 40,
      received: 40,
      completed: 40,
      cancelled: 40,
      closed: 0,
    });
    const stats = (await emu.request('GET', '/_emulator/stats')).body;
    expect(stats.scans.byCollection.orders ?? 0).toBe(0);
  });

  test('status, distributor and creation range filter through indexes', async () => {
    const shipped = await walk('&status=shipped', 15);
    expect(shipped.ids).toHaveLength(40);
    const byA = await walk(`&distributor=${A}`, 30);
    // Every third clone names A alone; the others (and the real order) name B then A.
    expect(byA.ids).toHaveLength(COPIES + 1);
    const byB = await walk(`&distributor=${B}`, 30);
    expect(byB.ids).toHaveLength(COPIES - COPIES / 3 + 1);
    const from = BASE_TIME + 10 * 60_000;
    const to = BASE_TIME + 20 * 60_000;
    const ranged = await walk(`&from=${from}&to=${to}&status=paid`, 3);
    expect(ranged.ids.sort()).toEqual(['ord-0024', 'ord-0030', 'ord-0036']);
    expect(ranged.counts.paid).toBe(3);
    expect(ranged.counts.shipped).toBe(3);
  });

  test("one distributor's first page and tab counts read that distributor's orders, not every order", async () => {
    await emu.request('POST', '/_emulator/stats/reset');
    const page = await apiOk(emu, 'GET', `/orders?limit=20&distributor=${B}`, { token: owner });
    const sold = COPIES - COPIES / 3 + 1;
    expect(Object.values(page.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(sold);
    const stats = (await emu.request('GET', '/_emulator/stats')).body;
    // The page (21 documents) and the counts (exact on the index: no document read); a status index would walk
    // all 241 orders once per status.
    expect(stats.documentsExamined).toBeLessThanOrEqual(60);
  });

  test('q finds an order number exactly and product titles by prefix', async () => {
    const exact = await walk('&q=202606010000000123', 20);
    expect(exact.ids).toEqual(['ord-0123']);
    const titled = await walk(`&q=${encodeURIComponent('蜂蜜')}`, 25);
    expect(titled.ids).toHaveLength(COPIES / 4);
    expect(titled.ids.every((id) => Number(id.slice(4)) % 4 === 0)).toBe(true);
    expect((await walk('&q=nothing-like-this', 20)).ids).toEqual([]);
  });

  test('the older page/pageSize shape still answers, with a total and the cursor after the page', async () => {
    const page = await apiOk(emu, 'GET', '/orders?page=2&pageSize=10&status=cancelled', { token: owner });
    expect(page).toMatchObject({ page: 2, pageSize: 10, total: 40 });
    expect(page.items).toHaveLength(10);
    const next = await apiOk(emu, 'GET', `/orders?limit=10&status=cancelled&cursor=${page.nextCursor}`, {
      token: owner,
    });
    const third = await apiOk(emu, 'GET', '/orders?page=3&pageSize=10&status=cancelled', { token: owner });
    expect(next.items.map((o: any) => o._id)).toEqual(third.items.map((o: any) => o._id));
  });

  test('as an attacker: forged cursors, markup, oversized limits and no session are refused', async () => {
    for (const cursor of ['not-base64!', Buffer.from('{"$gt":1}').toString('base64url'), '<script>alert(1)</script>']) {
      const answer = await api(emu, 'GET', `/orders?limit=5&cursor=${encodeURIComponent(cursor)}`, { token: owner });
      expect(answer.status).toBe(400);
      expect(answer.text).not.toContain('<script>');
    }
    const injected = Buffer.from(JSON.stringify([{ $gt: 0 }, 'x'])).toString('base64url');
    expect((await api(emu, 'GET', `/orders?limit=5&cursor=${injected}`, { token: owner })).status).toBe(400);
    expect((await api(emu, 'GET', '/orders?limit=1000', { token: owner })).status).toBe(400);
    const markup = await apiOk(emu, 'GET', `/orders?limit=5&q=${encodeURIComponent('<img src=x onerror=1>')}`, {
      token: owner,
    });
    expect(markup.items).toEqual([]);
    expect((await api(emu, 'GET', '/orders?limit=5')).status).toBe(401);
  });
});
