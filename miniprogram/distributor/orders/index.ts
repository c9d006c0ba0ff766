/**
 * 推广订单: the orders the distributor promoted, one row per commission line: the buyer as a masked nickname, what
 * they paid, the order's state, the commission at the rate it was paid with, and its timeline.
 */
import { formatFen, type PromotedOrder } from '@shop/contract';
import { CloudError } from '../../services/cloud';
import { fetchPromotedOrders } from '../../services/distributor';
import { formatDateTime } from '../../utils/time';
import type { ViewStatus } from '../../pages/home/index';

const PAGE_SIZE = 20;

interface Row {
  key: string;
  title: string;
  buyer: string;
  paid: string;
  orderStatus: string;
  levelText: string;
  commission: string;
  commissionStatus: string;
  termsText: string;
  refunded: string;
  timeline: Array<{ when: string; text: string }>;
}

interface Data {
  status: ViewStatus;
  errorText: string;
  rows: Row[];
  page: number;
  hasMore: boolean;
}

interface Custom {
  load(reset: boolean): Promise<void>;
  onRetry(): void;
}

function rowOf(order: PromotedOrder): Row {
  return {
    key: order.commissionId,
    title: order.quantity > 1 ? `${order.title} ×${order.quantity}` : order.title,
    buyer: order.buyer,
    paid: formatFen(order.paidFen),
    orderStatus: order.orderStatus,
    levelText: order.level === 1 ? '直接推广' : '间接推广',
    commission: formatFen(order.commissionFen),
    commissionStatus: order.commissionStatus,
    termsText: order.termsText,
    refunded: order.reversedFen > 0 ? formatFen(order.reversedFen) : '',
    timeline: order.timeline.map((step) => ({ when: formatDateTime(step.at), text: step.text })),
  };
}

Page<Data, Custom>({
  data: { status: 'loading', errorText: '', rows: [], page: 0, hasMore: false },

  onLoad() {
    void this.load(true);
  },

  onReachBottom() {
    if (this.data.hasMore) void this.load(false);
  },

  onPullDownRefresh() {
    void this.load(true).then(() => wx.stopPullDownRefresh());
  },

  async load(reset) {
    const page = reset ? 1 : this.data.page + 1;
    if (reset) this.setData({ status: 'loading', rows: [] });
    try {
      const found = await fetchPromotedOrders(page, PAGE_SIZE);
      const rows = [...(reset ? [] : this.data.rows), ...found.map(rowOf)];
      this.setData({ rows, page, hasMore: found.length === PAGE_SIZE, status: rows.length ? 'ready' : 'empty' });
    } catch (error) {
      if (reset) this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  onRetry() {
    void this.load(true);
  },
});
