/**
 * 导出订单 on the Orders screen in Chromium against the emulator (issue 19.4): the export job started with the
 * screen's filter (the 已发货 tab), its progress shown from every answer the page polled, the download link
 * followed, and the file checked: one row per shipped order (6,000: six keyset pages, two parts), a product title
 * with markup kept as plain text, a title that starts like a formula neutralised. A job the platform kills shows a
 * Chinese error and 重新导出 recovers; every role the route table lets export sees the button and its own job runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { ROLE_GROUPS } from '../../contract/src/states';
import { apiOk, documents, ownerToken, seedShop, STAFF_PASSWORD } from '../../cloudfunctions/_tests/support/admin-http';
import { paidOrder } from '../../cloudfunctions/_tests/support/commerce';
import type { ExportJob } from '../../contract/src/wire/exports';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(120_000);

const SHIPPED = 6000;
const COMPLETED = 300;
const MARKUP_TITLE = '<script>window.__pwned=1</script>坚果';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","点我")';
const BASE_TIME = Date.UTC(2026, 5, 1);
const cloneOrderNo = (i: number) => `20260601${String(i).padStart(12, '0')}`;
const cloneId = (i: number) => `ord-${String(i).padStart(5, '0')}`;

let owner: string;
const session = useAdminSession({
  setup: async (emu) => {
    await seedShop(emu);
    owner = await ownerToken(emu);
    const product = (title: string) =>
      apiOk<{ id: string }>(emu, 'POST', '/products', {
        token: owner,
        body: { title, categoryId: 'cat-snack', priceFen: 1990, stock: 100, description: '' },
      });
    const formula = await product(FORMULA_TITLE);
    const markup = await product(MARKUP_TITLE);
    const orderId = await paidOrder(emu, [
      { productId: formula.id, quantity: 1 },
      { productId: markup.id, quantity: 2 },
    ]);
    const real = (await documents(emu, 'orders')).find((order: any) => order._id === orderId);
    const { _id: _ignored, ...rest } = real;
    const total = SHIPPED + COMPLETED;
    for (let start = 0; start < total; start += 500) {
      const clones = Array.from({ length: Math.min(500, total - start) }, (_, j) => {
        const i = start + j;
        return {
          ...rest,
          _id: cloneId(i),
          orderNo: cloneOrderNo(i),
          requestId: `req-${i}`,
          outTradeNo: `otn-${i}`,
          status: i < SHIPPED ? 'shipped' : 'completed',
          createdAt: BASE_TIME + i * 1000,
        };
      });
      const { status } = await emu.request('POST', '/_emulator/db/orders', { documents: clones });
      if (status !== 200) throw new Error(`cloning orders failed: ${status}`);
    }
  },
  setupTimeoutMs: 240_000,
});
const emu = session.emu;

/** Every export answer the page received, in order. */
function recordJobs(target: Page): ExportJob[] {
  const answers: ExportJob[] = [];
  target.on('response', (response) => {
    if (!/\/api\/admin\/exports\/orders/.test(response.url())) return;
    void response
      .json()
      .then((envelope: { ok: boolean; data?: ExportJob }) => {
        if (envelope.ok && envelope.data) answers.push(envelope.data);
      })
      .catch(() => undefined);
  });
  return answers;
}

/** Every text the progress line showed, collected in the page as it changes. */
async function recordProgressTexts(target: Page): Promise<void> {
  await target.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __exportTexts: string[] }).__exportTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="export-rows"]')?.textContent ?? null;
      if (text !== null && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const progressTexts = (target: Page) =>
  target.evaluate(() => (window as unknown as { __exportTexts: string[] }).__exportTexts);

/**
 * The roles the admin API's route table gives a route, read from its source as the xss test reads the router's
 * (the server's modules are not the page's to import): `route('POST', '/exports/orders', STAFF, …)` names a group
 * of the contract's ROLE_GROUPS through the table's `const { owner: OWNER, … } = ROLE_GROUPS`.
 */
function rolesOf(method: string, routePath: string): readonly string[] {
  const table = readFileSync(path.resolve(__dirname, '..', '..', 'cloudfunctions', 'adminApi', 'routes.ts'), 'utf8');
  const groups = new Map(
    [...(/const \{([^}]*)\} = ROLE_GROUPS/.exec(table)?.[1] ?? '').matchAll(/(\w+): (\w+)/g)].map(
      ([, group, constant]) => [constant, group as keyof typeof ROLE_GROUPS],
    ),
  );
  const entry = new RegExp(`route\\('${method}', '${routePath.replace(/[/:]/g, '\\$&')}', (\\w+),`).exec(table);
  const group = entry && groups.get(entry[1] ?? '');
  if (!group) throw new Error(`${method} ${routePath}: no role group found in the route table`);
  return ROLE_GROUPS[group];
}

const grouped = (n: number) => n.toLocaleString('zh-CN');

async function openShippedOrders(target: Page): Promise<void> {
  await session.open('/orders', '订单', target);
  await target.getByTestId('order-tabs').getByText('已发货').first().click();
  await target
    .getByTestId('orders-table')
    .getByText(cloneId(SHIPPED - 1))
    .first()
    .waitFor();
}

if (session.enabled) {
  test('导出订单 runs the job with the tab as its filter, shows its progress and hands out the file', async () => {
    const page = session.page;
    await openShippedOrders(page);
    const answers = recordJobs(page);
    await recordProgressTexts(page);
    const [request] = await Promise.all([
      page.waitForRequest((sent) => sent.method() === 'POST' && sent.url().endsWith('/api/admin/exports/orders')),
      page.getByTestId('export-orders').click(),
    ]);
    // The screen's filter, as the job takes it.
    expect(request.postDataJSON()).toEqual({ status: 'shipped' });
    const panel = page.getByTestId('orders-export');
    await panel.getByText('状态：已发货').waitFor();
    await page.locator('[data-testid="orders-export"][data-phase="done"]').waitFor();
    const link = panel.getByTestId('export-link');
    await expect(panel.getByTestId('export-rows').innerText()).resolves.toBe(
      `已导出 ${grouped(SHIPPED)} / ${grouped(SHIPPED)} 行`,
    );
    await screenshot(page, 'orders-export');

    // Progress: the answers moved forward to done, and the page showed each of them as it came.
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.map((job) => job.total)).toEqual(answers.map(() => SHIPPED));
    const rows = answers.map((job) => job.rows);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(answers.at(-1)).toMatchObject({ status: 'done', rows: SHIPPED, progress: 1 });
    expect(await progressTexts(page)).toEqual([
      '正在统计符合条件的订单…',
      ...[...new Set(rows)].map((done) => `已导出 ${grouped(done)} / ${grouped(SHIPPED)} 行`),
    ]);
    if (answers.some((job) => job.status === 'running')) {
      console.log(`export progress seen on the page: ${rows.join(' → ')}`);
    }

    // The link, followed as the operator would: a download of the whole file.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^订单号,状态,下单时间/);
    expect(lines).toHaveLength(SHIPPED + 1);
    const numbers = new Set(lines.slice(1).map((line) => line.split(',')[0]?.trim()));
    expect(numbers.size).toBe(SHIPPED);
    expect(numbers.has(cloneOrderNo(SHIPPED))).toBe(false);
    const row = lines.find((line) => line.startsWith(cloneOrderNo(0))) ?? '';
    // The product cell: the formula-looking title is prefixed with ' (text in Excel and WPS), the markup is the
    // characters themselves, neither escaped as HTML nor turned into any.
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")×1; ${MARKUP_TITLE}×2"`);
    expect(csv).not.toContain('&lt;');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toBeNull();

    await panel.getByTestId('export-close').click();
    await expect(page.getByTestId('orders-export').count()).resolves.toBe(0);
  });

  test('a job the platform kills shows a Chinese error; 重新导出 runs it again to the link', async () => {
    const page = session.page;
    await openShippedOrders(page);
    // The instance dies as the first part is uploaded, as a host failing mid-call.
    const armed = await emu.request('POST', '/_emulator/faults', {
      action: 'storage.getUploadMetadata',
      functionName: 'adminApi',
      times: 1,
    });
    expect(armed.status).toBe(200);
    await page.getByTestId('export-orders').click();
    const panel = page.locator('[data-testid="orders-export"][data-phase="failed"]');
    const error = panel.getByTestId('export-error');
    await expect(error.innerText()).resolves.toMatch(/^导出失败：[\u4e00-\u9fff]/);
    await screenshot(page, 'orders-export-failed');
    await panel.getByRole('button', { name: '重新导出' }).click();
    await page.locator('[data-testid="orders-export"][data-phase="done"]').getByTestId('export-link').waitFor();
  });

  test('leaving the screen stops the polling', async () => {
    const page = session.page;
    await openShippedOrders(page);
    const polls: string[] = [];
    const isPoll = (request: { method(): string; url(): string }) =>
      request.method() === 'GET' && /\/api\/admin\/exports\/orders\/export-/.test(request.url());
    const count = (request: { method(): string; url(): string }) => {
      if (isPoll(request)) polls.push(request.url());
    };
    let leave: () => void = () => undefined;
    const left = new Promise<void>((resolve) => (leave = resolve));
    // The job must still be running when the screen goes, and stay so: a 6,000-row job may finish within its first
    // slice here, so the real answers are passed on marked running; the first poll is held until the screen is gone.
    const stillRunning = async (route: Route) => {
      const response = await route.fetch();
      const envelope = (await response.json()) as { ok: true; data: ExportJob };
      const { url: _url, ...job } = envelope.data;
      await route.fulfill({ response, json: { ...envelope, data: { ...job, status: 'running', progress: 0.5 } } });
    };
    await page.route(/\/api\/admin\/exports\/orders$/, stillRunning);
    await page.route(/\/api\/admin\/exports\/orders\/export-/, async (route) => {
      await left;
      await stillRunning(route);
    });
    page.on('request', count);
    try {
      await page.getByTestId('export-orders').click();
      await page.locator('[data-testid="orders-export"][data-phase="running"]').waitFor();
      await page.waitForRequest(isPoll);
      await session.open('/products', '商品', page);
      const answered = page.waitForResponse((response) => isPoll(response.request()));
      leave();
      await answered;
      // A poller still running would send its next poll a second after that answer.
      await page.waitForTimeout(3000);
      expect(polls).toHaveLength(1);
    } finally {
      page.off('request', count);
      await page.unrouteAll({ behavior: 'wait' });
    }
  });

  test('every role the route table lets export sees 导出订单 and gets its own file', async () => {
    const allowed = rolesOf('POST', '/exports/orders');
    expect(rolesOf('GET', '/exports/orders/:id')).toEqual(allowed);
    for (const role of ['operator', 'finance'] as const) {
      await apiOk(emu, 'POST', '/operators', {
        token: owner,
        body: { username: `${role}1`, password: STAFF_PASSWORD, role },
      });
      const page = await session.signedInPage(`${role}1`, STAFF_PASSWORD);
      try {
        // The 已完成 tab keeps each role's file small.
        await session.open('/orders', '订单', page);
        await page.getByTestId('order-tabs').getByText('已完成').first().click();
        await page
          .getByTestId('orders-table')
          .getByText(cloneId(SHIPPED + COMPLETED - 1))
          .first()
          .waitFor();
        const button = page.getByTestId('export-orders');
        if (!allowed.includes(role)) {
          await expect(button.count()).resolves.toBe(0);
          continue;
        }
        await button.click();
        const link = page.locator('[data-testid="orders-export"][data-phase="done"]').getByTestId('export-link');
        await link.waitFor();
        const answer = await page.request.get((await link.getAttribute('href')) ?? '');
        expect(answer.status()).toBe(200);
        expect((await answer.text()).trimEnd().split('\r\n')).toHaveLength(COMPLETED + 1);
      } finally {
        await page.context().close();
      }
    }
  });
}
