/**
 * The orders a distributor promoted, as they see them in their centre: one row per commission they earned, newest
 * first, a page at a time. Scoped to the caller's own commissions (`beneficiaryId`), so another distributor's orders
 * never appear; the buyer is a masked nickname, never any piece of an openid or an address.
 */
import {
  chinaMonthDay,
  COMMISSION_STATUS,
  formatPercent,
  formatYuan,
  ORDER_STATUS,
  type PromotedOrder,
  type PromotedOrderStep,
} from '../../../contract/src';
import type { Fen } from '../../../core/src';
import { db } from '../platform/cloud';
import { docsByIds, listDocs } from '../platform/documents';
import { publicNickname } from '../platform/masks';
import { COLLECTIONS } from '../store/collections';
import type { CommissionDoc } from '../store/commissions';
import type { OrderDoc } from '../store/orders';
import type { UserDoc } from '../store/users';

async function byIds<T extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, T>> {
  const docs = await docsByIds<T>(collection, ids);
  return new Map(docs.map((doc) => [doc._id, doc]));
}

function timelineOf(commission: CommissionDoc, order: OrderDoc | undefined): PromotedOrderStep[] {
  const steps: PromotedOrderStep[] = [
    { at: order?.paidAt ?? commission.createdAt, text: '好友下单并支付，佣金冻结中' },
  ];
  if (order?.receivedAt) steps.push({ at: order.receivedAt, text: '好友确认收货，进入售后期' });
  if (commission.reversedFen > 0)
    steps.push({
      at: order?.receivedAt ?? commission.createdAt,
      text: `发生退款，佣金退回 ¥${formatYuan(commission.reversedFen as Fen)}`,
    });
  if (commission.settledAt) steps.push({ at: commission.settledAt, text: '售后期结束，佣金已结算，可提现' });
  else if (commission.status === 'frozen' && commission.settleAt)
    steps.push({ at: commission.settleAt, text: `预计 ${chinaMonthDay(commission.settleAt)} 结算` });
  return steps;
}

export async function promotedOrders(openid: string, page: number, pageSize: number): Promise<PromotedOrder[]> {
  const commissions = await listDocs<CommissionDoc>(
    db()
      .collection(COLLECTIONS.commissions)
      .where({ beneficiaryId: openid })
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize),
  );
  const [orders, buyers] = await Promise.all([
    byIds<OrderDoc>(COLLECTIONS.orders, [...new Set(commissions.map((c) => c.orderId))]),
    byIds<UserDoc>(COLLECTIONS.users, [...new Set(commissions.map((c) => c.buyerOpenid))]),
  ]);
  return commissions.map((commission) => {
    const order = orders.get(commission.orderId);
    const line = order?.lines.find((l) => l.line === commission.line);
    const terms = commission.terms;
    return {
      commissionId: commission._id,
      orderId: commission.orderId,
      orderNo: (order as { orderNo?: string } | undefined)?.orderNo ?? null,
      buyer: publicNickname(buyers.get(commission.buyerOpenid)?.nickname),
      title: line?.title ?? '',
      quantity: commission.quantity,
      paidFen: commission.baseFen,
      orderStatus: order ? ORDER_STATUS[order.status].text : '',
      level: commission.level,
      commissionStatus: COMMISSION_STATUS[commission.status].text,
      commissionFen: commission.amountFen - commission.reversedFen,
      reversedFen: commission.reversedFen,
      termsText: terms.kind === 'rate' ? formatPercent(terms.rateBp) : `每件 ¥${formatYuan(terms.perUnitFen as Fen)}`,
      timeline: timelineOf(commission, order),
    };
  });
}
