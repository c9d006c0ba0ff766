/**
 * The subscribe messages the shop sends: shipped, refund result, commission settled, withdrawal result. Template ids
 * come from `settings/afterSales`; a blank id means the merchant has not set that message up, and nothing is sent.
 * Every sender runs after its workflow committed and never throws: a message that fails to go out is logged and
 * never undoes a shipment, a refund or a payout.
 */
import { formatFen } from '../../../contract/src';
import { sendSubscribeMessage, type SubscribeMessage } from '../platform/wechat-messages';
import { afterSalesSettings, type SubscribeTemplates } from '../store/after-sales-settings';
import type { AfterSaleDoc } from '../store/after-sales';
import type { OrderDoc } from '../store/orders';

async function send(kind: keyof SubscribeTemplates, message: Omit<SubscribeMessage, 'templateId'>): Promise<boolean> {
  try {
    const templateId = (await afterSalesSettings()).subscribeTemplates[kind];
    if (!templateId) return false;
    await sendSubscribeMessage({ ...message, templateId });
    return true;
  } catch (error) {
    console.warn(`subscribe message ${kind} to ${message.touser} not sent`, error);
    return false;
  }
}

function goods(order: OrderDoc): string {
  const first = order.lines[0]?.title ?? '商品';
  return order.lines.length > 1 ? `${first}等${order.lines.length}件` : first;
}

export function notifyShipped(order: OrderDoc): Promise<boolean> {
  return send('shipped', {
    touser: order.buyerOpenid,
    page: `pages/order/detail/index?orderId=${order._id}`,
    data: {
      thing1: goods(order),
      thing2: order.shipping?.carrier ?? '',
      character_string3: order.shipping?.trackingNo ?? '',
    },
  });
}

export function notifyRefundResult(afterSale: AfterSaleDoc): Promise<boolean> {
  return send('refundResult', {
    touser: afterSale.buyerOpenid,
    page: `pages/order/detail/index?orderId=${afterSale.orderId}`,
    data: {
      phrase1: afterSale.status === 'refunded' ? '退款成功' : '退款未通过',
      amount2: formatFen(afterSale.refundFen ?? 0),
      thing3: afterSale.status === 'refunded' ? '款项已原路退回' : (afterSale.rejectReason ?? '').slice(0, 20),
    },
  });
}

/** For settlement (the lead wires it): one message per distributor and settlement run. */
export function notifyCommissionSettled(openid: string, settledFen: number): Promise<boolean> {
  return send('commissionSettled', {
    touser: openid,
    page: 'distributor/center/index',
    data: { amount1: formatFen(settledFen), thing2: '佣金已结算，可申请提现' },
  });
}

/** For the withdrawal workflow (the lead wires it): paid, rejected or failed. */
export function notifyWithdrawalResult(
  openid: string,
  amountFen: number,
  outcome: 'paid' | 'rejected' | 'failed',
): Promise<boolean> {
  const text = { paid: '提现已到账', rejected: '提现未通过审核', failed: '打款失败，余额已退回' }[outcome];
  return send('withdrawalResult', {
    touser: openid,
    page: 'distributor/withdraw/index',
    data: { amount1: formatFen(amountFen), phrase2: text.slice(0, 5), thing3: text },
  });
}
