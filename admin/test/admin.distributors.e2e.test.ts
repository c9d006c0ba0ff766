/**
 * The Distributors screen in a real browser (issue 18): freeze with a reason and unfreeze from the list, the risk
 * list tab, and the grade editor saving a program. Each result is checked through the API and the database.
 */
import type { Page } from 'playwright-core';
import { apiOk } from '../../cloudfunctions/_tests/support/admin-http';
import { B } from '../../cloudfunctions/_tests/support/commerce';
import { buildScenario, type Scenario } from './support/scenario';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(60_000);

let shop: Scenario;
const session = useAdminSession({
  setup: async (emu) => {
    shop = await buildScenario(emu);
  },
});
const emu = session.emu;
let page: Page;

const { dialog } = session;
const toast = (text: string) => session.toast(text);
const distributorDoc = async (openid: string): Promise<any> => {
  const { body } = await emu.request('GET', '/_emulator/db/distributors');
  return (body.data as any[]).find((doc) => doc._id === openid);
};

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
  });

  test('freeze with a reason from the list, shown as 已冻结; unfreeze lifts it', async () => {
    await page.goto(`${emu.url}/#/distributors`);
    await page.locator('.page-header__title', { hasText: '分销员' }).waitFor();
    await page.locator('.t-tabs__nav-item', { hasText: '分销员列表' }).click();
    // Rows name people, not openids: find B by the openid its PersonCell carries.
    const row = page
      .getByTestId('distributors-table')
      .locator('tr', { has: page.locator(`[data-testid="person-cell"][data-openid="${B}"]`) });
    await row.getByRole('button', { name: '冻结' }).click();
    await dialog().getByText('已赚的佣金仍然保留').waitFor();
    await dialog().getByRole('button', { name: '冻结' }).click();
    await dialog().getByText('请填写冻结原因').waitFor();
    await dialog().locator('textarea').fill('<b>疑似自买</b>');
    await dialog().getByRole('button', { name: '冻结' }).click();
    await toast('已冻结');
    await row.getByText('已冻结').waitFor();
    await screenshot(page, 'distributors-frozen');
    expect((await distributorDoc(B)).freeze).toMatchObject({ reason: '<b>疑似自买</b>', by: 'owner' });

    await row.getByRole('button', { name: '解冻' }).click();
    await dialog().getByRole('button', { name: '解冻' }).click();
    await toast('已解冻');
    await row.getByRole('button', { name: '冻结' }).waitFor();
    expect((await distributorDoc(B)).freeze).toBeUndefined();
  });

  test('the risk list tab computes on demand', async () => {
    await page.locator('.t-tabs__nav-item', { hasText: '风控名单' }).click();
    await page
      .getByTestId('risk-list')
      .getByText(/统计 .* 笔已支付订单/)
      .waitFor();
    await screenshot(page, 'distributors-risks');
  });

  test('the grade editor saves own-results conditions; no recruit condition can be chosen', async () => {
    await page.locator('.t-tabs__nav-item', { hasText: '分销等级' }).click();
    const editor = page.getByTestId('grade-editor');
    await editor.getByText('不能按发展人数或团队业绩升级').waitFor();
    await editor.getByRole('button', { name: '添加等级' }).click();
    const second = editor.locator('.grade-row').nth(1);
    await second.locator('input:not([type=radio])').nth(0).fill('银牌');
    await second.locator('input:not([type=radio])').nth(1).fill('2');
    await second.locator('input:not([type=radio])').nth(4).fill('3');
    await editor.locator('.t-switch').click();
    await editor.getByRole('button', { name: '保存等级' }).click();
    await toast('已保存');
    await screenshot(page, 'distributors-grades');
    expect(await editor.getByText('发展人数 ≥').count()).toBe(0);
    const { program } = await apiOk(emu, 'GET', '/settings/grades', { token: shop.ownerToken });
    expect(program).toMatchObject({
      enabled: true,
      grades: [
        { name: '推广员', conditions: [] },
        {
          name: '银牌',
          rates: { kind: 'uplift', upliftBp: 200 },
          conditions: [{ metric: 'directCustomers', atLeast: 3 }],
        },
      ],
    });
  });

  test('poster backgrounds: an uploaded picture is listed for distributors’ posters', async () => {
    await page.locator('.t-tabs__nav-item', { hasText: '海报背景' }).click();
    const panel = page.getByTestId('poster-backgrounds');
    await panel.getByText('还没有上传背景').waitFor();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await panel.locator('input[type=file]').setInputFiles({ name: '春季.png', mimeType: 'image/png', buffer: png });
    await toast('背景已添加');
    await panel.getByText('春季').waitFor();
    const { items } = await apiOk(emu, 'GET', '/poster-backgrounds', { token: shop.ownerToken });
    expect(items).toEqual([expect.objectContaining({ name: '春季', fileID: expect.stringMatching(/^cloud:\/\//) })]);
  });
}
