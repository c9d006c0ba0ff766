/**
 * The marketing centre in a real browser (issue 17): the owner creates a coupon through the editor (a title with
 * markup shows as text and never runs), a shopper claims it through `shop` and the list's claimed figure follows,
 * the stop button stops it; a group buy made through the editor appears in its tab. Each result is checked through
 * the database too.
 */
import type { Page } from 'playwright-core';
import { seedShop } from '../../cloudfunctions/_tests/support/admin-http';
import { S } from '../../cloudfunctions/_tests/support/commerce';
import { emulatorNow } from '../../cloudfunctions/_tests/support/operator';
import { documents, ok } from '../../cloudfunctions/_tests/support/shopper';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(60_000);

const session = useAdminSession({ setup: seedShop });
const emu = session.emu;
let page: Page;

// 39 characters: the editor keeps titles to 40.
const MARKUP_TITLE = '<img src=x onerror=window.__pwned=1>减5元';
const DAY_MS = 86_400_000;
/** A China calendar day as the editor takes it (`2026-12-01`). */
const chinaDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

const { dialog } = session;
const toast = (text: string) => session.toast(text);
const tab = (name: string) => page.locator('.t-tabs__nav-item', { hasText: name }).click();
const table = () => page.getByTestId('marketing-table');
/** The editor's inputs in the order the form shows them. */
const field = (label: string) => dialog().locator('.t-form__item', { hasText: label }).locator('input');

async function fillWindow(): Promise<void> {
  const now = await emulatorNow(emu);
  await field('开始 / 结束')
    .nth(0)
    .fill(chinaDay(now - DAY_MS));
  await field('开始 / 结束')
    .nth(1)
    .fill(chinaDay(now + 7 * DAY_MS));
}

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
  });

  test('a coupon made in the editor is listed with its title as text, claimed figure follows, stop stops it', async () => {
    await page.goto(`${emu.url}/#/marketing`);
    await page.locator('.page-header__title', { hasText: '营销中心' }).waitFor();
    await tab('优惠券');
    await page.getByRole('button', { name: '新建优惠券' }).click();
    await field('名称').fill(MARKUP_TITLE);
    await field('减免（元）').fill('5');
    await field('门槛（元）').fill('50');
    await field('总量 / 每人').nth(0).fill('10');
    await field('总量 / 每人').nth(1).fill('1');
    await fillWindow();
    await dialog().getByRole('button', { name: '创建' }).click();
    await toast('活动已创建');

    const row = table().locator('tr', { hasText: '减 ¥5.00' });
    await row.getByText('0/10').waitFor();
    expect(await row.locator('td').first().innerText()).toBe(MARKUP_TITLE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await table().locator('img').count()).toBe(0);
    const [coupon] = (await documents(emu, 'couponCampaigns')).filter((c) => c.title === MARKUP_TITLE);
    expect(coupon).toMatchObject({ kind: 'amount_off', amountFen: 500, minSpendFen: 5000, total: 10, perUser: 1 });

    const claim = await ok<{ userCouponId: string }>(emu, 'shop', { $url: 'claimCoupon', couponId: coupon._id }, S);
    expect(claim.userCouponId).toEqual(expect.any(String));
    // The list loads on a tab change; switching away and back shows the live figure.
    await tab('拼团');
    await tab('优惠券');
    await row.getByText('1/10').waitFor();
    await screenshot(page, 'marketing-coupons');

    await row.getByRole('button', { name: '停止' }).click();
    await dialog().getByRole('button', { name: '停止' }).click();
    await toast('已停止');
    await row.getByText('已停止').waitFor();
    expect(await row.getByRole('button', { name: '停止' }).count()).toBe(0);
    const stopped = (await documents(emu, 'couponCampaigns')).find((c) => c._id === coupon._id);
    expect(stopped.status).toBe('stopped');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('a group buy made in the editor appears in the 拼团 tab', async () => {
    await tab('拼团');
    await page.getByRole('button', { name: '新建拼团' }).click();
    await field('商品 ID').fill('p-nuts');
    await field('拼团价（元）').fill('69');
    await field('成团人数 / 时限（小时）').nth(0).fill('3');
    await field('成团人数 / 时限（小时）').nth(1).fill('24');
    await fillWindow();
    await dialog().getByRole('button', { name: '创建' }).click();
    await toast('活动已创建');
    const row = table().locator('tr', { hasText: '3 人团 ¥69.00' });
    await row.getByText('进行中').waitFor();
    await screenshot(page, 'marketing-group-buys');
    const groupBuys = await documents(emu, 'groupBuys');
    expect(groupBuys).toEqual([
      expect.objectContaining({ productId: 'p-nuts', groupPriceFen: 6900, size: 3, hours: 24, status: 'active' }),
    ]);
  });
}
