/**
 * The merchant admin page in a real browser (Debian's Chromium through playwright-core) against an in-process
 * emulator serving this build: sign in, dashboard, products, distributors, orders, refunds, withdrawals and the
 * other screens, each kept as a screenshot in test-artifacts/admin/. The steps share one signed-in page and run in
 * order; each checks what the operator did through the API, not only on screen.
 */
import type { Page } from 'playwright-core';
import { apiOk } from '../../cloudfunctions/_tests/support/admin-http';
import { APPLICANT, buildScenario, OWNER_PASSWORD, type Scenario } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(60_000);

let shop: Scenario;
// Not signed in: the first test signs in through the screen, a wrong password first.
const session = useAdminSession({
  setup: async (emu) => {
    shop = await buildScenario(emu);
  },
  signIn: false,
  setupTimeoutMs: 90_000,
});
const emu = session.emu;
let page: Page;

const owner = () => shop.ownerToken;
const { dialog } = session;
const toast = (text: string) => session.toast(text);
const open = (hash: string, heading: string) => session.open(hash, heading);

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
  });

  test('sign in: a wrong password is refused with the server message, the right one opens the dashboard', async () => {
    await page.goto(emu.url);
    await page.getByPlaceholder('例如 owner').fill('owner');
    await page.getByPlaceholder('请输入密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
    await screenshot(page, 'login');

    await page.getByPlaceholder('请输入密码').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').filter({ hasText: 'owner' }).waitFor();
    await page.locator('.page-header__title', { hasText: '数据概览' }).waitFor();
  });

  test('dashboard: figures and charts drawn from the real orders', async () => {
    const today = await apiOk(emu, 'GET', '/dashboard?range=today', { token: owner() });
    // 2 × 99.00 nuts + 2 × 39.90 mango (+ 8.00 shipping under the free-shipping line) = 285.80
    expect(today.salesFen).toBe(28580);
    await page.getByTestId('kpi-sales').filter({ hasText: '¥285.80' }).waitFor();
    await page.getByTestId('kpi-orders').filter({ hasText: '2' }).waitFor();
    // Paid GMV, refunds and net apart (the refund asked for is not approved yet), shares rounded, not truncated:
    // 2 paid of 3 placed = 66.67%; commission 29.70 + 15.84 + 11.97 + 6.38 = 63.89 of 285.80 net = 22.35%.
    expect(today).toMatchObject({ refundedFen: 0, netSalesFen: 28580, paidConversionBp: 6667 });
    await page.getByTestId('kpi-net').filter({ hasText: '¥285.80' }).waitFor();
    await page.getByTestId('kpi-refunds').filter({ hasText: '¥0.00' }).waitFor();
    await page.getByTestId('kpi-conversion').filter({ hasText: '66.67%' }).waitFor();
    await page.getByTestId('kpi-commission').filter({ hasText: '¥63.89' }).waitFor();
    await page.getByTestId('kpi-commission-share').filter({ hasText: '22.35%' }).waitFor();
    // The product funnel from the same counters: 2 orders placed with nuts or mango paid, none refunded yet.
    await page.getByTestId('funnel-products').getByText('每日坚果 30 袋装').waitFor();
    const trend = page.locator('[data-testid="chart"][aria-label="销售额与订单趋势"]');
    await trend.and(page.locator('[data-rendered="true"]')).waitFor();
    const inked = await trend.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i + 3] as number) > 0 && (data[i] as number) < 200) count++;
      return count;
    });
    expect(inked).toBeGreaterThan(500);
    await page.locator('[aria-label="热销商品"][data-rendered="true"]').waitFor();
    await screenshot(page, 'dashboard');
  });

  test('products: create one with a price typed in yuan, stored in fen exactly', async () => {
    await open('/products', '商品');
    await page.getByRole('button', { name: '新建商品' }).click();
    const editor = page.getByTestId('product-editor');
    await editor.locator('input[name="title"]').fill('桂花乌龙 礼盒装');
    await editor.locator('input[name="price"]').fill('1.1.1');
    await editor.locator('input[name="stock"]').fill('8');
    await page.getByRole('button', { name: '保存' }).click();
    await editor.getByText('以元为单位，最多两位小数').waitFor();
    await screenshot(page, 'product-editor');
    // As an operator types it with the yuan sign (issue 15: "¥19.90 is refused"); the page sends the canonical text.
    await editor.locator('input[name="price"]').fill('¥12.30');
    await page.getByRole('button', { name: '保存' }).click();
    await toast('商品已创建');
    await page.getByTestId('products-table').getByText('桂花乌龙 礼盒装').waitFor();
    const found = await apiOk(emu, 'GET', `/products?q=${encodeURIComponent('桂花乌龙')}`, { token: owner() });
    expect(found.items).toEqual([
      expect.objectContaining({ title: '桂花乌龙 礼盒装', priceFen: 1230, stock: 8, onShelf: true }),
    ]);
    await screenshot(page, 'products');
  });

  test('distributors: approve an application', async () => {
    await open('/distributors', '分销员');
    // Lists show personal data masked: 王小明 is 王*.
    const row = page.getByTestId('applications-table').locator('tr', { hasText: '王*' });
    await row.getByRole('button', { name: '通过' }).click();
    await dialog().getByRole('button', { name: '通过' }).click();
    await toast('已通过 王* 的申请');
    const approved = await apiOk(emu, 'GET', '/distributors?status=approved', { token: owner() });
    expect(approved.items.map((d: { _id: string }) => d._id)).toContain(APPLICANT);
    await page.locator('.t-tabs__nav-item', { hasText: '分销员列表' }).click();
    // Shown as a person (PersonCell), not as the openid.
    await page
      .getByTestId('distributors-table')
      .locator(`[data-testid="person-cell"][data-openid="${APPLICANT}"]`)
      .first()
      .waitFor();
    await screenshot(page, 'distributors');
  });

  test('orders: ship a paid order with carrier and tracking number', async () => {
    await open('/orders', '订单');
    const row = page.getByTestId('orders-table').locator('tr', { hasText: shop.toShip });
    await row.getByRole('button', { name: '详情' }).click();
    await page.getByTestId('order-detail').getByText('佣金明细 · 规则版本 v2').waitFor();
    await screenshot(page, 'order-detail');
    await page.locator('.t-drawer').filter({ visible: true }).getByRole('button', { name: '发货' }).click();
    await dialog().getByPlaceholder('例如 SF1234567890').fill('SF1234567890');
    await dialog().getByRole('button', { name: '确认发货' }).click();
    await toast(`订单 ${shop.toShip} 已发货`);
    const { order } = await apiOk(emu, 'GET', `/orders/${shop.toShip}`, { token: owner() });
    expect(order).toMatchObject({ status: 'shipped', shipping: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } });
    await row.getByText('已发货').waitFor();
    await screenshot(page, 'orders');
  });

  test('refunds: the order behind an open request will not ship (issue 16): the refusal links to it, the request stays queued', async () => {
    await open('/refunds', '售后退款');
    const row = page.getByTestId('refunds-table').locator('tr', { hasText: shop.refunded });
    await row.getByRole('button', { name: shop.refunded }).click();
    await page.locator('.t-drawer').filter({ visible: true }).getByRole('button', { name: '发货' }).click();
    await dialog().getByPlaceholder('例如 SF1234567890').fill('YT0000000001');
    await dialog().getByRole('button', { name: '确认发货' }).click();
    await dialog().getByText('该订单有未处理的售后申请').waitFor();
    await dialog().getByText('去处理售后').waitFor();
    const { order } = await apiOk(emu, 'GET', `/orders/${shop.refunded}`, { token: owner() });
    expect(order.status).toBe('paid');
    expect(order.shipping).toBeUndefined();
    await dialog().getByRole('button', { name: '取消' }).click();
    await page.keyboard.press('Escape');
    await row.getByRole('button', { name: '同意退款' }).waitFor();
  });

  test('refunds: approve a partial refund after confirming', async () => {
    await open('/refunds', '售后退款');
    const row = page.getByTestId('refunds-table').locator('tr', { hasText: shop.refunded });
    await row.getByText('部分退款').waitFor();
    await row.getByRole('button', { name: '同意退款' }).click();
    await dialog().getByText('不可撤销').waitFor();
    await screenshot(page, 'refund-confirm');
    await dialog().getByRole('button', { name: '同意并退款' }).click();
    await toast('已同意退款');
    const { items } = await apiOk(emu, 'GET', `/refunds?orderId=${shop.refunded}`, { token: owner() });
    expect(items).toEqual([
      expect.objectContaining({
        status: expect.stringMatching(/^(approved|refunded)$/),
        refundFen: 3990,
        decidedBy: 'owner',
      }),
    ]);
    await page.getByTestId('refunds-table').getByText('没有待处理的售后申请').waitFor();
    await screenshot(page, 'refunds');
  });

  test('withdrawals: approve, then mark paid with the payout reference', async () => {
    await open('/withdrawals', '提现');
    const queue = page.getByTestId('withdrawals-table');
    await queue.getByText('¥200.00').first().waitFor();
    await screenshot(page, 'withdrawals');
    await queue.getByRole('button', { name: '通过' }).click();
    await dialog().getByRole('button', { name: '通过' }).click();
    await toast('已通过，待打款');

    await open('/withdrawals?status=approved', '提现');
    await queue.getByRole('button', { name: '标记已打款' }).click();
    await dialog().getByRole('button', { name: '确认已打款 ¥200.00' }).click();
    await dialog().getByText('请填写打款凭证').waitFor();
    await dialog().getByPlaceholder('银行流水号或企业付款单号').fill('BANK-20240501-001');
    await dialog().getByRole('button', { name: '确认已打款 ¥200.00' }).click();
    await toast('已标记为已打款');
    const { items } = await apiOk(emu, 'GET', '/withdrawals?status=paid', { token: owner() });
    expect(items).toEqual([
      expect.objectContaining({ _id: shop.withdrawalId, payoutReference: 'BANK-20240501-001', decidedBy: 'owner' }),
    ]);
  });

  test('rules: three levels show the compliance note; changes apply to orders paid afterwards', async () => {
    await open('/rules', '分销规则');
    await page.getByTestId('applies-note').getByText('只对此后支付的订单生效').waitFor();
    expect(await page.getByTestId('compliance-note').count()).toBe(0);
    await page.getByTestId('rules-form').getByText('3 级', { exact: true }).click();
    await page.getByTestId('compliance-note').waitFor();
    await screenshot(page, 'rules');
  });

  test('the remaining screens render with their data', async () => {
    await open('/settings', '店铺设置');
    await page.getByTestId('store-form').locator('input').first().waitFor();
    // The logo goes to cloud storage; the form keeps its fileID and shows the picture.
    const onePixelPng = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: onePixelPng });
    await toast('图片已上传，保存后生效');
    await page.getByTestId('store-form').getByRole('button', { name: '保存' }).click();
    await toast('店铺设置已保存');
    const settings = await apiOk(emu, 'GET', '/settings/store', { token: owner() });
    expect(settings.logo).toMatch(/^cloud:\/\/.+\/uploads\/[0-9a-f]{32}\.png$/);
    await screenshot(page, 'settings');

    await open('/members', '会员');
    await page.getByTestId('members-table').locator('[data-testid="person-cell"][data-openid="o-S"]').first().waitFor();
    await screenshot(page, 'members');

    await open('/materials', '推广素材');
    await page.getByTestId('materials-table').waitFor();
    await screenshot(page, 'materials');

    await open('/audit', '操作日志');
    await page.getByTestId('audit-table').getByText('提现已打款').waitFor();
    // Objects and fields in the operators' words, each object linked to the screen that shows it.
    const withdrawal = page.getByTestId('audit-object-link').filter({ hasText: '提现单' }).first();
    expect(await withdrawal.getAttribute('href')).toBe(`#/withdrawals?q=${encodeURIComponent(shop.withdrawalId)}`);
    await page
      .getByTestId('audit-table')
      .getByText(/状态、/)
      .first()
      .waitFor();
    expect(await page.getByTestId('audit-table').textContent()).not.toMatch(/withdrawals\/|rejectReason|decidedAt/);
    await screenshot(page, 'audit-log');

    await open('/operators', '账号管理');
    await page.getByText('店主').first().waitFor();
    await screenshot(page, 'operators');
  });
}
