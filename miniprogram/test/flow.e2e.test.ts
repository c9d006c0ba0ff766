/**
 * End to end, one flow per role, driving the pages' own logic against the running emulator (the real cloud
 * functions; the client module in local mode, `wx.request` over HTTP): a shopper enters through a poster scene, is
 * bound, buys and pays, and confirms receipt; the inviter's center shows the frozen commission and its settle
 * date; after the clock jump and the settle timer it is available; the inviter withdraws. Along the way each main
 * page is pictured as it is shown (see support/screenshot.ts).
 */

import path from 'node:path';
import { config } from '../config';
import { resetInviteState } from '../services/invite';
import { forgetInviteCode } from '../services/distributor';
import { recorder, render, resetWx, settle, until, useRealNetwork, type Rendered } from './support/harness';
import { CHROMIUM, chromiumAvailable, pageDocument, screenshot, type Shot } from './support/screenshot';

/*
 * The emulator's own test helpers, required rather than imported: their types pull the Node-side emulator into this
 * program, whose global `require` clashes with miniprogram-api-typings' (see test/tsconfig.json).
 */
interface EmulatorHandle {
  readonly url: string;
  request(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
}
const { useEmulator } = require('../../emulator/test/support/emulator') as {
  useEmulator(options?: object, flags?: { resetBeforeEach?: boolean }): EmulatorHandle;
};
const { operatorFlows } = require('../../cloudfunctions/_tests/support/operator') as {
  operatorFlows(emu: EmulatorHandle): {
    fulfilment: {
      shipOrder(
        orderId: string,
        shipment: { carrier: string; trackingNo: string },
        actor: string,
        now: number,
      ): Promise<unknown>;
    };
  };
};

const emu = useEmulator({}, { resetBeforeEach: false });
const INVITER = 'o-e2e-inviter';
const SHOPPER = 'o-e2e-shopper';
const DAY_MS = 86_400_000;
const shots: Shot[] = [];

function shoot(name: string, route: string, rendered: Rendered): void {
  shots.push({ name, route, html: pageDocument(route, rendered) });
}

function as(openid: string): void {
  config.localOpenid = openid;
  forgetInviteCode();
}

async function emulatorNow(): Promise<number> {
  return (await emu.request('GET', '/_emulator/clock')).body.now;
}

const state: { scene: string; orderId: string; totalFen: number } = { scene: '', orderId: '', totalFen: 0 };

beforeAll(async () => {
  process.env.SHOP_ADMIN_PASSWORD = 'e2e-owner-password';
  await emu.request('POST', '/_emulator/reset', { seed: true });
  config.useLocalEmulator = true;
  config.emulatorUrl = emu.url;
  resetWx();
  useRealNetwork();
  resetInviteState();
});

// Without Chromium the flows still run; only the pictures of the pages are not taken, and npm test says so.
if (!chromiumAvailable()) test.todo(`browser tests: the pages' screenshots (${CHROMIUM} is not installed)`);

afterAll(async () => {
  if (!chromiumAvailable() || !shots.length) return;
  const docs = process.env.MINIPROGRAM_SCREENSHOTS_DOCS ? path.resolve(__dirname, '../docs/screenshots') : undefined;
  await screenshot(shots, docs);
}, 60_000);

test('inviter: the distributor center gives a poster whose code carries the short share code', async () => {
  as(INVITER);
  const center = render('distributor/center/index');
  center.page.onShow();
  await until(
    () => center.page.data.status === 'ready',
    'center summary',
    15000,
    () => [center.page.data, recorder.toasts],
  );
  expect(center.page.data.summary).toMatchObject({ status: 'approved', inviteCode: expect.any(String) });

  const poster = render('distributor/poster/index');
  await poster.page.onLoad({ productId: 'p-nuts' });
  await until(() => poster.page.data.status === 'ready', 'poster');
  state.scene = poster.page.data.poster.scene;
  expect(state.scene).toBe(poster.page.data.poster.code);
  expect(poster.text()).toContain(state.scene);
  const codes = (await emu.request('GET', '/_emulator/wxacodes')).body;
  expect(JSON.stringify(codes)).toContain(state.scene);
});

test('shopper: enters through the poster scene, is bound, buys and pays', async () => {
  as(SHOPPER);
  recorder.calls.length = 0;
  // A scan of the poster's code: WeChat delivers the scene URL-encoded in the launch query.
  require('../app');
  const launch = { path: 'pages/product/index', scene: 1047, query: { scene: encodeURIComponent(state.scene) } };
  (globalThis as any).__app.onLaunch.call((globalThis as any).__app, launch);
  (globalThis as any).__app.onShow.call((globalThis as any).__app, launch);

  const product = render('pages/product/index');
  await product.page.onLoad(launch.query);
  await until(() => product.page.data.status === 'ready', 'product page');
  expect(recorder.calls.filter((c) => c.name === 'bindInviter')).toEqual([
    { name: 'bindInviter', data: { scene: state.scene } },
  ]);
  const users = (await emu.request('GET', '/_emulator/db/users')).body.data as any[];
  expect(users.find((u) => u._id === SHOPPER)).toMatchObject({ inviterOpenid: INVITER, bindingSource: 'poster' });
  expect(product.text()).toContain('每日坚果');
  expect(product.text()).toContain('¥99.00');
  shoot('product', 'pages/product/index', product);

  // The catalogue and the cart, as the shopper sees them.
  const home = render('pages/home/index');
  home.page.onLoad({});
  await until(() => home.page.data.status === 'ready', 'home');
  shoot('home', 'pages/home/index', home);

  await product.tap('.product__add');
  const cart = render('pages/cart/index');
  cart.page.onShow();
  await until(() => cart.page.data.quote !== null, 'cart quote');
  expect(cart.text()).toContain('¥99.00');
  shoot('cart', 'pages/cart/index', cart);

  // Buy now → checkout: the server's quote, an address, place the order, pay on the simulated sheet.
  await product.tap('.product__buy');
  expect(recorder.navigations).toContain('/pages/checkout/index');
  const checkout = render('pages/checkout/index');
  checkout.page.onLoad({});
  await until(() => checkout.page.data.status === 'ready', 'checkout quote');
  await checkout.tap('.checkout__address');
  expect(checkout.page.data.address).toMatchObject({ userName: '张三' });
  shoot('checkout', 'pages/checkout/index', checkout);
  state.totalFen = checkout.page.data.quote.totalFen;
  await checkout.tap('.checkout__submit');
  await until(
    () => recorder.navigations.some((n) => n.startsWith('redirect:/pages/order/detail/index')),
    'redirect to the order',
  );
  state.orderId = recorder.navigations.find((n) => n.startsWith('redirect:'))!.split('orderId=')[1]!;
  expect(recorder.toasts).toContain('支付成功');
  const placeOrder = recorder.calls.find((c) => c.name === 'placeOrder')!;
  expect(placeOrder.data).toMatchObject({
    items: [{ productId: 'p-nuts', quantity: 1 }],
    address: { userName: '张三' },
  });
  expect(placeOrder.data).not.toHaveProperty('totalFen');

  const detail = render('pages/order/detail/index');
  detail.page.onLoad({ orderId: state.orderId });
  detail.page.onShow();
  await until(() => detail.page.data.status === 'ready', 'order detail');
  expect(detail.page.data.order.status).toBe('paid');
  expect(detail.text()).toContain('待发货');

  // The merchant ships (admin side), the shopper confirms receipt on the order page.
  const ops = operatorFlows(emu);
  await ops.fulfilment.shipOrder(
    state.orderId,
    { carrier: '顺丰', trackingNo: 'SF1234567890' },
    'operator',
    await emulatorNow(),
  );
  await detail.page.load();
  expect(detail.page.data.canConfirm).toBe(true);
  await detail.tap('.detail__confirm');
  await until(() => detail.page.data.order?.status === 'received', 'receipt');
  expect(detail.text()).toContain('确认收货');
  shoot('order-detail', 'pages/order/detail/index', detail);

  const orders = render('pages/order/list/index');
  orders.page.onLoad({});
  orders.page.onShow();
  await until(() => orders.page.data.status === 'ready', 'order list');
  expect(orders.text()).toContain('已收货');
  shoot('orders', 'pages/order/list/index', orders);
});

test('inviter: frozen commission with its settle date, available after the clock jump and the timer, then withdrawn', async () => {
  as(INVITER);
  const center = render('distributor/center/index');
  center.page.onShow();
  await until(() => center.page.data.status === 'ready', 'center');
  // 15% of ¥99.00 = ¥14.85, frozen until the after-sales window closes.
  expect(center.page.data.summary).toMatchObject({ frozenFen: 1485, availableFen: 0 });
  shoot('center', 'distributor/center/index', center);

  const earnings = render('distributor/earnings/index');
  earnings.page.onLoad({ bucket: 'frozen' });
  await until(() => earnings.page.data.status === 'ready', 'frozen earnings');
  const [frozen] = earnings.page.data.rows;
  expect(frozen).toMatchObject({
    orderId: state.orderId,
    amountText: '+¥14.85',
    settleDate: expect.stringMatching(/^\d{2}-\d{2}$/),
  });
  expect(frozen.why).toContain(`${frozen.settleDate} 结算`);
  expect(frozen.why).toContain('7 天售后期');
  expect(earnings.text()).toContain(`来自订单 ${state.orderId}`);
  shoot('earnings', 'distributor/earnings/index', earnings);

  // Seven days and a minute later the every-5-minutes settle timer has run.
  await emu.request('POST', '/_emulator/clock', { advanceMs: 7 * DAY_MS + 60_000 });
  await emu.request('POST', '/_emulator/timers/settleCommission/every5min');
  earnings.page.onTabChange({ detail: { value: 'available' } });
  await until(
    () => earnings.page.data.status === 'ready' && earnings.page.data.bucket === 'available',
    'available earnings',
  );
  expect(earnings.page.data.rows[0]).toMatchObject({
    title: '佣金结算',
    amountText: '+¥14.85',
    orderId: state.orderId,
  });
  expect(earnings.page.data.totalText).toBe('¥14.85');

  const withdraw = render('distributor/withdraw/index');
  withdraw.page.onLoad({});
  await until(() => withdraw.page.data.status === 'ready', 'withdraw');
  expect(withdraw.text()).toContain('最低提现 ¥10.00');
  await withdraw.fire('.withdraw__input', 'change', { value: '12.5' });
  expect(withdraw.page.data).toMatchObject({ amountFen: 1250, canSubmit: true });
  recorder.calls.length = 0;
  await withdraw.tap('.withdraw__button');
  await until(() => withdraw.page.data.history.length === 1, 'withdrawal history');
  expect(recorder.calls.find((c) => c.name === 'requestWithdrawal')!.data).toMatchObject({
    amountFen: 1250,
    requestId: expect.any(String),
  });
  expect(withdraw.page.data.history[0]).toMatchObject({ amountText: '¥12.50', statusText: '审核中' });
  expect(withdraw.page.data.availableText).toBe('¥2.35');
  shoot('withdraw', 'distributor/withdraw/index', withdraw);
  await settle();
});
