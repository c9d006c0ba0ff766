/** Order list, detail (cancel, confirm receipt, refund progress, timeline) and the refund request page. */
import type { OrderState, TimelineMoment } from '@shop/contract';
import { config } from '../config';
import { recorder, render, resetWx, settle } from './support/harness';
import { afterSale, cloud, HOUR, ok, order } from './support/fixtures';

beforeEach(() => {
  config.useLocalEmulator = false;
});

test('order list: status tabs ask for that status; each card shows status, lines and the paid total', async () => {
  resetWx(
    cloud({
      'orders.list': (data: { status?: OrderState }) =>
        ok({ orders: data.status === 'completed' ? [] : [order(data.status ?? 'paid')] }),
    }),
  );
  const list = render('pages/order/list/index');
  list.page.onLoad({});
  list.page.onShow();
  await settle();
  expect(recorder.calls[0]).toEqual({ name: 'orders', data: { $url: 'list', page: 1, pageSize: 10 } });
  expect(list.text()).toContain('待发货');
  expect(list.text()).toContain('共 3 件，实付 ¥237.90');
  expect(list.$$('.t-tabs__item')).toBeDefined();
  await list.fire('.orders__tabs', 'change', { value: 'unpaid' });
  expect(recorder.calls.at(-1)).toEqual({
    name: 'orders',
    data: { $url: 'list', status: 'unpaid', page: 1, pageSize: 10 },
  });
  expect(list.text()).toContain('待付款');
  await list.fire('.orders__tabs', 'change', { value: 'completed' });
  expect(list.text()).toContain('暂无相关订单');
  expect(list.text()).toContain('已完成');
});

test('order detail: an unpaid order can be cancelled (after confirming) and paid again with the stored payment', async () => {
  let status: OrderState = 'unpaid';
  resetWx(
    cloud({
      'orders.detail': () => ok(order(status)),
      'orders.cancel': () => ((status = 'cancelled'), ok(order('cancelled'))),
    }),
  );
  recorder.storage.set('payment:ord-1', {
    orderId: 'ord-1',
    totalFen: 23790,
    outTradeNo: 'O1',
    payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' },
  });
  const detail = render('pages/order/detail/index');
  detail.page.onLoad({ orderId: 'ord-1' });
  detail.page.onShow();
  await settle();
  expect(detail.text()).toContain('待付款');
  expect(detail.text()).toContain('剩余支付时间');
  expect(detail.page.data).toMatchObject({ canCancel: true, canPay: true, canConfirm: false });
  recorder.modalAnswers.push(false);
  await detail.tap('.detail__cancel');
  expect(recorder.calls.filter((c) => c.data.$url === 'cancel')).toHaveLength(0);
  await detail.tap('.detail__cancel');
  expect(recorder.calls.find((c) => c.data.$url === 'cancel')).toEqual({
    name: 'orders',
    data: { $url: 'cancel', orderId: 'ord-1' },
  });
  expect(recorder.toasts).toContain('订单已取消');
  expect(detail.text()).toContain('已取消');
  expect(detail.page.data.canCancel).toBe(false);
});

test('order detail: confirm receipt, the timeline, and refunds with their progress', async () => {
  const now = Date.now();
  let status: OrderState = 'shipped';
  const detailOf = () =>
    order(status, {
      shipping: { carrier: '顺丰', trackingNo: 'SF1' },
      timeline: [
        { event: 'created', at: now - 3 * HOUR },
        { event: 'paid', at: now - 2 * HOUR },
        { event: 'shipped', at: now - HOUR },
        ...(status === 'received'
          ? ([
              { event: 'received', at: now },
              { event: 'afterSalesWindowCloses', at: now + 7 * 24 * HOUR },
            ] satisfies TimelineMoment[])
          : []),
      ],
      afterSales: [
        afterSale({
          afterSaleId: 'as-1',
          line: 1,
          quantity: 1,
          reason: '不想要了',
          status: 'refunded',
          refundFen: 3990,
          createdAt: now,
          decidedAt: now,
          rejectReason: null,
          refundedAt: now,
        }),
        afterSale({
          afterSaleId: 'as-2',
          line: 0,
          quantity: 1,
          reason: '包装破损',
          status: 'requested',
          refundFen: null,
          createdAt: now,
          decidedAt: null,
          rejectReason: null,
          refundedAt: null,
        }),
      ],
    });
  resetWx(
    cloud({
      'orders.detail': () => ok(detailOf()),
      'orders.confirmReceipt': () => ((status = 'received'), ok(detailOf())),
    }),
  );
  const detail = render('pages/order/detail/index');
  detail.page.onLoad({ orderId: 'ord-1' });
  detail.page.onShow();
  await settle();
  expect(detail.text()).toContain('顺丰 SF1');
  expect(detail.text()).toContain('退款已到账');
  expect(detail.text()).toContain('芒果干 × 1');
  expect(detail.text()).toContain('¥39.90');
  expect(detail.text()).toContain('等待商家审核');
  await detail.tap('.detail__confirm');
  expect(recorder.calls.find((c) => c.data.$url === 'confirmReceipt')).toEqual({
    name: 'orders',
    data: { $url: 'confirmReceipt', orderId: 'ord-1' },
  });
  expect(detail.page.data.timeline.map((t: { text: string }) => t.text)).toEqual([
    '售后期结束',
    '确认收货',
    '商家已发货',
    '支付成功',
    '下单',
  ]);
  expect(detail.page.data.timeline[0]).toMatchObject({ future: true, current: false });
  expect(detail.page.data.timeline[1]).toMatchObject({ current: true });
  expect(detail.text()).toContain('售后期结束（预计）');
  await detail.tap('.detail__refund');
  expect(recorder.navigations).toContain('/pages/order/refund/index?orderId=ord-1');
});

test('refund request: some lines and quantities with a reason; quantities already in after-sales are not offered', async () => {
  const now = Date.now();
  resetWx(
    cloud({
      'orders.detail': ok(
        order('received', {
          afterSales: [
            afterSale({
              afterSaleId: 'as-1',
              line: 1,
              quantity: 1,
              reason: 'x',
              status: 'requested',
              refundFen: null,
              createdAt: now,
              decidedAt: null,
              rejectReason: null,
              refundedAt: null,
            }),
          ],
        }),
      ),
      'orders.requestRefund': ok([]),
    }),
  );
  const refund = render('pages/order/refund/index');
  refund.page.onLoad({ orderId: 'ord-1' });
  await settle();
  expect(refund.page.data.lines).toEqual([
    expect.objectContaining({ line: 0, refundable: 2, quantity: 2, checked: false }),
  ]);
  expect(refund.text()).not.toContain('芒果干');
  expect(refund.page.data.canSubmit).toBe(false);
  await refund.fire('.refund__stepper', 'change', { value: 1 });
  expect(refund.page.data.lines[0]).toMatchObject({ quantity: 1, checked: true });
  refund.$$('.refund__reason')[1].dispatchEvent('click');
  await settle();
  expect(refund.page.data).toMatchObject({ reason: '商品质量问题', canSubmit: true });
  await refund.fire('.refund__textarea', 'change', { value: '坚果受潮' });
  await refund.tap('.refund__submit');
  expect(recorder.calls.find((c) => c.data.$url === 'requestRefund')).toEqual({
    name: 'orders',
    data: { $url: 'requestRefund', orderId: 'ord-1', lines: [{ line: 0, quantity: 1 }], reason: '坚果受潮' },
  });
  expect(recorder.toasts).toContain('退款申请已提交');
  expect(recorder.navigations).toContain('back');
});

test('refund request: "整单退款" takes every remaining line in full', async () => {
  resetWx(cloud({ 'orders.detail': ok(order('paid')), 'orders.requestRefund': ok([]) }));
  const refund = render('pages/order/refund/index');
  refund.page.onLoad({ orderId: 'ord-1' });
  await settle();
  await refund.tap('.refund__whole');
  refund.page.onReasonInput({ detail: { value: '不想要了' } });
  await refund.tap('.refund__submit');
  expect(recorder.calls.find((c) => c.data.$url === 'requestRefund')!.data.lines).toEqual([
    { line: 0, quantity: 2 },
    { line: 1, quantity: 1 },
  ]);
});

test('order list: the 售后 tab asks for orders that have had an after-sale', async () => {
  resetWx(cloud({ 'orders.list': ok({ orders: [order('shipped')] }) }));
  const list = render('pages/order/list/index');
  list.page.onLoad({});
  list.page.onShow();
  await settle();
  expect(list.page.data.tabs.map((tab: { label: string }) => tab.label)).toContain('售后');
  await list.fire('.orders__tabs', 'change', { value: 'afterSales' });
  expect(recorder.calls.at(-1)).toEqual({
    name: 'orders',
    data: { $url: 'list', afterSales: true, page: 1, pageSize: 10 },
  });
});

test('after-sale request: 退货退款 once shipped, photos from the own folder, the refundable amount shown', async () => {
  const g = globalThis as unknown as { wx: Record<string, any> };
  resetWx(
    cloud({
      'orders.detail': ok(order('shipped')),
      'orders.photoFolder': ok({ folder: 'after-sales/abc' }),
      'orders.requestRefund': ok([afterSale({ type: 'return', refundableFen: 9900 })]),
    }),
  );
  const uploads: string[] = [];
  g.wx.chooseMedia = async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }] });
  g.wx.cloud.uploadFile = async ({ cloudPath }: { cloudPath: string }) => {
    uploads.push(cloudPath);
    return { fileID: `cloud://env.bucket/${cloudPath}` };
  };
  const refund = render('pages/order/refund/index');
  refund.page.onLoad({ orderId: 'ord-1' });
  await settle();
  expect(refund.page.data.types.map((t: { label: string }) => t.label)).toEqual(['仅退款', '退货退款']);
  refund.$$('.refund__type')[1].dispatchEvent('click');
  await settle();
  expect(refund.text()).toContain('商家同意后请按退货地址寄回商品');
  await refund.page.onAddPhoto();
  expect(uploads[0]).toMatch(/^after-sales\/abc\/[^/]+\.jpg$/);
  await refund.tap('.refund__whole');
  refund.page.onReasonInput({ detail: { value: '<b>破损</b>' } });
  await refund.tap('.refund__submit');
  expect(recorder.calls.find((c) => c.data.$url === 'requestRefund')!.data).toMatchObject({
    type: 'return',
    photos: [`cloud://env.bucket/${uploads[0]}`],
    reason: '<b>破损</b>',
  });
  expect(recorder.toasts).toContain('退款申请已提交，预计可退 ¥99.00');
});

test('order detail: a return shows the address, takes the tracking number, and lists its timeline', async () => {
  const now = Date.now();
  resetWx(
    cloud({
      'orders.detail': ok(
        order('received', {
          afterSales: [
            afterSale({
              type: 'return',
              status: 'awaiting_return',
              refundFen: 9900,
              returnAddress: { name: '售后部', phone: '0571-88888888', address: '杭州市文三路 1 号' },
              timeline: [
                { event: 'requested', at: now - HOUR, by: 'shopper' },
                { event: 'approved', at: now, by: 'merchant' },
              ],
            }),
          ],
        }),
      ),
      'orders.returnShipped': ok(afterSale({ status: 'return_shipped' })),
    }),
  );
  const detail = render('pages/order/detail/index');
  detail.page.onLoad({ orderId: 'ord-1' });
  detail.page.onShow();
  await settle();
  expect(detail.text()).toContain('退货地址：售后部 0571-88888888 杭州市文三路 1 号');
  expect(detail.text()).toContain('商家同意');
  expect(detail.text()).toContain('提交售后申请');
  detail.page.onReturnOpen({ currentTarget: { dataset: { id: 'as-1' } } } as never);
  detail.page.onReturnCarrier({ detail: { value: '中通快递' } } as never);
  detail.page.onReturnTrackingNo({ detail: { value: '<x>' } } as never);
  await detail.page.onReturnSubmit();
  expect(recorder.toasts).toContain('运单号为 4–40 位字母、数字或 -');
  expect(recorder.calls.some((c) => c.data.$url === 'returnShipped')).toBe(false);
  detail.page.onReturnTrackingNo({ detail: { value: 'ZT12345678' } } as never);
  await detail.page.onReturnSubmit();
  expect(recorder.calls.find((c) => c.data.$url === 'returnShipped')).toEqual({
    name: 'orders',
    data: { $url: 'returnShipped', afterSaleId: 'as-1', carrier: '中通快递', trackingNo: 'ZT12345678' },
  });
});
