/**
 * The shop at size (issue 19): admin routes timed at a small and a large shop built by seed:large's cloner, the
 * scans they cause, the orders export job, settlement pace, the cost of a repeat two-line two-level order, the idle
 * cost of the timers, emulator heap and the ledger check. Default sizes keep `npm run bench` short (2k vs 20k
 * orders, settlement of the backlog they carry); `npm run bench -- --large` measures 2k vs 200k as the names say.
 * Figures are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Cron } from 'croner';
import { startEmulator, type Emulator } from '../src/emulator';
import type { StatsReport } from '../src/db/stats';
import { buildTemplate, familyClones, loadFigures, type Template } from '../../cloudfunctions/_tools/large-shop';
import { checkLedger } from '../../cloudfunctions/_tools/check-ledger';
import { repoRoot } from './repo-root';

const LARGE = process.argv.includes('--large');
/** `--routes-only`: time the admin routes at both sizes and stop (a quick look while working on one of them). */
const ROUTES_ONLY = process.argv.includes('--routes-only');
const SMALL_ORDERS = 2000;
const BIG_ORDERS = LARGE ? 200_000 : 20_000;
const RUNS = 5;
const SETTLE_TIMEOUT_MS = 60_000;
const OWNER_PASSWORD = 'large-shop-owner';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function load(emulator: Emulator, template: Template, orders: number): Promise<void> {
  await emulator.services.reset();
  for (const [name, docs] of Object.entries(template.shared))
    if (docs.length > 0) await emulator.services.db.seed(name, docs);
  const clones = Math.ceil(orders / template.ordersPerFamily);
  const pending = new Map<string, Record<string, unknown>[]>();
  for (const [name, docs] of familyClones(template, clones, 365 * 86_400_000)) {
    const batch = pending.get(name) ?? [];
    batch.push(...(docs as Record<string, unknown>[]));
    if (batch.length >= 5000) {
      await emulator.services.db.seed(name, batch);
      pending.set(name, []);
    } else pending.set(name, batch);
  }
  for (const [name, batch] of pending) if (batch.length > 0) await emulator.services.db.seed(name, batch);
  // The dashboard reads the rollups only: the loaded shop's are computed from its facts.
  await loadFigures(emulator);
}

/**
 * One JSON request over node:http on a fresh connection. Not fetch: undici's own limits (a 300 s headersTimeout, a
 * pool of kept-alive sockets across the emulators this process starts and closes) surface only as `TypeError: fetch
 * failed`; here a request waits as long as the function's own timeout lets it, and a connection error names its
 * route and cause.
 */
function http(emulator: Emulator, method: string, route: string, token?: string, body?: unknown): Promise<any> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = {};
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${emulator.url}${route}`, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve(JSON.parse(text));
        } catch {
          resolve(text);
        }
      });
    });
    request.on('error', (error) => reject(new Error(`${method} ${route}: ${error.message}`, { cause: error })));
    request.end(payload);
  });
}

/** The owner's bearer token; a refused sign-in stops the bench with the answer instead of timing 401s. */
async function ownerToken(emulator: Emulator): Promise<string> {
  const answer = await http(emulator, 'POST', '/api/admin/session', undefined, {
    username: 'owner',
    password: OWNER_PASSWORD,
  });
  const token = answer?.data?.token;
  if (typeof token !== 'string') throw new Error(`scale: owner sign-in refused: ${JSON.stringify(answer)}`);
  return token;
}

type Route = { name: string; run: (emulator: Emulator, token: string) => Promise<unknown> };

const DAY = 86_400_000;
const ROUTES: Route[] = [
  { name: 'adminOrdersP1', run: (e, t) => http(e, 'GET', '/api/admin/orders?limit=20', t) },
  {
    name: 'adminOrdersP50',
    run: async (e, t) => {
      let cursor = '';
      for (let page = 1; page < 50; page++) {
        const answer = await http(e, 'GET', `/api/admin/orders?limit=20${cursor}`, t);
        if (!answer.data?.nextCursor) break;
        cursor = `&cursor=${answer.data.nextCursor}`;
      }
      return http(e, 'GET', `/api/admin/orders?limit=20${cursor}`, t);
    },
  },
  {
    name: 'adminOrdersByDistributor',
    run: (e, t) => http(e, 'GET', '/api/admin/orders?limit=20&distributor=o-tplB~0', t),
  },
  { name: 'dashboardToday', run: (e, t) => http(e, 'GET', '/api/admin/dashboard?range=today', t) },
  { name: 'dashboard30d', run: (e, t) => http(e, 'GET', '/api/admin/dashboard?range=30d', t) },
  { name: 'distributorsList', run: (e, t) => http(e, 'GET', '/api/admin/distributors', t) },
  {
    name: 'ordersCsv',
    run: async (e, t) => {
      const now = e.services.context.clock.now();
      return http(e, 'GET', `/api/admin/orders.csv?from=${now - 30 * DAY}&to=${now}`, t);
    },
  },
  { name: 'members', run: (e, t) => http(e, 'GET', '/api/admin/members', t) },
  { name: 'withdrawals', run: (e, t) => http(e, 'GET', '/api/admin/withdrawals', t) },
  { name: 'refunds', run: (e, t) => http(e, 'GET', '/api/admin/refunds', t) },
  { name: 'lowStock', run: (e, t) => http(e, 'GET', '/api/admin/products/low-stock', t) },
  {
    name: 'ranking',
    run: (e) =>
      http(e, 'POST', '/_emulator/functions/distributorCenter', undefined, {
        data: { $url: 'ranking' },
        openid: 'o-tplB~0',
      }),
  },
];

/** Median time of each route (the timed request only), and the scans they caused. */
async function timeRoutes(emulator: Emulator): Promise<{ ms: Record<string, number>; scans: number }> {
  const token = await ownerToken(emulator);
  const ms: Record<string, number> = {};
  let scans = 0;
  for (const route of ROUTES) {
    emulator.services.db.resetQueryStats();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      try {
        await route.run(emulator, token);
        runs.push(performance.now() - started);
      } catch (error) {
        // A route that fails (or a dropped connection on a loaded machine) is reported, not fatal to the bench.
        process.stderr.write(`scale: ${route.name} failed: ${String(error)}\n`);
      }
    }
    ms[route.name] = runs.length > 0 ? median(runs) : Number.NaN;
    const stats = emulator.services.db.queryStats() as StatsReport;
    scans += stats.scans.total;
    process.stderr.write(
      `scale: ${route.name} ${ms[route.name]?.toFixed(1)} ms, ${Math.round(stats.documentsExamined / RUNS)} documents ` +
        `examined a request\n`,
    );
    // Where they were read, so a route that grows is traced to its query's collection.
    for (const row of [...stats.breakdown].sort((a, b) => b.documentsExamined - a.documentsExamined).slice(0, 2))
      if (row.documentsExamined > 0)
        process.stderr.write(
          `scale:   ${row.collection} ${row.action} ${Math.round(row.documentsExamined / RUNS)} in ` +
            `${Math.round(row.calls / RUNS)} calls\n`,
        );
    // Which query scanned, so the one that needs an index is named rather than guessed.
    for (const scan of stats.scans.recent.slice(0, 3))
      process.stderr.write(`scale: ${route.name} scanned ${scan.collection} (${scan.size}): ${scan.query}\n`);
  }
  return { ms, scans };
}

async function exportSeconds(emulator: Emulator): Promise<number> {
  const token = await ownerToken(emulator);
  const started = performance.now();
  let job = (await http(emulator, 'POST', '/api/admin/exports/orders', token, {})).data;
  while (job && job.status !== 'done')
    job = (await http(emulator, 'GET', `/api/admin/exports/orders/${job.id}`, token)).data;
  return (performance.now() - started) / 1000;
}

/** Fires settlement until the backlog is gone: commissions a second and the longest run's share of the timeout. */
async function settleBacklog(emulator: Emulator): Promise<{ perSecond: number; maxShare: number; settled: number }> {
  let settled = 0;
  let maxMs = 0;
  const started = performance.now();
  for (let run = 0; run < 200; run++) {
    const t = performance.now();
    const outcome = await emulator.services.functions.invoke('settleCommission', {}, { source: 'wx_trigger' });
    maxMs = Math.max(maxMs, performance.now() - t);
    const result = (outcome.ok ? outcome.result : {}) as { settled?: number; remaining?: boolean };
    settled += result.settled ?? 0;
    if (!result.remaining) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: settled / Math.max(seconds, 1e-6), maxShare: maxMs / SETTLE_TIMEOUT_MS, settled };
}

function idleTimerInvocationsPerMonth(): number {
  let total = 0;
  for (const fn of ['cancelUnpaidOrders', 'autoConfirmReceipt', 'settleCommission', 'reconcilePayments']) {
    const config = JSON.parse(readFileSync(path.join(repoRoot, 'cloudfunctions', fn, 'config.json'), 'utf8'));
    const cron = (config.triggers[0].config as string).split(' ').slice(0, 6).join(' ');
    const job = new Cron(cron, { timezone: 'Asia/Shanghai', paused: true });
    const start = new Date(Date.UTC(2026, 0, 1));
    const end = start.getTime() + 30 * DAY;
    for (let at = job.nextRun(start); at && at.getTime() < end; at = job.nextRun(at)) total++;
  }
  return total;
}

/** A repeat order of two lines through a two-level chain, from placing to completion, counted by the emulator. */
async function costOfRepeatOrder(emulator: Emulator): Promise<Record<string, number>> {
  const call = (fn: string, data: unknown, openid: string) =>
    http(emulator, 'POST', `/_emulator/functions/${fn}`, undefined, { data, openid });
  const token = await ownerToken(emulator);
  const shopper = 'o-tplS1~0';
  const address = {
    userName: '张三',
    telNumber: '13800138000',
    provinceName: '广东省',
    cityName: '广州市',
    countyName: '海珠区',
    detailInfo: '1 号',
    postalCode: '510000',
    nationalCode: '440105',
  };
  emulator.services.db.resetQueryStats();
  let invocations = 0;
  const placed = await call(
    'placeOrder',
    {
      requestId: `bench-${Date.now()}`,
      items: [
        { productId: 'p-nuts', quantity: 1 },
        { productId: 'p-mango', quantity: 1 },
      ],
      address,
    },
    shopper,
  );
  invocations++;
  const order = placed.result?.data ?? placed.result;
  await http(emulator, 'POST', `/_emulator/pay/${order.outTradeNo}`, undefined, {});
  invocations++; // payCallback
  await http(emulator, 'POST', `/api/admin/orders/${order.orderId}/ship`, token, {
    carrier: '顺丰',
    trackingNo: 'SF99990001',
  });
  invocations++;
  await call('orders', { $url: 'confirmReceipt', orderId: order.orderId }, shopper);
  invocations++;
  // Settlement and completion are timer runs shared by every order due at the time: not counted per order.
  const stats = emulator.services.db.queryStats() as { calls: { byAction: Record<string, number> } };
  const by = stats.calls.byAction;
  const reads =
    (by['database.getDocument'] ?? 0) +
    (by['database.calculateDocument'] ?? 0) +
    (by['database.aggregateDocuments'] ?? 0);
  const writes =
    (by['database.insertDocument'] ?? 0) +
    (by['database.modifyDocument'] ?? 0) +
    (by['database.removeDocument'] ?? 0) +
    (by['database.modifyAndReturnDoc'] ?? 0);
  return {
    'cost.readsPerPaidOrder': reads,
    'cost.writesPerPaidOrder': writes,
    'cost.transactionsPerPaidOrder': by['database.startTransaction'] ?? 0,
    'cost.invocationsPerPaidOrder': invocations,
  };
}

/** A full collection first, so the figure is what the shop holds, not garbage awaiting the next one. */
function heapMb(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export default async function scaleBench(): Promise<Record<string, number>> {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
  process.stderr.write(`scale: building the template family; small ${SMALL_ORDERS}, large ${BIG_ORDERS} orders\n`);
  const template = await buildTemplate(repoRoot);
  const emulator = await startEmulator({ projectDir: repoRoot, port: 0, dataDir: ':memory:', runTimers: false });
  const figures: Record<string, number> = {};
  try {
    await load(emulator, template, SMALL_ORDERS);
    const small = await timeRoutes(emulator);
    const settleSmall = await settleBacklog(emulator);
    Object.assign(figures, await costOfRepeatOrder(emulator));

    const baseHeap = heapMb();
    await load(emulator, template, BIG_ORDERS);
    const heap = heapMb() - baseHeap;
    const big = await timeRoutes(emulator);
    for (const route of ROUTES) {
      figures[`scale.${route.name}.ratio200kVs2k`] =
        (big.ms[route.name] as number) / Math.max(small.ms[route.name] as number, 0.001);
    }
    figures['scale.fullScans'] = big.scans;
    figures['emulator.heapMb.200k'] = heap;
    if (ROUTES_ONLY) return figures;
    figures['scale.exportOrders200kSeconds'] = await exportSeconds(emulator);
    const ledgerStarted = performance.now();
    const report = await checkLedger({ emulatorUrl: emulator.url });
    figures['ledgerCheck.entriesPerSecond'] = report.entries / ((performance.now() - ledgerStarted) / 1000);
    const settleBig = await settleBacklog(emulator);
    figures['settle.commissionsPerSecond.1m'] = settleBig.perSecond;
    figures['settle.scaling1mVs100k'] = settleSmall.perSecond / Math.max(settleBig.perSecond, 1e-6);
    figures['settle.maxRunShareOfTimeout'] = Math.max(settleSmall.maxShare, settleBig.maxShare);
    figures['cost.idleTimerInvocationsPerMonth'] = idleTimerInvocationsPerMonth();
    process.stderr.write(
      `scale: measured at ${SMALL_ORDERS} vs ${BIG_ORDERS} orders; settlement backlogs ${settleSmall.settled} and ` +
        `${settleBig.settled} commissions${LARGE ? '' : ' (default sizes; --large for 200k)'}\n`,
    );
  } finally {
    await emulator.close();
  }
  return figures;
}
