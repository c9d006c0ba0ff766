/**
 * "我的" with WeChat's own compiler: avatar (chooseAvatar → cloud storage → updateProfile), nickname
 * (type="nickname", saved on blur, shown as text), phone (getPhoneNumber's code → bindPhone, shown masked), and
 * 客服 (open-type="contact").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { MINIPROGRAM_ROOT, recorder, render, resetWx, settle } from './support/harness';
import { cloud, fail, ok } from './support/fixtures';

const g = globalThis as any;
const FACE = { name: '山野茶铺', logo: '', introduction: '好茶', servicePhone: '400-800-1234' };

beforeEach(() => {
  config.useLocalEmulator = false;
});

function shop(profile: { nickname: string | null; avatarFileId: string | null; phoneMasked: string | null }) {
  let current = { ...profile };
  return cloud({
    'shop.profile': () => ok(current),
    'shop.store': ok(FACE),
    'shop.updateProfile': (data: { nickname?: string; avatarFileId?: string }) => {
      current = {
        ...current,
        ...(data.nickname !== undefined ? { nickname: data.nickname } : {}),
        ...(data.avatarFileId !== undefined ? { avatarFileId: data.avatarFileId } : {}),
      };
      return ok(current);
    },
    'shop.bindPhone': (data: { code: string }) =>
      data.code === 'good-code'
        ? ok((current = { ...current, phoneMasked: '138****8000' }))
        : fail('PHONE_CODE_INVALID', '手机号授权已失效，请重新点击获取手机号'),
  });
}

test('the head offers chooseAvatar, a nickname input and the getPhoneNumber button; 客服 is a contact button', async () => {
  resetWx(shop({ nickname: null, avatarFileId: null, phoneMasked: null }));
  const mine = render('pages/mine/index');
  mine.page.onShow();
  await settle();
  // The rendered tree drops native attributes, so the open abilities are checked on the template WeChat compiles.
  const wxml = readFileSync(path.join(MINIPROGRAM_ROOT, 'pages/mine/index.wxml'), 'utf8');
  expect(wxml).toMatch(
    /<button class="mine__avatar-button" open-type="chooseAvatar" bindchooseavatar="onChooseAvatar">/,
  );
  expect(wxml).toMatch(/<input class="mine__name" type="nickname"[^>]*bindblur="onNickname"/);
  expect(wxml).toMatch(
    /<button[^>]*class="mine__phone-button"[^>]*open-type="getPhoneNumber" bindgetphonenumber="onPhone">/,
  );
  expect(wxml).toMatch(/<button class="mine__contact" open-type="contact">/);
  expect(mine.$('.mine__avatar-button')).toBeTruthy();
  expect(mine.text()).toContain('绑定手机号');
  expect(mine.text()).toContain('客服电话 400-800-1234');
  expect(recorder.calls.map((call) => call.data.$url).sort()).toEqual(['profile', 'store']);
});

test('a chosen avatar is uploaded under avatars/ and saved as its fileID', async () => {
  resetWx(shop({ nickname: '小明', avatarFileId: null, phoneMasked: null }));
  const uploads: Array<{ cloudPath: string; filePath: string }> = [];
  g.wx.cloud.uploadFile = async (options: { cloudPath: string; filePath: string }) => {
    uploads.push(options);
    return { fileID: `cloud://env.bucket/${options.cloudPath}`, statusCode: 200, errMsg: 'uploadFile:ok' };
  };
  const mine = render('pages/mine/index');
  mine.page.onShow();
  await settle();
  await mine.fire('.mine__avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/wx-avatar.jpeg' });
  expect(uploads).toEqual([
    { cloudPath: expect.stringMatching(/^avatars\/[a-z0-9]+\.jpeg$/), filePath: 'http://tmp/wx-avatar.jpeg' },
  ]);
  const saved = recorder.calls.find((call) => call.data.$url === 'updateProfile');
  expect(saved?.data).toEqual({ $url: 'updateProfile', avatarFileId: `cloud://env.bucket/${uploads[0]!.cloudPath}` });
  expect(mine.page.data.avatar).toBe(saved?.data.avatarFileId);
});

test('a nickname with markup is saved as typed and shown as text', async () => {
  resetWx(shop({ nickname: null, avatarFileId: null, phoneMasked: null }));
  const mine = render('pages/mine/index');
  mine.page.onShow();
  await settle();
  await mine.fire('.mine__name', 'blur', { value: ' <b>小明</b> ' });
  expect(recorder.calls.find((call) => call.data.$url === 'updateProfile')?.data).toEqual({
    $url: 'updateProfile',
    nickname: '<b>小明</b>',
  });
  expect(mine.page.data.nickname).toBe('<b>小明</b>');
  expect(mine.$('b')).toBeFalsy();
  expect(recorder.toasts).toContain('昵称已保存');
});

test('the phone button: a refusal sends nothing, a code binds and shows the masked phone, a bad code says why', async () => {
  resetWx(shop({ nickname: '小明', avatarFileId: null, phoneMasked: null }));
  const mine = render('pages/mine/index');
  mine.page.onShow();
  await settle();
  await mine.fire('.mine__phone-button', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
  expect(recorder.calls.filter((call) => call.data.$url === 'bindPhone')).toEqual([]);
  await mine.fire('.mine__phone-button', 'getphonenumber', { code: 'used-code', errMsg: 'getPhoneNumber:ok' });
  expect(recorder.toasts).toContain('手机号授权已失效，请重新点击获取手机号');
  await mine.fire('.mine__phone-button', 'getphonenumber', { code: 'good-code', errMsg: 'getPhoneNumber:ok' });
  expect(mine.text()).toContain('138****8000');
  expect(mine.$('.mine__phone-button')).toBeFalsy();
});

test('home: the store name is the title and the share card; the intro shows as text', async () => {
  const titles: string[] = [];
  g.wx.setNavigationBarTitle = (options: { title: string }) => void titles.push(options.title);
  resetWx(
    cloud({
      'shop.categories': ok([]),
      'shop.products': ok({ items: [], hasMore: false }),
      'shop.store': ok({ ...FACE, introduction: '<b>好茶</b>' }),
    }),
  );
  const home = render('pages/home/index');
  home.page.onLoad({});
  await settle();
  expect(titles).toEqual(['山野茶铺']);
  expect(home.text()).toContain('<b>好茶</b>');
  expect(home.page.onShareAppMessage().title).toBe('山野茶铺：好物分享，一起赚');
});

test('checkout: 买家留言 goes with placeOrder, trimmed, and not at all when empty', async () => {
  resetWx(
    cloud({
      'shop.coupons': ok([]),
      'shop.quote': ok({
        lines: [],
        subtotalFen: 9900,
        discountFen: 0,
        couponId: null,
        shippingFen: 0,
        totalFen: 9900,
      }),
      placeOrder: ok({ orderId: 'ord-1', totalFen: 9900, outTradeNo: 'O1', payment: null }),
    }),
  );
  recorder.storage.set('checkout:items', {
    items: [{ productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null }],
    fromCart: false,
  });
  const checkout = render('pages/checkout/index');
  checkout.page.onLoad({});
  await settle();
  expect(checkout.text()).toContain('买家留言');
  await checkout.tap('.checkout__address');
  await checkout.fire('.checkout__note-input', 'input', { value: '  <i>周末</i>请放快递柜 ' });
  await checkout.tap('.checkout__submit');
  expect(recorder.calls.find((call) => call.name === 'placeOrder')?.data.buyerNote).toBe('<i>周末</i>请放快递柜');
});
