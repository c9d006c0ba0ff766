/**
 * The behaviour helper: events are queued, sent in batches of at most MAX_TRACK_EVENTS, and flushed on hide; and
 * the 买了它的人还买了 component.
 */
import { MAX_TRACK_EVENTS, type ProductDetail } from '@shop/contract';
import { config } from '../config';
import { flushBehaviour, pendingBehaviour, trackBehaviour } from '../services/behaviour';
import { forgetInviteCode } from '../services/distributor';
import { bindFromLaunch, resetInviteState } from '../services/invite';
import { recorder, render, resetWx, settle } from './support/harness';
import { card, cloud, fail, ok } from './support/fixtures';

const hideListeners: (() => void)[] = [];

beforeEach(() => {
  config.useLocalEmulator = false;
  resetWx(cloud({ 'shop.track': ok({ accepted: 1, ignored: 0 }) }));
  (globalThis as any).wx.onAppHide = (listener: () => void) => void hideListeners.push(listener);
});

const trackCalls = () => recorder.calls.filter((call) => call.name === 'shop' && call.data.$url === 'track');

test('a view costs no call of its own; hiding the mini program sends the queue in one call', async () => {
  trackBehaviour({ type: 'product_view', productId: 'p-nuts', distributor: 'ABC123' });
  trackBehaviour({ type: 'add_to_cart', productId: 'p-nuts' });
  expect(trackCalls()).toHaveLength(0);
  expect(hideListeners).toHaveLength(1);
  hideListeners[0]?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(trackCalls()).toHaveLength(1);
  expect(trackCalls()[0]?.data.events).toEqual([
    { type: 'product_view', productId: 'p-nuts', distributor: 'ABC123', at: expect.any(Number) },
    { type: 'add_to_cart', productId: 'p-nuts', at: expect.any(Number) },
  ]);
  expect(pendingBehaviour()).toBe(0);
});

test('a full batch goes at once, never more than the route takes; a failure is dropped without a toast', async () => {
  resetWx(cloud({ 'shop.track': fail('INTERNAL', '系统繁忙') }));
  for (let i = 0; i < MAX_TRACK_EVENTS + 3; i++) trackBehaviour({ type: 'product_view', productId: `p-${i}` });
  await flushBehaviour();
  expect(trackCalls().map((call) => call.data.events.length)).toEqual([MAX_TRACK_EVENTS, 3]);
  expect(recorder.toasts).toEqual([]);
  expect(pendingBehaviour()).toBe(0);
});

describe('also-bought', () => {
  test('shows the products bought with this one, and nothing at all while there are none', async () => {
    resetWx(
      cloud({
        'shop.alsoBought': (data: { productId: string }) =>
          ok(data.productId === 'p-nuts' ? [card('p-mango', { title: '芒果干 500g' })] : []),
      }),
    );
    const section = render('components/also-bought/index', { productId: 'p-nuts' });
    await settle();
    expect(section.text()).toContain('买了它的人还买了');
    expect(section.text()).toContain('芒果干 500g');

    const empty = render('components/also-bought/index', { productId: 'p-towel' });
    await settle();
    expect(empty.text()).not.toContain('买了它的人还买了');
  });
});

describe('my-funnel', () => {
  test("shows the distributor's own funnel, step by step", async () => {
    resetWx(
      cloud({
        'distributorCenter.funnel': ok({
          days: 7,
          from: '2026-11-27',
          to: '2026-12-03',
          opened: 12,
          viewed: 30,
          ordered: 4,
          paid: 3,
          kept: 2,
        }),
      }),
    );
    const funnel = render('components/my-funnel/index');
    await settle();
    expect(funnel.text()).toContain('近 7 天推广转化');
    expect(funnel.text()).toContain('12打开分享30浏览4下单3支付2未退款');
  });
});

describe('what the pages report', () => {
  const nuts: ProductDetail = {
    ...card('p-nuts', { title: '每日坚果' }),
    images: [],
    description: '',
    stock: 20,
    earnFen: null,
    specs: [],
    skus: [],
  };

  beforeEach(() => {
    resetInviteState();
    forgetInviteCode();
  });

  async function sentEvents() {
    await flushBehaviour();
    return trackCalls().flatMap((call) => call.data.events as Array<Record<string, unknown>>);
  }

  test('a share card open, the view it brings (with its inviter), a cart add and both shares; a code opens once', async () => {
    resetWx(
      cloud({
        'shop.product': ok(nuts),
        'shop.campaigns': ok([]),
        'shop.track': ok({ accepted: 1, ignored: 0 }),
        bindInviter: ok({ bound: true, inviterCode: 'ABC123', source: 'link', productId: null }),
      }),
    );
    const launch = { path: 'pages/product/index', query: { id: 'p-nuts', inviter: 'ABC123' } };
    await bindFromLaunch(launch);
    const product = render('pages/product/index');
    await product.page.onLoad({ id: 'p-nuts', inviter: 'ABC123' });
    await settle();
    await bindFromLaunch(launch);
    await product.tap('.product__add');
    product.page.onShareAppMessage();
    product.page.onShareTimeline();
    expect((await sentEvents()).map(({ at: _at, ...event }) => event)).toEqual([
      { type: 'share_card_open', productId: 'p-nuts', distributor: 'ABC123' },
      { type: 'product_view', productId: 'p-nuts', distributor: 'ABC123' },
      { type: 'add_to_cart', productId: 'p-nuts' },
      { type: 'share', productId: 'p-nuts' },
      { type: 'share', productId: 'p-nuts' },
    ]);
  });

  test('a poster open names what the binding answered; a forged over-long inviter does not sink the batch', async () => {
    resetWx(
      cloud({
        'shop.track': ok({ accepted: 1, ignored: 0 }),
        bindInviter: (data: { scene?: string }) =>
          data.scene
            ? ok({ bound: true, inviterCode: 'XYZ789', source: 'poster', productId: 'p-mango' })
            : ok({ bound: false, reason: 'UNKNOWN_CODE', productId: null }),
      }),
    );
    await bindFromLaunch({ query: { scene: encodeURIComponent('s-42') } });
    await bindFromLaunch({ query: { id: '<b>x</b>', inviter: 'X'.repeat(200) } });
    await settle();
    expect((await sentEvents()).map(({ at: _at, ...event }) => event)).toEqual([
      { type: 'poster_open', productId: 'p-mango', distributor: 'XYZ789' },
      { type: 'share_card_open', productId: '<b>x</b>' },
    ]);
  });
});
