/** Orders by status tab (售后 included), paged, with pull-to-refresh. */
import { ORDER_STATUS_FOR_SHOPPER, type Order, type OrderState } from '@shop/contract';
import { CloudError } from '../../../services/cloud';
import { dispatchCancelOrder, dispatchConfirmReceipt, fetchOrders, payOrder } from '../../../services/order';
import type { PlacedOrder } from '@shop/contract';
import { formatDateTime } from '../../../utils/time';
import type { ViewStatus } from '../../home/index';
import { AFTER_SALES_TAB, ORDER_TABS, type OrderTab } from '../config';

const PAGE_SIZE = 10;

interface OrderRow extends Order {
  statusText: string;
  createdText: string;
  itemCount: number;
  /** The payment parameters placeOrder returned are still on the phone: 去支付 can reopen the payment sheet. */
  canPay: boolean;
}

interface Data {
  tabs: typeof ORDER_TABS;
  tab: OrderTab;
  status: ViewStatus;
  errorText: string;
  orders: OrderRow[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
}

interface Custom {
  load(reset: boolean): Promise<void>;
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: OrderTab }>): void;
  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onOpenCard(e: WechatMiniprogram.CustomEvent<{ orderId: string }>): void;
  onAction(e: WechatMiniprogram.CustomEvent<{ orderId: string; action: string }>): Promise<void>;
  onRetry(): void;
}

function row(order: Order): OrderRow {
  return {
    ...order,
    statusText: ORDER_STATUS_FOR_SHOPPER[order.status],
    createdText: formatDateTime(order.createdAt),
    itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    canPay: order.status === 'unpaid' && storedPayment(order.orderId) !== null,
  };
}

function storedPayment(orderId: string): PlacedOrder | null {
  const saved = wx.getStorageSync(`payment:${orderId}`) as PlacedOrder | '';
  return saved && saved.outTradeNo ? saved : null;
}

async function confirmed(content: string): Promise<boolean> {
  const { confirm } = await wx.showModal({ title: '提示', content });
  return confirm;
}

Page<Data, Custom>({
  data: {
    tabs: ORDER_TABS,
    tab: '',
    status: 'loading',
    errorText: '',
    orders: [],
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  onLoad(query) {
    const tab = (query.status ?? '') as OrderTab;
    this.setData({ tab });
  },

  onShow() {
    // "我的" asks for a tab through storage (switchTab carries no query).
    const wanted = wx.getStorageSync('orders:tab') as string;
    if (typeof wanted === 'string' && wanted !== this.data.tab && ORDER_TABS.some((tab) => tab.value === wanted)) {
      this.setData({ tab: wanted as OrderTab, orders: [] });
    }
    wx.removeStorageSync('orders:tab');
    void this.load(true);
  },

  async onPullDownRefresh() {
    await this.load(true);
    wx.stopPullDownRefresh();
  },

  onReachBottom() {
    if (this.data.hasMore && !this.data.loadingMore) void this.load(false);
  },

  async load(reset) {
    const page = reset ? 1 : this.data.page + 1;
    if (reset && !this.data.orders.length) this.setData({ status: 'loading' });
    if (!reset) this.setData({ loadingMore: true });
    try {
      const { tab } = this.data;
      const { orders } = await fetchOrders(
        tab === AFTER_SALES_TAB
          ? { afterSales: true, page, pageSize: PAGE_SIZE }
          : { status: (tab || undefined) as OrderState | undefined, page, pageSize: PAGE_SIZE },
      );
      const rows = orders.map(row);
      const all = reset ? rows : [...this.data.orders, ...rows];
      this.setData({
        orders: all,
        page,
        hasMore: orders.length === PAGE_SIZE,
        loadingMore: false,
        status: all.length ? 'ready' : 'empty',
      });
    } catch (error) {
      if (reset)
        this.setData({
          status: 'error',
          errorText: error instanceof CloudError ? error.message : '加载失败',
          orders: [],
        });
      this.setData({ loadingMore: false });
    }
  },

  onTabChange(e) {
    this.setData({ tab: e.detail.value, orders: [], status: 'loading' });
    void this.load(true);
  },

  onOpen(e) {
    wx.navigateTo({ url: `/pages/order/detail/index?orderId=${e.currentTarget.dataset.id}` });
  },

  onOpenCard(e) {
    wx.navigateTo({ url: `/pages/order/detail/index?orderId=${e.detail.orderId}` });
  },

  /** The card's buttons, done with the same order functions the detail page uses; the list reloads after. */
  async onAction(e) {
    const { orderId, action } = e.detail;
    try {
      if (action === 'aftersale') {
        wx.navigateTo({ url: `/pages/order/refund/index?orderId=${orderId}` });
        return;
      }
      if (action === 'pay') {
        const placed = storedPayment(orderId);
        if (!placed) return;
        if ((await payOrder(placed)) === 'paid') wx.showToast({ title: '支付成功', icon: 'success' });
      } else if (action === 'cancel') {
        if (!(await confirmed('确定取消这个订单吗？'))) return;
        await dispatchCancelOrder(orderId);
        wx.showToast({ title: '订单已取消', icon: 'none' });
      } else if (action === 'confirm') {
        if (!(await confirmed('确认已收到商品了吗？'))) return;
        await dispatchConfirmReceipt(orderId);
        wx.showToast({ title: '已确认收货', icon: 'success' });
      }
    } catch {
      // callCloud already said why.
    }
    await this.load(true);
  },

  onRetry() {
    void this.load(true);
  },
});
