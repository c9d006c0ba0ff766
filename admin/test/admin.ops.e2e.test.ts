/**
 * The operator tools added for issue 13 in a real browser: the reconciliation queue (a payment WeChat took for a
 * trade the shop has no order for, found by the daily timer, resolved with a note) and 个人信息删除 from the
 * members screen. Each result is checked through the API and the emulator's database.
 */
import type { Page } from 'playwright-core';
import { chinaDayBounds } from '../../core/src';
import { connectSdk } from '../../emulator/test/support/emulator';
import { apiOk } from '../../cloudfunctions/_tests/support/admin-http';
import { S } from '../../cloudfunctions/_tests/support/commerce';
import { emulatorNow } from '../../cloudfunctions/_tests/support/operator';
import { buildScenario, OWNER_PASSWORD, type Scenario } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(60_000);

let shop: Scenario;
const session = useAdminSession({
  setup: async () => {
    shop = await buildScenario(emu);
    // Before signing in: the clock jump to the next morning would otherwise end the page's session.
    await strangerPaymentReconciled();
    shop.ownerToken = (
      await apiOk<{ token: string }>(emu, 'POST', '/session', { body: { username: 'owner', password: OWNER_PASSWORD } })
    ).token;
  },
});
const emu = session.emu;
let page: Page;

const { dialog } = session;
const toast = (text: string) => session.toast(text);
const open = (hash: string, heading: string) => session.open(hash, heading);
const dbDocs = async (collection: string): Promise<any[]> => {
  const { status, body } = await emu.request('GET', `/_emulator/db/${collection}`);
  expect(status).toBe(200);
  return Array.isArray(body) ? body : (body.documents ?? body.items ?? body.data);
};

/** WeChat takes 43.21 for a trade the shop never ordered; the next morning's reconciliation queues it. */
async function strangerPaymentReconciled(): Promise<void> {
  const cloud = connectSdk(emu.url);
  await cloud.cloudPay.unifiedOrder({
    body: '不明款项',
    outTradeNo: 'STRANGER-1',
    spbillCreateIp: '127.0.0.1',
    subMchId: 'local-sub-mch',
    totalFee: 4321,
    envId: 'local-dev',
    functionName: 'payCallback',
    nonceStr: 'n',
    tradeType: 'JSAPI',
    subOpenid: 'o-stranger',
  });
  await emu.emulator.services.pay.simulatePayment('STRANGER-1', { deliveries: 0 });
  const { end } = chinaDayBounds(await emulatorNow(emu));
  await emu.request('POST', '/_emulator/clock', { now: end + 10 * 3_600_000 + 30_000 });
  const { status } = await emu.request('POST', '/_emulator/timers/reconcilePayments/daily');
  expect(status).toBe(200);
}

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
  });

  test('reconciliation: the queued payment is listed and resolved with a required note', async () => {
    await open('/reconciliation', '对账差异');
    const row = page.getByTestId('mismatches-table').locator('tr', { hasText: 'STRANGER-1' });
    await row.getByText('微信有而本店无（支付）').waitFor();
    await row.getByText('¥43.21').waitFor();
    await row.getByText('待处理').waitFor();
    await screenshot(page, 'reconciliation');
    await row.getByRole('button', { name: '处理' }).click();
    await dialog().getByRole('button', { name: '标记已处理' }).click();
    await dialog().getByText('请填写处理说明').waitFor();
    await dialog().locator('textarea').fill('<b>已在商户平台原路退款</b>');
    await dialog().getByRole('button', { name: '标记已处理' }).click();
    await toast('对账差异已处理');
    const { items } = await apiOk(emu, 'GET', '/reconciliation/mismatches', { token: shop.ownerToken });
    expect(items).toEqual([
      expect.objectContaining({
        _id: 'payment-missing-here:STRANGER-1',
        status: 'resolved',
        resolvedBy: 'owner',
        note: '<b>已在商户平台原路退款</b>',
      }),
    ]);
    await page.getByTestId('mismatches-table').getByText('没有对账差异').waitFor();
  });

  test('members: the owner erases a shopper; personal data goes, order amounts stay', async () => {
    const ordersBefore = (await dbDocs('orders')).filter((order) => order.buyerOpenid === S);
    expect(ordersBefore.length).toBeGreaterThan(0);
    await open('/members', '会员');
    // The member's own cell (the first column) names them; an inviter cell elsewhere may name them too.
    const row = page.locator(`[data-testid="members-table"] tr:has(td:first-child [data-openid="${S}"])`).first();
    await row.getByRole('button', { name: '删除个人信息' }).click();
    await dialog().getByText('将保留：订单金额').waitFor();
    await dialog().locator('textarea').fill('用户来电要求删除');
    await dialog().getByRole('button', { name: '确认删除' }).click();
    // S never set a nickname: the toast names them as WeChat does, 微信用户.
    await toast('已删除 微信用户 的个人信息');
    await row.getByText('个人信息已删除').waitFor();
    expect(await row.getByRole('button', { name: '删除个人信息' }).count()).toBe(0);

    const user = (await dbDocs('users')).find((doc) => doc._id === S);
    expect(user).toMatchObject({ erasedAt: expect.any(Number) });
    expect(user).not.toHaveProperty('nickname');
    expect(user).not.toHaveProperty('avatarUrl');
    const ordersAfter = (await dbDocs('orders')).filter((order) => order.buyerOpenid === S);
    for (const before of ordersBefore) {
      const after = ordersAfter.find((order) => order._id === before._id);
      expect(after.address).toEqual({ erasedAt: expect.any(Number) });
      expect(after).toMatchObject({ totalFen: before.totalFen, status: before.status, lines: before.lines });
    }
  });
}
