/**
 * The withdrawals screen's 打款设置 and 个税报表 tabs in a real browser (issue 18): the owner lowers the
 * two-operator threshold and turns tax withholding on; a withdrawal taxed under those settings is paid by a second
 * operator; the month's report shows the person masked with income and tax, and a finance account sees the
 * settings as text only. What the page did is checked through the API.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { api, apiOk, STAFF_PASSWORD, staffToken } from '../../cloudfunctions/_tests/support/admin-http';
import { emulatorNow } from '../../cloudfunctions/_tests/support/operator';
import { ok } from '../../cloudfunctions/_tests/support/shopper';
import { buildScenario, type Scenario } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(60_000);

/** A distributor made for this test, so its balance can be seeded fresh. */
const TAXPAYER = 'o-taxpayer';

let shop: Scenario;
const session = useAdminSession({
  setup: async (emu) => {
    shop = await buildScenario(emu);
  },
});
const emu = session.emu;
let page: Page;

const toast = (text: string) => session.toast(text);

async function openTab(target: Page, label: string): Promise<void> {
  await target.goto(`${emu.url}/#/withdrawals`);
  await target.locator('.page-header__title', { hasText: '提现' }).waitFor();
  await target.locator('.t-tabs__nav-item', { hasText: label }).click();
}

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
  });

  test('owner sets the threshold in ¥ and turns tax on; a second operator pays; the report shows the tax', async () => {
    await openTab(page, '打款设置');
    const form = page.getByTestId('payout-settings-form');
    const threshold = form.locator('input[name="secondOperatorAbove"]');
    await expect(threshold.inputValue()).resolves.toBe('500.00');
    await threshold.fill('一千元');
    await form.getByRole('button', { name: '保存打款设置' }).click();
    await form.getByText('金额格式不对').waitFor();
    await threshold.fill('¥1000');
    await form.getByTestId('tax-withholding').click();
    await form.getByRole('button', { name: '保存打款设置' }).click();
    await toast('打款设置已保存');
    await screenshot(page, 'payout-settings');
    const settings = await apiOk(emu, 'GET', '/settings/payouts', { token: shop.ownerToken });
    expect(settings).toMatchObject({ secondOperatorAboveFen: 100000, taxWithholding: true, channel: 'manual' });

    const finance = await staffToken(emu, shop.ownerToken, 'finance');
    // A new distributor with ¥5,000 settled withdraws ¥3,000 under withholding: (3000 − 800) × 20% = ¥440.
    await ok(emu, 'distributorCenter', { $url: 'apply', name: '张一', phone: '13800000011', reason: '' }, TAXPAYER);
    await apiOk(emu, 'POST', `/distributors/${TAXPAYER}/approve`, { token: shop.ownerToken });
    await emu.emulator.services.db.seed('balances', [
      { _id: TAXPAYER, frozen: 0, available: 500000, held: 0, withdrawn: 0, debt: 0, updatedAt: Date.now() },
    ]);
    await ok(
      emu,
      'distributorCenter',
      { $url: 'savePayee', realName: '<b>张一</b>', idNumber: '110105194912310021' },
      TAXPAYER,
    );
    const { withdrawalId } = await ok<{ withdrawalId: string }>(
      emu,
      'requestWithdrawal',
      { requestId: randomUUID(), amountFen: 300000 },
      TAXPAYER,
    );
    await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: shop.ownerToken });
    // Above the ¥1,000 typed on the page, the approver may not also pay it.
    const refused = await api(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, {
      token: shop.ownerToken,
      body: { payoutReference: 'BANK-1' },
    });
    expect(refused.body.error.code).toBe('SECOND_OPERATOR_REQUIRED');
    await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, {
      token: finance,
      body: { payoutReference: 'BANK-1' },
    });

    const month = new Date((await emulatorNow(emu)) + 8 * 3600_000).toISOString().slice(0, 7);
    await openTab(page, '个税报表');
    const row = page.getByTestId('tax-report-table').locator('tr', { hasText: '110***********0021' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/<\*[\s\S]*¥3,000\.00[\s\S]*¥440\.00/);
    await expect(page.getByTestId('tax-report-totals').innerText()).resolves.toMatch(/¥3,000\.00[\s\S]*¥440\.00/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('tax-report').getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`income-tax-${month}.csv`);
    await screenshot(page, 'tax-report');
  });

  test('a finance account sees the payout settings as text, with nothing to change', async () => {
    const financePage = await session.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    financePage.setDefaultTimeout(15_000);
    try {
      await session.signIn(financePage, 'finance', STAFF_PASSWORD);
      await openTab(financePage, '打款设置');
      const readOnly = financePage.getByTestId('payout-settings-readonly');
      await readOnly.getByText('¥1,000.00').waitFor();
      await readOnly.getByText('代扣个税：已开启').waitFor();
      await expect(financePage.getByTestId('payout-settings-form').count()).resolves.toBe(0);
      await expect(financePage.getByRole('button', { name: '保存打款设置' }).count()).resolves.toBe(0);
    } finally {
      await financePage.close();
    }
  });
}
