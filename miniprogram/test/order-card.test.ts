/** Order cards in "我的订单", rendered with WeChat's compiler: picture, price, and the actions each state allows. */
import type { OrderState } from '@shop/contract';
import { config } from '../config';
import { recorder, render, resetWx, settle } from './support/harness';
import { cloud, ok, order } from './support/fixtures';

beforeEach(() => {
  config.useLocalEmulator = false;
});

const PAYMENT = {
  orderId: 'ord-1',
  totalFen: 23790,
  outTradeNo: 'O1',
  payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' },
};

async function listOf(status: OrderState, respond: Record<string, unknown> = {}) {
  const withImage = (s: OrderState) => {
    const base = order(s);
    return {
      ...base,
      lines: base.lines.map((line, i) => ({ ...line, image: i === 0 ? '/assets/products/p-puer.png' : null })),
    };
  };
  let current = status;
  resetWx(
    cloud({
      'orders.list': () => ok({ orders: [withImage(current)] }),
      'orders.cancel': () => ((current = 'cancelled'), ok(withImage('cancelled'))),
      'orders.confirmReceipt': () => ((current = 'received'), ok(withImage('received'))),
      ...respond,
    }),
  );
  if (status === 'unpaid') recorder.storage.set('payment:ord-1', PAYMENT);
  const list = render('pages/order/list/index');
  list.page.onLoad({});
  list.page.onShow();
  await settle();
  return list;
}

const actionsOf = (list: Awaited<ReturnType<typeof listOf>>) =>
  list.$$('.orders__card >>> .order-card__action').map((node: any) => node.dom.textContent);

test('each card shows the first picture, the lines and the paid total', async () => {
  const list = await listOf('paid');
  expect(list.$('.orders__card >>> .order-card__image')).toBeTruthy();
  expect(list.text()).toContain('共 3 件，实付 ¥237.90');
  expect(list.$('.orders__card >>> .order-card__image--empty')).toBeFalsy();
});

test.each([
  ['unpaid', ['取消订单', '去支付']],
  ['paid', ['申请售后']],
  ['shipped', ['申请售后', '确认收货']],
  ['received', ['申请售后']],
  ['completed', []],
  ['cancelled', []],
] as Array<[OrderState, string[]]>)('a %s order offers %j', async (status, actions) => {
  expect(actionsOf(await listOf(status))).toEqual(actions);
});

test('取消订单 asks first, then cancels through the orders function and reloads', async () => {
  const list = await listOf('unpaid');
  recorder.modalAnswers.push(false);
  await list.tap('.orders__card >>> .order-card__action--cancel');
  expect(recorder.calls.filter((call) => call.data.$url === 'cancel')).toEqual([]);
  await list.tap('.orders__card >>> .order-card__action--cancel');
  expect(recorder.calls.find((call) => call.data.$url === 'cancel')?.data).toEqual({
    $url: 'cancel',
    orderId: 'ord-1',
  });
  expect(list.text()).toContain('已取消');
  expect(actionsOf(list)).toEqual([]);
});

test('去支付 reopens the payment sheet with the stored parameters; 确认收货 confirms; 申请售后 opens the request', async () => {
  const payments: unknown[] = [];
  const unpaid = await listOf('unpaid');
  (globalThis as any).wx.requestPayment = async (options: unknown) => (
    payments.push(options),
    { errMsg: 'requestPayment:ok' }
  );
  await unpaid.tap('.orders__card >>> .order-card__action--pay');
  expect(payments).toEqual([PAYMENT.payment]);

  const shipped = await listOf('shipped');
  await shipped.tap('.orders__card >>> .order-card__action--confirm');
  expect(recorder.calls.find((call) => call.data.$url === 'confirmReceipt')?.data).toEqual({
    $url: 'confirmReceipt',
    orderId: 'ord-1',
  });
  const received = await listOf('received');
  await received.tap('.orders__card >>> .order-card__action--aftersale');
  expect(recorder.navigations).toContain('/pages/order/refund/index?orderId=ord-1');
});
