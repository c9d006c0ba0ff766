/** One order: status, lines, totals, a timeline, refunds' progress, and the actions its status allows. */
import {
  AFTER_SALE_STATUS_FOR_SHOPPER,
  formatFen,
  ORDER_STATUS_FOR_SHOPPER,
  REFUNDABLE_ORDER_STATES,
  TIMELINE_TEXT,
  type OrderDetail,
  type OrderState,
  type PlacedOrder,
} from '@shop/contract';
import { CloudError, toast } from '../../../services/cloud';
import { dispatchCancelOrder, dispatchConfirmReceipt, fetchOrderDetail, payOrder } from '../../../services/order';
import { formatDateTime, remainingMs } from '../../../utils/time';
import type { ViewStatus } from '../../home/index';

interface TimelineRow {
  text: string;
  time: string;
  future: boolean;
  current: boolean;
}

interface AfterSaleRow {
  afterSaleId: string;
  title: string;
  quantity: number;
  reason: string;
  statusText: string;
  status: string;
  refundText: string;
  time: string;
}

interface Data {
  status: ViewStatus;
  errorText: string;
  orderId: string;
  order: OrderDetail | null;
  statusText: string;
  addressText: string;
  timeline: TimelineRow[];
  afterSales: AfterSaleRow[];
  payRemaining: number;
  canPay: boolean;
  canCancel: boolean;
  canConfirm: boolean;
  canRefund: boolean;
  busy: boolean;
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onCancel(): Promise<void>;
  onPay(): Promise<void>;
  onConfirmReceipt(): Promise<void>;
  onRefund(): void;
}

function storedPayment(orderId: string): PlacedOrder | null {
  const saved = wx.getStorageSync(`payment:${orderId}`) as PlacedOrder | '';
  return saved && saved.outTradeNo ? saved : null;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    orderId: '',
    order: null,
    statusText: '',
    addressText: '',
    timeline: [],
    afterSales: [],
    payRemaining: 0,
    canPay: false,
    canCancel: false,
    canConfirm: false,
    canRefund: false,
    busy: false,
  },

  onLoad(query) {
    this.setData({ orderId: query.orderId ?? '' });
  },

  onShow() {
    if (this.data.orderId) void this.load();
    else this.setData({ status: 'error', errorText: '订单不存在' });
  },

  async load() {
    if (!this.data.order) this.setData({ status: 'loading' });
    try {
      const order = await fetchOrderDetail(this.data.orderId);
      const now = Date.now();
      const titles = new Map(order.lines.map((line) => [line.line, line.title]));
      const payRemaining = order.status === 'unpaid' ? remainingMs(order.expiresAt, now) : 0;
      this.setData({
        order,
        status: 'ready',
        statusText: ORDER_STATUS_FOR_SHOPPER[order.status],
        addressText: `${order.address.provinceName}${order.address.cityName}${order.address.countyName}${order.address.detailInfo}`,
        timeline: order.timeline
          .slice()
          .reverse()
          .map((step, index, steps) => ({
            text: TIMELINE_TEXT[step.event],
            time: formatDateTime(step.at),
            future: step.at > now,
            // The latest step that already happened.
            current: step.at <= now && steps.slice(0, index).every((later) => later.at > now),
          })),
        afterSales: order.afterSales.map((sale) => ({
          afterSaleId: sale.afterSaleId,
          title: titles.get(sale.line) ?? `第 ${sale.line + 1} 件商品`,
          quantity: sale.quantity,
          reason: sale.reason,
          status: sale.status,
          statusText:
            sale.status === 'rejected' && sale.rejectReason
              ? `${AFTER_SALE_STATUS_FOR_SHOPPER.rejected}：${sale.rejectReason}`
              : AFTER_SALE_STATUS_FOR_SHOPPER[sale.status],
          refundText: sale.refundFen !== null ? formatFen(sale.refundFen) : '待审核',
          time: formatDateTime(sale.refundedAt ?? sale.decidedAt ?? sale.createdAt),
        })),
        payRemaining,
        canPay: payRemaining > 0 && storedPayment(order.orderId) !== null,
        canCancel: order.status === 'unpaid',
        canConfirm: order.status === 'shipped',
        canRefund:
          (REFUNDABLE_ORDER_STATES as readonly OrderState[]).includes(order.status) &&
          order.lines.some((line) => line.refundedQuantity < line.quantity),
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  onRetry() {
    void this.load();
  },

  async onCancel() {
    const { confirm } = await wx.showModal({
      title: '取消订单',
      content: '确定取消这个订单吗？',
      confirmText: '取消订单',
      cancelText: '再想想',
    });
    if (!confirm) return;
    this.setData({ busy: true });
    try {
      await dispatchCancelOrder(this.data.orderId);
      toast('订单已取消');
      await this.load();
    } catch {
      // toasted
    } finally {
      this.setData({ busy: false });
    }
  },

  async onPay() {
    const placed = storedPayment(this.data.orderId);
    if (!placed) return;
    const outcome = await payOrder(placed);
    if (outcome === 'paid') toast('支付成功');
    await this.load();
  },

  async onConfirmReceipt() {
    const { confirm } = await wx.showModal({
      title: '确认收货',
      content: '确认已收到商品？确认后进入售后期。',
      confirmText: '确认收货',
    });
    if (!confirm) return;
    this.setData({ busy: true });
    try {
      await dispatchConfirmReceipt(this.data.orderId);
      toast('已确认收货');
      await this.load();
    } catch {
      // toasted
    } finally {
      this.setData({ busy: false });
    }
  },

  onRefund() {
    wx.navigateTo({ url: `/pages/order/refund/index?orderId=${this.data.orderId}` });
  },
});
