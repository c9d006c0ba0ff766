/**
 * The operators' order desk (issue 16) in a real browser at a phone's width (390 px): status tabs, the search box,
 * batch shipping from a CSV with a report per line (an order with an open after-sale is refused, not shipped), and
 * the refund queue showing the amount the core computed when the shopper asked instead of "—".
 */
import type { Page } from 'playwright-core';
import { buildScenario, type Scenario } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(60_000);

let shop: Scenario;
const session = useAdminSession({
  setup: async (emu) => {
    shop = await buildScenario(emu);
  },
  viewport: { width: 390, height: 844 },
  setupTimeoutMs: 300_000,
});
const emu = session.emu;
let page: Page;

const { dialog } = session;
const open = (hash: string, heading: string) => session.open(hash, heading);
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

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
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

    // A search typed in the box must not break 导出 CSV (the CSV route takes the filters, not the search text).
    await page.getByTestId('order-search').locator('input').fill(shop.toShip);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(await download.failure()).toBeNull();
    await page
      .getByText(/已导出/)
      .first()
      .waitFor();
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
