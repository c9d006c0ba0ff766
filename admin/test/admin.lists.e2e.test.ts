/**
 * The members, distributors, withdrawals and refunds screens page by cursor (Chromium against the emulator): 下一页
 * goes on from the last row, 上一页 comes back to the same rows, the last page has no 下一页, a new page size starts
 * from the first page, and nothing on the way scans a collection (the emulator runs in no-table-scan mode).
 */
import type { Page } from 'playwright-core';
import type { EmulatorHandle } from '../../emulator/test/support/emulator';
import { seedShop } from '../../cloudfunctions/_tests/support/admin-http';
import { OWNER_PASSWORD } from './support/scenario';
import { documents } from '../../cloudfunctions/_tests/support/shopper';
import { screenshot } from './support/browser';
import { DESKTOP, useAdminSession } from './support/session';

jest.setTimeout(120_000);

const MEMBERS = 55;
const WITHDRAWALS = 60;
const T0 = Date.UTC(2026, 4, 1);
const pad = (i: number) => String(i).padStart(3, '0');

async function largeShop(emu: EmulatorHandle): Promise<void> {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
  await seedShop(emu);
  await emu.request('POST', '/_emulator/db/users', {
    documents: Array.from({ length: MEMBERS }, (_, i) => ({
      _id: `o-page-${pad(i)}`,
      createdAt: T0 + i * 60_000,
      nickname: `翻页会员${pad(i)}`,
    })),
  });
  await emu.request('POST', '/_emulator/db/withdrawals', {
    documents: Array.from({ length: WITHDRAWALS }, (_, i) => ({
      _id: `w-page-${pad(i)}`,
      openid: `o-page-${pad(i % 5)}`,
      requestId: `page-${pad(i)}`,
      amountFen: 1000,
      feeFen: 0,
      netFen: 1000,
      status: 'requested',
      attempt: 1,
      createdAt: T0 + i * 60_000,
    })),
  });
}

const session = useAdminSession({ setup: largeShop, viewport: { ...DESKTOP, height: 900 } });
const emu = session.emu;

if (session.enabled) {
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  /** The first cells of the rows on screen, once the table shows rows other than `before`. */
  async function rowsAfter(table: string, before: string[] = []): Promise<string[]> {
    await page.waitForFunction(
      ([testId, previous]) => {
        const rows = Array.from(document.querySelectorAll(`[data-testid="${testId}"] tbody tr`));
        const first = rows[0]?.textContent ?? '';
        return rows.length > 0 && !rows[0]?.querySelector('.t-table__empty') && first !== (previous as string[])[0];
      },
      [table, before] as const,
    );
    return page
      .getByTestId(table)
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
  }

  const pager = (table: string) => page.getByTestId(table).getByTestId('keyset-pager');

  test('members: 下一页 and 上一页 walk every member once, newest first, with the exact total', async () => {
    await emu.request('POST', '/_emulator/stats/reset');
    await page.goto(`${emu.url}/#/members`);
    const members = (await documents(emu, 'users')).length;
    const seen: string[] = [];
    let rows = await rowsAfter('members-table');
    expect(await pager('members-table').getByTestId('keyset-pager-position').innerText()).toBe(
      `第 1 页 · 共 ${members} 条`,
    );
    expect(await pager('members-table').getByTestId('keyset-pager-previous').isDisabled()).toBe(true);
    // The newest seeded member first.
    expect(rows[0]).toContain(`翻页会员${pad(MEMBERS - 1)}`);
    seen.push(...rows);
    const pages = Math.ceil(members / 20);
    for (let number = 2; number <= pages; number++) {
      await pager('members-table').getByTestId('keyset-pager-next').click();
      rows = await rowsAfter('members-table', rows);
      expect(await pager('members-table').getByTestId('keyset-pager-position').innerText()).toContain(
        `第 ${number} 页`,
      );
      seen.push(...rows);
    }
    expect(await pager('members-table').getByTestId('keyset-pager-next').isDisabled()).toBe(true);
    expect(seen).toHaveLength(members);
    expect(new Set(seen).size).toBe(members);
    await screenshot(page, 'members-keyset-pager');

    // Back one page: the same rows as when it was first shown.
    const last = rows;
    await pager('members-table').getByTestId('keyset-pager-previous').click();
    rows = await rowsAfter('members-table', last);
    expect(rows).toEqual(seen.slice((pages - 2) * 20, (pages - 1) * 20));
    expect((await emu.request('GET', '/_emulator/stats')).body.scans.total).toBe(0);
  });

  test('withdrawals: pages oldest first; a new page size starts again from the first page', async () => {
    await page.goto(`${emu.url}/#/withdrawals?status=requested`);
    let rows = await rowsAfter('withdrawals-table');
    expect(await pager('withdrawals-table').getByTestId('keyset-pager-position').innerText()).toBe(
      `第 1 页 · 共 ${WITHDRAWALS} 条`,
    );
    await pager('withdrawals-table').getByTestId('keyset-pager-next').click();
    rows = await rowsAfter('withdrawals-table', rows);
    expect(rows).toHaveLength(20);

    // 50 rows per page: the page size starts again from the first page.
    await pager('withdrawals-table').locator('.t-select').click();
    await page.locator('.t-select-option').filter({ hasText: '50 条/页' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="withdrawals-table"] tbody tr').length === 50,
    );
    expect(await pager('withdrawals-table').getByTestId('keyset-pager-position').innerText()).toContain('第 1 页');
  });

  test('distributors and refunds show the cursor pager too', async () => {
    await page.goto(`${emu.url}/#/refunds`);
    await pager('refunds-table').waitFor();
    await page.goto(`${emu.url}/#/distributors`);
    await page.locator('.t-tabs__nav-item', { hasText: '分销员列表' }).click();
    await pager('distributors-table').waitFor();
  });
}
