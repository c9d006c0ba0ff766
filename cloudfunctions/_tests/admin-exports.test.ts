/**
 * Orders CSV as an export job: started with the list's filters, advanced a slice per poll, keyset-paged, joined
 * into one file in storage and handed out as a temporary link; no row cap. 6,500 orders are clones of a real one.
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, documents, ownerToken, seedShop, staffToken } from './support/admin-http';
import { chainOfThree, paidOrder } from './support/commerce';

const emu = useEmulator({}, { resetBeforeEach: false });
let owner: string;
const COPIES = 6500;
const BASE_TIME = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
  await chainOfThree(emu);
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  const real = (await documents(emu, 'orders')).find((order: any) => order._id === orderId);
  const { _id: _ignored, ...rest } = real;
  for (let start = 0; start < COPIES; start += 500) {
    const documents = Array.from({ length: Math.min(500, COPIES - start) }, (_, j) => {
      const i = start + j;
      return {
        ...rest,
        _id: `ord-${String(i).padStart(5, '0')}`,
        orderNo: cloneOrderNo(i),
        requestId: `req-${i}`,
        outTradeNo: `otn-${i}`,
        status: i % 2 === 0 ? 'shipped' : 'completed',
        createdAt: BASE_TIME + (COPIES - i) * 1000,
      };
    });
    await emu.request('POST', '/_emulator/db/orders', { documents });
  }
}, 180_000);

/** Each clone its own 20-digit order number, as placeOrder would give it: the CSV leads with it. */
function cloneOrderNo(i: number): string {
  return `20261203${String(i).padStart(12, '0')}`;
}

async function runToEnd(token: string, body: object): Promise<any> {
  let job = await apiOk(emu, 'POST', '/exports/orders', { token, body });
  const seen = [job.progress];
  for (let polls = 0; job.status !== 'done' && polls < 50; polls++) {
    job = await apiOk(emu, 'GET', `/exports/orders/${job.id}`, { token });
    seen.push(job.progress);
  }
  return { job, seen };
}

test('a job exports every matching order, oldest first, into one file behind a download link', async () => {
  const { job, seen } = await runToEnd(owner, { status: 'shipped' });
  expect(job).toMatchObject({ status: 'done', rows: COPIES / 2, total: COPIES / 2, progress: 1 });
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  const response = await fetch(job.url);
  expect(response.status).toBe(200);
  const text = await response.text();
  const lines = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toMatch(/^订单号,状态,下单时间/);
  expect(lines).toHaveLength(COPIES / 2 + 1);
  const numbers = lines.slice(1).map((line) => (line.split(',')[0] ?? '').trim());
  expect(new Set(numbers).size).toBe(COPIES / 2);
  // Oldest first: the clones were created newest for the smallest number.
  expect(numbers[0]).toBe(cloneOrderNo(COPIES - 2));
  expect(numbers[numbers.length - 1]).toBe(cloneOrderNo(0));
  // The internal ids stay internal.
  expect(text).not.toContain('ord-0');
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  expect(stats.scans.byCollection.orders ?? 0).toBe(0);
}, 180_000);

test('the synchronous CSV reads by keyset and has no row cap any more', async () => {
  const answer = await api(emu, 'GET', '/orders.csv?status=completed', { token: owner });
  expect(answer.status).toBe(200);
  expect(answer.text.trimEnd().split('\r\n')).toHaveLength(COPIES / 2 + 1);
}, 120_000);

test('as an attacker: another operator cannot poll my job; forged ids and bad filters are refused', async () => {
  const job = await apiOk(emu, 'POST', '/exports/orders', { token: owner, body: { status: 'completed' } });
  const operator = await staffToken(emu, owner, 'operator');
  expect((await api(emu, 'GET', `/exports/orders/${job.id}`, { token: operator })).status).toBe(404);
  expect((await api(emu, 'GET', '/exports/orders/settleCommission', { token: owner })).status).toBe(404);
  expect((await api(emu, 'GET', `/exports/orders/${encodeURIComponent('<b>x</b>')}`, { token: owner })).status).toBe(
    404,
  );
  for (const body of [{ status: 'lost' }, { distributor: 'x'.repeat(65) }, { q: 'x' }, { from: 'yesterday' }]) {
    expect((await api(emu, 'POST', '/exports/orders', { token: owner, body })).status).toBe(400);
  }
  expect((await api(emu, 'POST', '/exports/orders', { body: {} })).status).toBe(401);
}, 120_000);
