/**
 * People, not openids, on the admin page (Chromium against the emulator): members show nickname and masked phone
 * through PersonCell, a whole phone finds its member, a nickname with markup is shown as its characters, the
 * orders screen filters by a distributor chosen by name, and the buyer's note shows as text.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { seedShop } from '../../cloudfunctions/_tests/support/admin-http';
import { A, B, S, chainOfThree } from '../../cloudfunctions/_tests/support/commerce';
import { ADDRESS, ok, pay } from '../../cloudfunctions/_tests/support/shopper';
import { OWNER_PASSWORD } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(120_000);

const dialogs: string[] = [];
const session = useAdminSession({
  setup: () => namedShop(),
  viewport: { width: 1280, height: 900 },
  preparePage: (page) =>
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    }),
  setupTimeoutMs: 180_000,
});
const emu = session.emu;

/** 20 characters: the longest nickname allowed, and markup that would open a dialog if it ever ran. */
const MARKUP_NICKNAME = '<svg onload=alert()>';
const NOTE = '<script>alert(1)</script> 周末不在家，请放快递柜';

async function namedShop(): Promise<void> {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
  await seedShop(emu);
  await chainOfThree(emu);
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: '阿花' }, A);
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: MARKUP_NICKNAME }, B);
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: '小山' }, S);
  const { body } = await emu.request('POST', '/_emulator/phone-codes', { openid: S, phoneNumber: '13800138000' });
  await ok(emu, 'shop', { $url: 'bindPhone', code: body.code }, S);
  const order = await ok<{ outTradeNo: string }>(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: [{ productId: 'p-nuts', quantity: 1 }], address: ADDRESS, buyerNote: NOTE },
    S,
  );
  await pay(emu, order.outTradeNo);
  // An order nobody invited: the distributor filter must leave it out.
  await ok(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: [{ productId: 'p-nuts', quantity: 1 }], address: ADDRESS },
    'o-walk-in',
  );
}

if (session.enabled) {
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  const cellOf = (openid: string) => page.locator(`[data-testid="person-cell"][data-openid="${openid}"]`).first();

  test('members: nickname and masked phone instead of the openid; markup is shown as text', async () => {
    await page.goto(`${emu.url}/#/members`);
    await cellOf(S).waitFor();
    expect(await cellOf(S).innerText()).toMatch(/小山\s*138\*\*\*\*8000/);
    expect(await cellOf(B).locator('.person-name').innerText()).toBe(MARKUP_NICKNAME);
    const table = await page.getByTestId('members-table').innerText();
    expect(table).not.toContain('13800138000');
    expect(table).not.toContain(S);
    await screenshot(page, 'members-people');
    expect(dialogs).toEqual([]);
  });

  test('members: a whole phone finds its member', async () => {
    await page.goto(`${emu.url}/#/members`);
    await cellOf(A).waitFor();
    await page.getByPlaceholder('昵称 / 手机号 / openid').fill('13800138000');
    await page.getByPlaceholder('昵称 / 手机号 / openid').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="members-table"] tbody tr').length === 1);
    const row = page.getByTestId('members-table').locator('tbody tr');
    // The member, then their inviter: both as people.
    expect(await row.locator('[data-testid="person-cell"]').first().getAttribute('data-openid')).toBe(S);
    expect(await row.innerText()).toContain(MARKUP_NICKNAME);
  });

  test('orders: the distributor is chosen by name, and the buyer and note show as text', async () => {
    await page.goto(`${emu.url}/#/orders`);
    await cellOf(S).waitFor();
    expect(await page.getByTestId('orders-table').locator('tbody tr').count()).toBe(2);
    const picker = page.getByTestId('distributor-picker');
    await picker.click();
    await picker.locator('input').fill('阿花');
    await page.locator('.t-select-option').filter({ hasText: '阿花' }).first().click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="orders-table"] tbody tr').length === 1);
    expect(await page.getByTestId('orders-table').innerText()).toContain('小山');
    await screenshot(page, 'orders-distributor-picker');

    await page.getByTestId('orders-table').getByRole('button', { name: '详情' }).first().click();
    await page.getByTestId('buyer-note').waitFor();
    expect(await page.getByTestId('buyer-note').innerText()).toBe(NOTE);
    expect(
      await page.getByTestId('order-detail').locator(`[data-openid="${B}"] .person-name`).first().innerText(),
    ).toBe(MARKUP_NICKNAME);
    await screenshot(page, 'order-detail-people');
    expect(dialogs).toEqual([]);
  });
}
