/**
 * The pages against the server's real answers, where hand-copied shapes once drifted (a canned answer with the same
 * wrong value hid each of these): the emulator runs the real functions and the pages' own logic reads them over
 * HTTP. Approval recruitment: the applicant sees 审核中 (the server writes `applied`), a rejected applicant applies
 * again, and the form states the saved rates; coupons show what they take off (`amount_off`, `percent_off`);
 * materials show their `body` and `images`, and 复制文案 copies the body.
 */

import { config } from '../config';
import { forgetInviteCode } from '../services/distributor';
import { recorder, render, resetWx, until, useRealNetwork, type Rendered } from './support/harness';
import type { Coupon, Material } from '@shop/contract';

// Required rather than imported: see flow.e2e.test.ts (the emulator's types clash with miniprogram-api-typings).
interface EmulatorHandle {
  readonly url: string;
  request(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
}
const { useEmulator } = require('../../emulator/test/support/emulator') as {
  useEmulator(options?: object, flags?: { resetBeforeEach?: boolean }): EmulatorHandle;
};
const { operatorFlows, emulatorNow } = require('../../cloudfunctions/_tests/support/operator') as {
  operatorFlows(emu: EmulatorHandle): unknown;
  emulatorNow(emu: EmulatorHandle): Promise<number>;
};
const { DEFAULT_RULES } = require('../../core/src') as { DEFAULT_RULES: Record<string, unknown> };

const { openApplication } = require('../../cloudfunctions/_shared/store/personal-records') as {
  openApplication(application: object, owner: string): { name: string };
};

// The functions seal applicants' names; the test holds the same key so it can read what they stored.
const DATA_KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
process.env.SHOP_DATA_KEY = DATA_KEY;
const emu = useEmulator({ dataKey: DATA_KEY }, { resetBeforeEach: false });
const APPLICANT = 'o-drift-applicant';
const SHOPPER = 'o-drift-shopper';

function as(openid: string): void {
  config.localOpenid = openid;
  forgetInviteCode();
}

async function seed(collection: string, documents: object[]): Promise<void> {
  const answer = await emu.request('POST', `/_emulator/db/${collection}`, { documents });
  expect(answer.status).toBe(200);
}

async function stored(collection: string, id: string): Promise<any> {
  return ((await emu.request('GET', `/_emulator/db/${collection}`)).body.data as any[]).find((doc) => doc._id === id);
}

/** An operator's decision, run as adminApi runs it (the same flow, through the real SDK). */
async function decide(openid: string, decision: 'approve' | 'reject', reason?: string): Promise<void> {
  operatorFlows(emu);
  const { decideDistributor } =
    require('../../cloudfunctions/_shared/workflows/distributors') as typeof import('../../cloudfunctions/_shared/workflows/distributors');
  await decideDistributor(openid, decision, 'operator', await emulatorNow(emu), reason);
}

async function applyWith(center: Rendered, name: string): Promise<void> {
  await center.fire('.center__name', 'change', { value: name });
  await center.fire('.center__phone', 'change', { value: '13800138000' });
  await center.tap('.center__apply-button');
}

beforeAll(async () => {
  await emu.request('POST', '/_emulator/reset', { seed: true });
  // Approval recruitment with rates that are not the defaults, saved as the admin page saves them.
  const rules = { ...DEFAULT_RULES, version: 2, recruitment: 'approval', levels: 2, levelRatesBp: [1200, 500] };
  const now = await emulatorNow(emu);
  await seed('settings', [
    { _id: 'rules:v2', rules, createdAt: now, createdBy: 'owner' },
    { _id: 'rules:current', rules, createdAt: now, createdBy: 'owner' },
  ]);
  config.useLocalEmulator = true;
  config.emulatorUrl = emu.url;
  resetWx();
  useRealNetwork();
});

describe('approval recruitment', () => {
  test('an applicant sees the saved rates, applies, and then sees 审核中', async () => {
    as(APPLICANT);
    const center = render('distributor/center/index');
    center.page.onShow();
    await until(
      () => center.page.data.status === 'ready',
      'center summary',
      15000,
      () => recorder.toasts,
    );
    expect(center.page.data.summary).toMatchObject({
      status: 'none',
      recruitment: 'approval',
      levelRatesBp: [1200, 500],
    });
    expect(center.text()).toContain('申请成为分销员');
    expect(center.text()).toContain('直接推广 12%，间接推广 5%');

    await applyWith(center, '李四');
    await until(() => center.page.data.summary?.status !== 'none', 'the application');
    expect(center.page.data.summary.status).toBe('applied');
    expect(center.text()).toContain('申请审核中');
    expect(center.$('.center__apply-button')).toBeFalsy();
    const doc = await stored('distributors', APPLICANT);
    expect(doc).toMatchObject({ status: 'applied' });
    expect(doc.application.name).not.toContain('李四');
    expect(openApplication(doc.application, APPLICANT).name).toBe('李四');
  });

  test('a rejected applicant is invited to apply again, and can; an approval then makes a distributor', async () => {
    as(APPLICANT);
    await decide(APPLICANT, 'reject', '资料不全');
    const center = render('distributor/center/index');
    center.page.onShow();
    await until(() => center.page.data.status === 'ready', 'center summary');
    expect(center.page.data.summary.status).toBe('rejected');
    expect(center.text()).toContain('申请未通过');
    expect(center.text()).toContain('可修改后重新申请');

    await applyWith(center, '李小四');
    await until(
      () => center.page.data.summary?.status !== 'rejected',
      'the second application',
      15000,
      () => recorder.toasts,
    );
    expect(center.page.data.summary.status).toBe('applied');
    expect(center.text()).toContain('申请审核中');
    const doc = await stored('distributors', APPLICANT);
    expect(doc).toMatchObject({ status: 'applied' });
    expect(openApplication(doc.application, APPLICANT).name).toBe('李小四');
    expect(doc).not.toHaveProperty('rejectReason');

    await decide(APPLICANT, 'approve');
    await center.page.load();
    expect(center.page.data.summary).toMatchObject({ status: 'approved', inviteCode: expect.any(String) });
  });
});

test('checkout: amount-off and percent-off coupons show what they take off', async () => {
  as(SHOPPER);
  const coupons: Array<Omit<Coupon, 'id'> & { _id: string; openid: string; status: 'unused' }> = [
    {
      _id: 'cp-drift-amount',
      openid: SHOPPER,
      status: 'unused',
      title: '满50减10',
      kind: 'amount_off',
      amountFen: 1000,
      rateBp: undefined,
      minSpendFen: 5000,
      validTo: undefined,
    },
    {
      _id: 'cp-drift-percent',
      openid: SHOPPER,
      status: 'unused',
      title: '九折券',
      kind: 'percent_off',
      amountFen: undefined,
      rateBp: 1000,
      minSpendFen: undefined,
      validTo: undefined,
    },
  ];
  await seed('coupons', JSON.parse(JSON.stringify(coupons)));
  recorder.storage.set('checkout:items', {
    items: [{ productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null }],
    fromCart: false,
  });
  const checkout = render('pages/checkout/index');
  checkout.page.onLoad({});
  await until(
    () => checkout.page.data.status === 'ready' && checkout.page.data.coupons.length === 2,
    'checkout with coupons',
  );
  await checkout.fire('.checkout__coupon-cell', 'click');
  expect(checkout.text()).toContain('满50减10（减¥10.00，满¥50.00可用）');
  expect(checkout.text()).toContain('九折券（立减 10%，无门槛）');

  // Choosing one asks the server for the quote with it: the page shows the server's discount.
  checkout.$$('.checkout__coupon')[1].dispatchEvent('tap');
  await until(() => checkout.page.data.quote?.couponId === 'cp-drift-amount', 'quote with the coupon');
  expect(checkout.page.data.quote).toMatchObject({ subtotalFen: 9900, discountFen: 1000 });
});

test('materials: the body and images show, 复制文案 copies the body, a picture is saved', async () => {
  as(APPLICANT);
  const material: Material = {
    _id: 'm-drift',
    title: '朋友圈文案',
    kind: 'copy',
    body: '好茶推荐：<b>明前龙井</b>，今日下单立减',
    images: ['cloud://local-dev/materials/tea.png'],
    sort: 9,
    createdAt: 1,
  };
  await seed('materials', [material]);
  const saved: string[] = [];
  const wx = (globalThis as any).wx;
  wx.cloud = {
    ...wx.cloud,
    downloadFile: async ({ fileID }: { fileID: string }) => ({
      tempFilePath: `wxfile://tmp/${fileID.split('/').pop()}`,
    }),
  };
  wx.saveImageToPhotosAlbum = async ({ filePath }: { filePath: string }) => void saved.push(filePath);

  const materials = render('distributor/materials/index');
  materials.page.onLoad({});
  await until(() => materials.page.data.status === 'ready', 'materials');
  // Stored text is shown as text: the markup in the body stays characters, never tags.
  expect(materials.text()).toContain('好茶推荐：<b>明前龙井</b>，今日下单立减');
  expect(materials.$('.materials__body').dom.querySelector('b')).toBeNull();
  expect(materials.$('.materials__image').dom.innerHTML).toContain('cloud://local-dev/materials/tea.png');
  await materials.tap('.materials__copy');
  expect(recorder.storage.get('__clipboard')).toBe(material.body);
  await materials.tap('.materials__save');
  await until(() => saved.length === 1, 'the saved picture');
  expect(saved).toEqual(['wxfile://tmp/tea.png']);
});
