/**
 * One order in the shopper's list: the first product's picture, the lines, the paid total, and the actions the
 * order's state allows (去支付 / 取消订单 while unpaid, 确认收货 once shipped, 申请售后 while refundable). The
 * card only says which action was chosen; the page does it with the order functions.
 */
import { ORDER_STATUS_FOR_SHOPPER, REFUNDABLE_ORDER_STATES, type Order, type OrderState } from '@shop/contract';
import { formatDateTime } from '../../utils/time';

export type OrderAction = 'pay' | 'cancel' | 'confirm' | 'aftersale';

/** What the card shows of an order; `canPay` needs the stored payment parameters, which only the page knows. */
export function cardView(order: Order | null, canPay: boolean) {
  if (!order) return { image: '', statusText: '', createdText: '', itemCount: 0, actions: [] as OrderAction[] };
  const actions: OrderAction[] = [];
  if (order.status === 'unpaid') {
    actions.push('cancel');
    if (canPay) actions.push('pay');
  }
  if (order.status === 'shipped') actions.push('confirm');
  if (
    (REFUNDABLE_ORDER_STATES as readonly OrderState[]).includes(order.status) &&
    order.lines.some((line) => line.refundedQuantity < line.quantity)
  )
    actions.unshift('aftersale');
  return {
    image: order.lines.find((line) => line.image)?.image ?? '',
    statusText: ORDER_STATUS_FOR_SHOPPER[order.status],
    createdText: formatDateTime(order.createdAt),
    itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    actions,
  };
}

const ACTION_TEXT: Record<OrderAction, string> = {
  pay: '去支付',
  cancel: '取消订单',
  confirm: '确认收货',
  aftersale: '申请售后',
};

Component({
  options: { addGlobalClass: true },
  properties: {
    order: { type: Object, value: null as unknown as Order },
    canPay: { type: Boolean, value: false },
  },
  data: {
    image: '',
    statusText: '',
    createdText: '',
    itemCount: 0,
    actions: [] as Array<{ action: OrderAction; text: string; primary: boolean }>,
  },
  observers: {
    'order, canPay'(order: Order | null, canPay: boolean) {
      const view = cardView(order, canPay);
      this.setData({
        ...view,
        actions: view.actions.map((action) => ({
          action,
          text: ACTION_TEXT[action],
          primary: action === 'pay' || action === 'confirm',
        })),
      });
    },
  },
  methods: {
    onOpen() {
      const order = this.data.order as Order | null;
      if (order) this.triggerEvent('open', { orderId: order.orderId });
    },
    onAction(e: WechatMiniprogram.BaseEvent<Record<string, never>, { action: OrderAction }>) {
      const order = this.data.order as Order | null;
      if (order) this.triggerEvent('action', { orderId: order.orderId, action: e.currentTarget.dataset.action });
    },
  },
});
