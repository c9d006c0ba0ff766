/** Entry binding (app.ts), the client module in both modes, and the one money formatter. */

import { formatFen, parseYuan } from '@shop/contract';
import { config } from '../config';
import { callCloud, CloudError } from '../services/cloud';
import { resetInviteState } from '../services/invite';
import { formatDate, formatDateTime } from '../utils/time';
import { recorder, resetWx, settle } from './support/harness';
import { cloud, ok } from './support/fixtures';

const g = globalThis as any;

beforeEach(() => {
  config.useLocalEmulator = false;
  resetInviteState();
});

function launchApp(options: Record<string, unknown>) {
  require('../app');
  g.__app.onLaunch.call(g.__app, options);
  g.__app.onShow.call(g.__app, options);
}

describe('app.ts binding on entry', () => {
  test('a poster scan: the URL-encoded scene is decoded and sent to bindInviter once', async () => {
    resetWx(cloud({ bindInviter: ok({ bound: true, inviterCode: 'ABC123', source: 'poster', productId: 'p-nuts' }) }));
    const init = jest.fn();
    g.wx.cloud.init = init;
    launchApp({ path: 'pages/product/index', scene: 1047, query: { scene: encodeURIComponent('S7K Q2') } });
    await settle();
    expect(init).toHaveBeenCalledWith({ env: config.envId, traceUser: true });
    expect(recorder.calls).toEqual([{ name: 'bindInviter', data: { scene: 'S7K Q2' } }]);
  });

  test('a share link: the inviter code goes as a link binding', async () => {
    resetWx(cloud({ bindInviter: ok({ bound: true, inviterCode: 'ABC123', source: 'link', productId: null }) }));
    launchApp({ path: 'pages/product/index', scene: 1007, query: { id: 'p-nuts', inviter: 'ABC123' } });
    await settle();
    expect(recorder.calls).toEqual([{ name: 'bindInviter', data: { inviterCode: 'ABC123', via: 'link' } }]);
  });

  test('a refused binding, or a failing one, is silent to the shopper; no code, no call', async () => {
    resetWx(cloud({ bindInviter: ok({ bound: false, reason: 'ALREADY_BOUND', productId: null }) }));
    launchApp({ path: 'pages/home/index', scene: 1007, query: { inviter: 'ZZZ999' } });
    await settle();
    expect(recorder.calls).toHaveLength(1);
    resetWx(cloud({ bindInviter: { ok: false, error: { code: 'INTERNAL', message: 'x' } } }));
    launchApp({ path: 'pages/home/index', scene: 1007, query: { inviter: 'YYY888' } });
    launchApp({ path: 'pages/home/index', scene: 1001, query: {} });
    await settle();
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.toasts).toEqual([]);
  });
});

describe('the client module', () => {
  test('production: wx.cloud.callFunction; a typed error becomes a CloudError and a Chinese toast', async () => {
    resetWx(cloud({ 'shop.quote': { ok: false, error: { code: 'OUT_OF_STOCK', message: 'stock is short' } } }));
    await expect(callCloud('shop', 'quote', { items: [{ productId: 'p-nuts', quantity: 1 }] })).rejects.toMatchObject({
      code: 'OUT_OF_STOCK',
      message: '商品库存不足',
    });
    expect(recorder.toasts).toEqual(['商品库存不足']);
    resetWx(
      cloud({ 'shop.quote': { ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '该优惠券已过期' } } }),
    );
    await expect(
      callCloud('shop', 'quote', { items: [{ productId: 'p-nuts', quantity: 1 }] }, { silent: true }),
    ).rejects.toBeInstanceOf(CloudError);
    expect(recorder.toasts).toEqual([]);
  });

  test('local mode: wx.request to the emulator route with the local identity; a 500 is a CloudError', async () => {
    resetWx();
    config.useLocalEmulator = true;
    config.emulatorUrl = 'http://127.0.0.1:9100';
    config.localOpenid = 'o-local';
    const requests: any[] = [];
    g.wx.request = (options: any) => {
      requests.push(options);
      if (options.url.endsWith('/shop'))
        options.success({ statusCode: 200, data: { result: { ok: true, data: [1, 2] } } });
      else options.success({ statusCode: 500, data: { error: { code: 'INTERNAL', message: 'crashed' } } });
    };
    await expect(callCloud('shop', 'categories')).resolves.toEqual([1, 2]);
    expect(requests[0]).toMatchObject({
      url: 'http://127.0.0.1:9100/_emulator/functions/shop',
      method: 'POST',
      data: { data: { $url: 'categories' }, openid: 'o-local' },
    });
    await expect(callCloud('orders', 'list')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: '系统繁忙，请稍后再试',
    });
  });
});

describe('money', () => {
  test('fen → ¥ in one formatter', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(1485)).toBe('¥14.85');
    expect(formatFen(-2000, { sign: true })).toBe('-¥20.00');
    expect(formatFen(5, { sign: true })).toBe('+¥0.05');
    expect(formatFen(123456789)).toBe('¥1234567.89');
    expect(formatFen(5000, { symbol: false })).toBe('50.00');
    expect(formatFen(null)).toBe('—');
  });

  test('the withdraw box is read as a decimal string, never float × 100', () => {
    expect(parseYuan('12.3')).toBe(1230);
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('10')).toBe(1000);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('12.')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
});

describe('time', () => {
  test("dates are the shop's China time, whatever the phone's zone", () => {
    const lateEveningUtc = Date.UTC(2026, 0, 1, 16, 30);
    expect(formatDateTime(lateEveningUtc)).toBe('2026-01-02 00:30');
    expect(formatDate(lateEveningUtc)).toBe('2026-01-02');
    expect(formatDateTime(null)).toBe('');
  });
});
