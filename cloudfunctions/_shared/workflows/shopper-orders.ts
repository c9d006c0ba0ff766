/**
 * What a shopper sees of their own orders. Views leave out what is not theirs to read: the inviter chain on the
 * snapshot (other people's openids), payment internals and operator names. The address is the shopper's own: in
 * full on one order, masked in the list (which never shows it).
 */
import { DomainError } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { afterSaleDocsOfOrders, type AfterSaleDoc } from '../store/after-sales';
import { COLLECTIONS } from '../store/collections';
import { orderNoOf, type OrderDoc } from '../store/orders';
import type { AfterSale, Order, OrderDetail, OrderList, TimelineEvent, TimelineMoment } from '../../../contract/src';
import { fullAddress, maskedAddress } from '../store/personal-records';

export function orderView(order: OrderDoc, address: 'full' | 'masked' = 'full'): Order {
  return {
    orderId: order._id,
    orderNo: orderNoOf(order),
    status: order.status,
    lines: order.lines,
    subtotalFen: order.subtotalFen,
    discountFen: order.discountFen,
    shippingFen: order.shippingFen,
    totalFen: order.totalFen,
    refundedFen: order.refundedFen ?? 0,
    address:
      address === 'full'
        ? fullAddress(order.address, order.buyerOpenid)
        : maskedAddress(order.address, order.buyerOpenid),
    shipping: order.shipping ?? null,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
  };
}

export function afterSaleView(doc: AfterSaleDoc): AfterSale {
  return {
    afterSaleId: doc._id,
    line: doc.line,
    quantity: doc.quantity,
    reason: doc.reason,
    status: doc.status,
    refundFen: doc.refundFen,
    createdAt: doc.createdAt,
    decidedAt: doc.decidedAt ?? null,
    rejectReason: doc.rejectReason ?? null,
    refundedAt: doc.refundedAt ?? null,
  };
}

/** When the order reached each state it has passed through, oldest first; `settleAt` is when the window closes. */
export function timeline(order: OrderDoc): TimelineMoment[] {
  const moments: [TimelineEvent, number | undefined][] = [
    ['created', order.createdAt],
    ['paid', order.paidAt],
    ['shipped', order.shippedAt],
    ['received', order.receivedAt],
    ['afterSalesWindowCloses', order.settleAt],
    ['completed', order.completedAt],
    ['cancelled', order.cancelledAt],
  ];
  return moments.filter((m): m is [TimelineEvent, number] => m[1] !== undefined).map(([event, at]) => ({ event, at }));
}

export async function ownOrder(openid: string, orderId: string): Promise<OrderDoc> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
  if (!order || order.buyerOpenid !== openid) throw new DomainError('NOT_FOUND', { orderId }, '订单不存在');
  return order;
}

export async function myOrders(
  openid: string,
  query: { status?: OrderDoc['status']; page: number; pageSize: number },
): Promise<OrderList> {
  const orders = await listDocs<OrderDoc>(
    db()
      .collection(COLLECTIONS.orders)
      .where(query.status ? { buyerOpenid: openid, status: query.status } : { buyerOpenid: openid })
      .orderBy('createdAt', 'desc')
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize),
  );
  return { orders: orders.map((order) => orderView(order, 'masked')), page: query.page, pageSize: query.pageSize };
}

export async function myOrderDetail(openid: string, orderId: string): Promise<OrderDetail> {
  const order = await ownOrder(openid, orderId);
  const afterSales = await afterSaleDocsOfOrders([orderId]);
  return { ...orderView(order), afterSales: afterSales.map(afterSaleView), timeline: timeline(order) };
}

export async function myAfterSales(openid: string, orderId: string): Promise<AfterSale[]> {
  await ownOrder(openid, orderId);
  return (await afterSaleDocsOfOrders([orderId])).map(afterSaleView);
}
