/** Order enums and their Chinese wording (the starter's pages/order/config, typed). */
import type { AfterSaleStatus, OrderStatus } from '../../services/types';

export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  unpaid: '待付款',
  paid: '待发货',
  shipped: '待收货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
};

/** The status tabs of the order list; '' is every order. */
export const ORDER_TABS: Array<{ value: OrderStatus | ''; label: string }> = [
  { value: '', label: '全部' },
  { value: 'unpaid', label: '待付款' },
  { value: 'paid', label: '待发货' },
  { value: 'shipped', label: '待收货' },
  { value: 'received', label: '已收货' },
  { value: 'completed', label: '已完成' },
];

export const TIMELINE_TEXT: Record<string, string> = {
  created: '下单',
  paid: '支付成功',
  shipped: '商家已发货',
  received: '确认收货',
  afterSalesWindowCloses: '售后期结束',
  completed: '订单完成',
  cancelled: '订单已取消',
};

export const AFTER_SALE_TEXT: Record<AfterSaleStatus, string> = {
  requested: '退款申请已提交，等待商家审核',
  approved: '商家已同意，退款处理中',
  rejected: '商家已拒绝',
  refunded: '退款已到账',
};

/** Orders that may still ask for a refund (the server decides; this only hides the button where it cannot). */
export const REFUNDABLE: OrderStatus[] = ['paid', 'shipped', 'received'];

export const REFUND_REASONS = ['不想要了', '商品质量问题', '发错货/少发', '商品与描述不符', '物流太慢'];
