/**
 * Stored text is never run as script on the admin page. Markup goes into every text field a shopper or an
 * operator can write (through the real functions and the admin API on the emulator): product and category names,
 * descriptions, shipping names and addresses, distributor applications and nicknames, refund and rejection
 * reasons, withdrawal notes, materials, store settings, carriers, and so into the audit log. Then Chromium drives
 * every screen of the router as the owner, hovers every chart point, opens every row's drawer or dialog, and fails
 * if any payload ran (`window.__pwned`, an alert/confirm/prompt dialog). CSP reports in the console are expected
 * noise, not failures. It also checks the page's Content-Security-Policy and that the session is out of
 * script's reach (HttpOnly cookie, nothing in localStorage).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { apiOk, ownerToken, seedShop } from '../../cloudfunctions/_tests/support/admin-http';
import { A, B, S } from '../../cloudfunctions/_tests/support/commerce';
import { ok, pay } from '../../cloudfunctions/_tests/support/shopper';
import { OWNER_PASSWORD } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(120_000);

/** Each payload sets `__pwned` to where it came from, so a failure names the field that ran. */
const img = (where: string) => `<img src=x onerror=__pwned='${where}'>`;
const script = (where: string) => `<script>__pwned='${where}'</script>`;
const svg = (where: string) => `"><svg onload=__pwned='${where}'>`;
const all = (where: string) => `${img(where)}${script(where)}${svg(where)}`;

const dialogs: string[] = [];
const cspReports: string[] = [];
let documentHeaders: Record<string, string> = {};
// Not signed in: the tests sign in through the screen once the CSP and the page's headers are checked.
const session = useAdminSession({
  setup: () => markupShop(),
  viewport: { width: 1280, height: 900 },
  signIn: false,
  preparePage: (page) => {
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspReports.push(message.text());
    });
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document') documentHeaders = response.headers();
    });
  },
  setupTimeoutMs: 180_000,
});
const emu = session.emu;

const ROUTER_SOURCE = readFileSync(path.resolve(__dirname, '..', 'src', 'router.ts'), 'utf8');
/** Every screen path the router declares (the menu is checked against it, so a new screen cannot be skipped). */
const ROUTES = [...ROUTER_SOURCE.matchAll(/\{\s*path: '(\/[a-z-]+)'/g)].map((match) => match[1] as string);

let productTitle = '';

async function markupShop(): Promise<void> {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
  await seedShop(emu);
  const owner = await ownerToken(emu);
  const admin = (method: string, route: string, body?: unknown) => apiOk(emu, method, route, { token: owner, body });
  // Nicknames have no writer yet (no function sets them): the shoppers exist with markup nicknames before their
  // first call, as a profile sync would leave them.
  await emu.emulator.services.db.seed(
    'users',
    [A, B, S, 'o-pending'].map((openid) => ({
      _id: openid,
      createdAt: Date.now(),
      inviterOpenid: null,
      boundAt: null,
      bindingSource: null,
      paidOrderCount: 0,
      nickname: img(`nick-${openid}`),
    })),
  );
  // A's settled commission to withdraw from, as the settlement flow leaves it (before A's orders add to it).
  await emu.emulator.services.db.seed('balances', [
    { _id: A, frozen: 0, available: 90000, held: 0, withdrawn: 0, debt: 0, updatedAt: Date.now() },
  ]);
  await admin('PUT', '/settings/distribution', { recruitment: 'approval' });
  await admin('PUT', '/settings/store', {
    name: svg('store').slice(0, 40),
    introduction: all('intro'),
    logo: svg('logo'),
  });

  const { id: categoryId } = await admin('POST', '/categories', { name: `<b>${img('cat')}`.slice(0, 20) });
  productTitle = img('title');
  const { id: productId } = await admin('POST', '/products', {
    title: productTitle,
    categoryId,
    priceFen: 1990,
    stock: 100,
    description: all('description'),
    lowStockThreshold: 200,
  });
  const { id: second } = await admin('POST', '/products', {
    title: svg('title2'),
    categoryId,
    priceFen: 990,
    stock: 100,
    description: script('d2'),
  });

  // Distributors: A approved with a markup application; an applicant rejected with a markup reason.
  await ok(
    emu,
    'distributorCenter',
    { $url: 'apply', name: img('apply').slice(0, 30), phone: '13800000001', reason: all('reason') },
    A,
  );
  await admin('POST', `/distributors/${A}/approve`);
  const { items } = await apiOk<{ items: { _id: string; inviteCode: string }[] }>(emu, 'GET', `/distributors?q=${A}`, {
    token: owner,
  });
  await ok(emu, 'bindInviter', { inviterCode: items[0]?.inviteCode }, S);
  await ok(
    emu,
    'distributorCenter',
    { $url: 'apply', name: svg('n2').slice(0, 30), phone: '13800000002', reason: svg('r2') },
    B,
  );
  await admin('POST', `/distributors/${B}/reject`, { reason: all('reject') });
  await ok(
    emu,
    'distributorCenter',
    { $url: 'apply', name: '<i>待审</i>', phone: '13800000003', reason: img('pending') },
    'o-pending',
  );

  // Orders from S with a markup address, paid, so the dashboard ranks the markup products.
  const address = {
    userName: img('name').slice(0, 50),
    telNumber: '13800138000',
    provinceName: svg('prov').slice(0, 20),
    cityName: '<b>市</b>',
    countyName: '<i>区</i>',
    detailInfo: all('detail').slice(0, 200),
    postalCode: '510000',
  };
  const orders: string[] = [];
  for (const items of [
    [{ productId, quantity: 3 }],
    [{ productId: second, quantity: 1 }],
    [{ productId, quantity: 1 }],
  ]) {
    const order = await ok(
      emu,
      'placeOrder',
      { requestId: randomUUID(), items, address, buyerNote: all('buyer-note').slice(0, 200) },
      S,
    );
    await pay(emu, order.outTradeNo);
    orders.push(order.orderId);
  }
  await admin('POST', `/orders/${orders[0]}/ship`, { carrier: img('carrier').slice(0, 40), trackingNo: 'SF1234567' });
  await ok(
    emu,
    'orders',
    {
      $url: 'requestRefund',
      orderId: orders[1],
      lines: [{ line: 0, quantity: 1 }],
      reason: all('refund').slice(0, 200),
      requestId: randomUUID(),
    },
    S,
  );
  await ok(
    emu,
    'orders',
    {
      $url: 'requestRefund',
      orderId: orders[2],
      lines: [{ line: 0, quantity: 1 }],
      reason: svg('refund2'),
      requestId: randomUUID(),
    },
    S,
  );
  const refunds = await apiOk<{ items: { _id: string; orderId: string }[] }>(emu, 'GET', '/refunds', { token: owner });
  const toReject = refunds.items.find((refund) => refund.orderId === orders[2]);
  if (toReject) await admin('POST', `/refunds/${toReject._id}/reject`, { reason: img('refund-reject') });

  // Withdrawals: one rejected and one failed with markup notes, one waiting.
  const withdraw = async () =>
    (await ok<{ withdrawalId: string }>(emu, 'requestWithdrawal', { requestId: randomUUID(), amountFen: 10000 }, A))
      .withdrawalId;
  await admin('POST', `/withdrawals/${await withdraw()}/reject`, { reason: all('w-reject').slice(0, 200) });
  const failed = await withdraw();
  await admin('POST', `/withdrawals/${failed}/approve`);
  await admin('POST', `/withdrawals/${failed}/fail`, { reason: svg('w-fail') });
  await withdraw();

  await admin('POST', '/materials', { title: img('material').slice(0, 40), kind: 'copy', body: all('material-body') });
  // A failed sign-in with markup for a username reaches the audit log (as a placeholder).
  await emu.request('POST', '/api/admin/session', { username: img('signin'), password: 'wrong-password' });
}

if (session.enabled) {
  let page: Page;

  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
  async function assertNothingRan(where: string): Promise<void> {
    expect({ where, pwned: await pwned(), dialogs }).toEqual({ where, pwned: null, dialogs: [] });
  }

  beforeAll(() => {
    page = session.page;
  });

  test('the page is served with a CSP that allows no inline script, and its build has none', async () => {
    await page.goto(emu.url);
    const csp = documentHeaders['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("object-src 'none'");
    const html = readFileSync(path.join(session.build.dir, 'index.html'), 'utf8');
    expect(
      [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => ({
        external: /\bsrc=/.test(attributes ?? ''),
        body: (body ?? '').trim(),
      })),
    ).toEqual([{ external: true, body: '' }]);
  });

  test('signing in keeps the session out of script: an HttpOnly SameSite=Strict cookie, nothing in localStorage', async () => {
    await page.goto(emu.url);
    await page.getByPlaceholder('例如 owner').fill('owner');
    await page.getByPlaceholder('请输入密码').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').filter({ hasText: 'owner' }).waitFor();
    const cookies = await page.context().cookies(emu.url + '/api/admin');
    const sessionCookie = cookies.find((cookie) => cookie.name === 'qyfx_admin_session');
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/admin' });
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      storage: Object.entries({ ...localStorage }).concat(Object.entries({ ...sessionStorage })),
    }));
    expect(visible.cookie).not.toContain(sessionCookie!.value);
    expect(JSON.stringify(visible.storage)).not.toContain(sessionCookie!.value);
    expect(JSON.stringify(visible.storage)).not.toMatch(/token/i);
    // The session survives a reload through the cookie alone.
    await page.reload();
    await page.getByTestId('current-user').filter({ hasText: 'owner' }).waitFor();
    await assertNothingRan('sign-in');
  });

  test('the menu offers every screen of the router to the owner', async () => {
    const menu = await page
      .locator('.shell-aside .t-menu__item')
      .evaluateAll((items) => items.map((item) => item.textContent?.trim() ?? ''));
    expect(menu).toHaveLength(ROUTES.length);
    expect(ROUTES).toContain('/dashboard');
  });

  for (const route of ROUTES) {
    test(`${route}: markup shows as text and never runs (charts hovered, row drawers and dialogs opened)`, async () => {
      await page.goto(`${emu.url}/#${route}`);
      await page.locator('.page-header__title').first().waitFor();
      await page
        .locator('.t-loading')
        .filter({ visible: true })
        .first()
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => undefined);
      await page.waitForTimeout(300);
      if (route === '/dashboard') await hoverEveryChart(page);
      await openEveryRow(page, route);
      await assertNothingRan(route);
      await screenshot(page, `xss-${route.slice(1)}`);
    });
  }

  test('the markup reached the page as characters', async () => {
    await page.goto(`${emu.url}/#/products`);
    await page.getByText(productTitle).first().waitFor();
    await page.goto(`${emu.url}/#/audit`);
    await page.getByText('session.signInFailed').or(page.getByText('登录失败')).first().waitFor();
    await assertNothingRan('text');
    // CSP reports would be fine (a blocked payload), but nothing was even blocked: no payload reached HTML.
    expect(cspReports).toEqual([]);
  });

  /** Sweeps the mouse over every chart in a grid, so each bar, point and slice shows its tooltip. */
  async function hoverEveryChart(on: Page): Promise<void> {
    const charts = on.getByTestId('chart');
    await on.locator('[data-testid="chart"][data-rendered="true"]').first().waitFor();
    const count = await charts.count();
    expect(count).toBeGreaterThanOrEqual(3);
    let sawMarkupAsText = false;
    for (let index = 0; index < count; index++) {
      // The mouse only reaches what is inside the viewport.
      await charts.nth(index).scrollIntoViewIfNeeded();
      const box = await charts.nth(index).boundingBox();
      if (!box) continue;
      // Axis charts show a category's tooltip anywhere on its band: one line across and one down the middle hit
      // every category; a ring at the pie's radius hits every slice.
      const points: [number, number][] = [];
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      for (let x = box.x + 4; x < box.x + box.width; x += 12) points.push([x, cy]);
      for (let y = box.y + 4; y < box.y + box.height; y += 8) points.push([cx, y]);
      const radius = (Math.min(box.width, box.height) / 2) * 0.58;
      for (let angle = 0; angle < 360; angle += 10)
        points.push([cx + radius * Math.cos((angle * Math.PI) / 180), cy + radius * Math.sin((angle * Math.PI) / 180)]);
      for (const [x, y] of points) {
        await on.mouse.move(x, y);
        if (sawMarkupAsText) continue;
        const tooltipText = await on.evaluate(() =>
          Array.from(document.querySelectorAll('.chart-tooltip'))
            .map((node) => node.textContent ?? '')
            .join('\n'),
        );
        if (tooltipText.includes(productTitle)) sawMarkupAsText = true;
      }
      await assertNothingRan(`chart ${index}`);
    }
    // The top-products tooltip showed the markup title, as text.
    expect(sawMarkupAsText).toBe(true);
  }

  /** Clicks each button in the first rows of every table (details, drawers, confirmations), then closes what opened. */
  async function openEveryRow(on: Page, route: string): Promise<void> {
    const buttons = on.locator('.t-table tbody tr:nth-child(-n+2) button');
    const count = Math.min(await buttons.count(), 8);
    for (let index = 0; index < count; index++) {
      const button = buttons.nth(index);
      if (!(await button.isVisible().catch(() => false))) continue;
      await button.click({ timeout: 3000 }).catch(() => undefined);
      await on.waitForTimeout(300);
      await assertNothingRan(`${route} row button ${index}`);
      await closeOverlays(on);
      if (!on.url().endsWith(`#${route}`)) {
        await on.goto(`${emu.url}/#${route}`);
        await on.locator('.page-header__title').first().waitFor();
      }
    }
  }

  async function closeOverlays(on: Page): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const open = on.locator('.t-dialog, .t-drawer__content-wrapper').filter({ visible: true });
      if ((await open.count()) === 0) return;
      await on.keyboard.press('Escape');
      await on.waitForTimeout(250);
      const cancel = on
        .locator('.t-dialog__footer button, .t-drawer__footer button')
        .filter({ hasText: /取消|关闭/ })
        .filter({ visible: true });
      if ((await cancel.count()) > 0)
        await cancel
          .first()
          .click({ timeout: 2000 })
          .catch(() => undefined);
      const closeIcon = on.locator('.t-dialog__close, .t-drawer__close-btn').filter({ visible: true });
      if ((await closeIcon.count()) > 0)
        await closeIcon
          .first()
          .click({ timeout: 2000 })
          .catch(() => undefined);
      await on.waitForTimeout(250);
    }
  }
}
