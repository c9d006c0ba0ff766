/**
 * The operators' order desk (issue 16) in a real browser at a phone's width (390 px): status tabs, the search box,
 * batch shipping from a CSV with a report per line (an order with an open after-sale is refused, not shipped), and
 * the refund queue showing the amount the core computed when the shopper asked instead of "—".
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { useEmulator } from '../../emulator/test/support/emulator';
import type { EmulatorOptions } from '../../emulator/src/emulator';
import { buildScenario, OWNER_PASSWORD, type Scenario } from './support/scenario';
import { buildAdmin, type AdminBuild } from './support/build';
import { CHROMIUM, launchBrowser, screenshot } from './support/browser';

jest.setTimeout(60_000);

const options: EmulatorOptions = {};
let build: AdminBuild | undefined;
beforeAll(() => {
  build = buildAdmin();
  options.staticDir = build.dir;
});
afterAll(() => build?.remove());

const emu = useEmulator(options, { resetBeforeEach: false });
let browser: Browser;
let page: Page;
let shop: Scenario;

const dialog = () => page.locator('.t-dialog').filter({ visible: true }).last();
const open = async (hash: string, heading: string) => {
  await page.goto(`${emu.url}/#${hash}`);
  await page.locator('.page-header__title', { hasText: heading }).waitFor();
};
const orderDoc = async (id: string): Promise<any> =>
  ((await emu.request('GET', '/_emulator/db/orders')).body.data as any[]).find((order) => order._id === id);
const noSidewaysScroll = async () => {
  const fits = await page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1,
  );
  if (!fits) {
    // Name what sticks out, so a failure says where to look.
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 8)
        .map(
          (el) => `${el.tagName}.${String(el.className).slice(0, 60)} ${Math.round(el.getBoundingClientRect().right)}`,
        ),
    );
    console.log('wider than the screen:', wide);
  }
  return fits;
};

if (!existsSync(CHROMIUM)) {
  test.todo(`browser tests: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
} else {
  beforeAll(async () => {
    process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
    shop = await buildScenario(emu);
    await build?.ready;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    await page.goto(emu.url);
    await page.getByPlaceholder('例如 owner').fill('owner');
    await page.getByPlaceholder('请输入密码').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').filter({ hasText: 'owner' }).waitFor();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  test('orders at 390 px: tabs, search, and a batch shipment with a report per line', async () => {
    await open('/orders', '订单');
    await page.getByTestId('order-tabs').getByText('待发货').first().waitFor();
    await screenshot(page, 'order-desk-orders-390');
    await page.getByTestId('order-search').locator('input').waitFor();
    expect(await noSidewaysScroll()).toBe(true);

    await page.getByTestId('batch-ship').click();
    const csv = [
      '订单号,快递公司,运单号',
      `${shop.toShip},顺丰速运,SF0000000001`,
      `${shop.refunded},中通快递,ZT0000000002`,
    ];
    await dialog().locator('textarea').fill(csv.join('\n'));
    await dialog().getByRole('button', { name: '开始发货' }).click();
    const report = page.getByTestId('batch-ship-report');
    await report.getByText('成功 1 单，失败 1 单').waitFor();
    await report.getByText('该订单有未处理的售后申请').waitFor();
    await screenshot(page, 'order-desk-batch-ship-390');
    expect((await orderDoc(shop.toShip)).status).toBe('shipped');
    expect((await orderDoc(shop.refunded)).status).toBe('paid');
    await dialog().getByRole('button', { name: '完成' }).click();
  });

  test('refund queue at 390 px: the refundable amount shows before approval', async () => {
    await open('/refunds', '售后退款');
    const row = page.getByTestId('refunds-table').locator('tr', { hasText: shop.refunded });
    await row.getByText('¥39.90').waitFor();
    await row.getByText('仅退款').waitFor();
    await row.getByRole('button', { name: '改金额退款' }).waitFor();
    expect(await noSidewaysScroll()).toBe(true);
    await screenshot(page, 'order-desk-refunds-390');
  });
}
