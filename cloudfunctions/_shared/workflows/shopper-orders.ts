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
import { afterSalesSettings, type ReturnAddress } from '../store/after-sales-settings';

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
    shippingUpload: order.shippingUpload?.status ?? null,
  };
}

/** `returnAddress`: the merchant's, shown only while the shopper has goods to send back. */
export function afterSaleView(doc: AfterSaleDoc, returnAddress: ReturnAddress | null = null): AfterSale {
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
    type: doc.type ?? 'refund',
    photos: doc.photos ?? [],
    refundableFen: doc.refundableFen ?? null,
    partialReason: doc.partialReason ?? null,
    returnAddress: doc.status === 'awaiting_return' || doc.status === 'return_shipped' ? returnAddress : null,
    returnShipping: doc.returnShipping ?? null,
    refundFailed: Boolean(doc.refundError),
    timeline: doc.timeline ?? [{ event: 'requested', at: doc.createdAt, by: doc.openedBy ?? 'shopper' }],
  };
}

/** Views of after-sales with the return address read once. */
export async function afterSaleViews(docs: AfterSaleDoc[]): Promise<AfterSale[]> {
  const { returnAddress } = await afterSalesSettings();
  return docs.map((doc) => afterSaleView(doc, returnAddress));
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
    ['closed', order.closedAt],
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
  query: { status?: OrderDoc['status']; afterSales?: boolean; page: number; pageSize: number },
): Promise<OrderList> {
  const filter: Record<string, unknown> = { buyerOpenid: openid };
  if (query.status) filter.status = query.status;
  if (query.afterSales) filter.afterSalesOpened = db().command.gt(0);
  const orders = await listDocs<OrderDoc>(
    db()
      .collection(COLLECTIONS.orders)
      .where(filter)
      .orderBy('createdAt', 'desc')
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize),
  );
  return { orders: orders.map((order) => orderView(order, 'masked')), page: query.page, pageSize: query.pageSize };
}

export async function myOrderDetail(openid: string, orderId: string): Promise<OrderDetail> {
  const order = await ownOrder(openid, orderId);
  const afterSales = await afterSaleDocsOfOrders([orderId]);
  return { ...orderView(order), afterSales: await afterSaleViews(afterSales), timeline: timeline(order) };
}

export async function myAfterSales(openid: string, orderId: string): Promise<AfterSale[]> {
  await ownOrder(openid, orderId);
  return afterSaleViews(await afterSaleDocsOfOrders([orderId]));
}
