/**
 * One order: status, lines, totals, a timeline, after-sales (type, photos, the merchant's return address, the
 * return tracking form, each after-sale's own timeline), and the actions its status allows.
 */
import {
  AFTER_SALE_STATUS_FOR_SHOPPER,
  AFTER_SALE_TIMELINE_TEXT,
  AFTER_SALE_TYPE_LABEL,
  MAX_CARRIER_LENGTH,
  TRACKING_NO_PATTERN,
  formatFen,
  ORDER_STATUS_FOR_SHOPPER,
  REFUNDABLE_ORDER_STATES,
  TIMELINE_TEXT,
  type OrderDetail,
  type OrderState,
  type PlacedOrder,
} from '@shop/contract';
import { CloudError, toast } from '../../../services/cloud';
import {
  dispatchCancelOrder,
  dispatchConfirmReceipt,
  dispatchReturnShipped,
  fetchOrderDetail,
  payOrder,
} from '../../../services/order';
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
  typeText: string;
  photos: string[];
  /** Where to send the goods, while a return waits for them. */
  returnAddressText: string;
  /** The shopper still has to send the goods back and say how. */
  canShipBack: boolean;
  returnShippingText: string;
  refundFailed: boolean;
  steps: { text: string; time: string; note: string }[];
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
  /** The return tracking form: which after-sale, and what the shopper typed. */
  returnFor: string;
  returnCarrier: string;
  returnTrackingNo: string;
  carrierMaxLength: number;
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onCancel(): Promise<void>;
  onPay(): Promise<void>;
  onConfirmReceipt(): Promise<void>;
  onRefund(): void;
  onReturnOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onReturnCarrier(e: WechatMiniprogram.Input): void;
  onReturnTrackingNo(e: WechatMiniprogram.Input): void;
  onReturnSubmit(): Promise<void>;
  onPhoto(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string; urls: string[] }>): void;
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
    returnFor: '',
    returnCarrier: '',
    returnTrackingNo: '',
    carrierMaxLength: MAX_CARRIER_LENGTH,
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
          refundText:
            sale.refundFen !== null
              ? formatFen(sale.refundFen)
              : sale.refundableFen !== null
                ? `可退 ${formatFen(sale.refundableFen)}`
                : '待审核',
          time: formatDateTime(sale.refundedAt ?? sale.decidedAt ?? sale.createdAt),
          typeText: AFTER_SALE_TYPE_LABEL[sale.type],
          photos: sale.photos,
          returnAddressText: sale.returnAddress
            ? `${sale.returnAddress.name} ${sale.returnAddress.phone} ${sale.returnAddress.address}`
            : '',
          canShipBack: sale.status === 'awaiting_return',
          returnShippingText: sale.returnShipping
            ? `${sale.returnShipping.carrier} ${sale.returnShipping.trackingNo}`
            : '',
          refundFailed: sale.refundFailed,
          steps: sale.timeline
            .slice()
            .reverse()
            .map((moment) => ({
              text: AFTER_SALE_TIMELINE_TEXT[moment.event],
              time: formatDateTime(moment.at),
              note: moment.note ?? '',
            })),
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

  onReturnOpen(e) {
    this.setData({ returnFor: e.currentTarget.dataset.id, returnCarrier: '', returnTrackingNo: '' });
  },

  onReturnCarrier(e) {
    this.setData({ returnCarrier: e.detail.value });
  },

  onReturnTrackingNo(e) {
    this.setData({ returnTrackingNo: e.detail.value });
  },

  /** The carrier and tracking number of the goods sent back; checked here as the server checks them. */
  async onReturnSubmit() {
    const carrier = this.data.returnCarrier.trim();
    const trackingNo = this.data.returnTrackingNo.trim();
    if (!carrier) return toast('请填写快递公司');
    if (!TRACKING_NO_PATTERN.test(trackingNo)) return toast('运单号为 4–40 位字母、数字或 -');
    this.setData({ busy: true });
    try {
      await dispatchReturnShipped({ afterSaleId: this.data.returnFor, carrier, trackingNo });
      toast('已提交退货物流');
      this.setData({ returnFor: '' });
      await this.load();
    } catch {
      // toasted
    } finally {
      this.setData({ busy: false });
    }
  },

  onPhoto(e) {
    void wx.previewImage({ current: e.currentTarget.dataset.url, urls: e.currentTarget.dataset.urls });
  },
});
