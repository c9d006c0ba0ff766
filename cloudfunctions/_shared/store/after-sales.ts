/** `afterSales`: a shopper's or the merchant's refund of order lines, and its decision. */
import type { AfterSaleState, AfterSaleSummary } from '../../../core/src';
import type { AfterSaleTimelineEvent, AfterSaleType } from '../../../contract/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from './collections';

/** One moment of an after-sale's life, for the timeline both sides read. `note` is plain text, never markup. */
export interface AfterSaleMoment {
  event: AfterSaleTimelineEvent;
  at: number;
  by: 'shopper' | 'merchant' | 'wechat' | 'system';
  note?: string;
}

export interface AfterSaleDoc {
  _id: string;
  orderId: string;
  buyerOpenid: string;
  line: number;
  quantity: number;
  reason: string;
  status: AfterSaleState;
  /** Fixed when the refund is approved. */
  refundFen: number | null;
  outRefundNo: string;
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
  refundedAt?: number;
  /** The client's id for the request that opened it, so a retried request opens nothing new. */
  requestId?: string;
  /** `merchant` when an operator opened it (a refund after the after-sales window, a complaint upheld). */
  openedBy?: 'shopper' | 'merchant';
  /** 仅退款 or 退货退款; documents written before returns existed are refunds. */
  type?: AfterSaleType;
  /** Storage fileIDs the shopper uploaded as evidence (≤ 6). */
  photos?: string[];
  /** What the core computed the units would refund when the request was made (the approval fixes `refundFen`). */
  refundableFen?: number;
  /** Why an operator refunded less than `refundableFen`. */
  partialReason?: string;
  /** The shopper's parcel back to the merchant. */
  returnShipping?: { carrier: string; trackingNo: string; shippedAt: number };
  goodsReceivedAt?: number;
  goodsReceivedBy?: string;
  closedAt?: number;
  /** WeChat Pay refused the refund; the operator approves again to retry. Cleared when a retry is accepted. */
  refundError?: { message: string; at: number } | null;
  timeline?: AfterSaleMoment[];
}

/** The timeline with `moment` appended; older documents without one start from their request. */
export function appendMoment(doc: AfterSaleDoc, moment: AfterSaleMoment): AfterSaleMoment[] {
  const earlier = doc.timeline ?? [{ event: 'requested', at: doc.createdAt, by: doc.openedBy ?? 'shopper' }];
  return [...earlier, moment];
}

/** What the core decides after-sales on. */
export function afterSaleSummary(doc: AfterSaleDoc): AfterSaleSummary {
  return { line: doc.line, quantity: doc.quantity, state: doc.status };
}

const PAGE = 1000;

async function allPages<T>(query: (skip: number) => { get(): unknown }): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await listDocs<T>(query(skip));
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

export async function afterSaleDocsOfOrders(orderIds: readonly string[]): Promise<AfterSaleDoc[]> {
  if (orderIds.length === 0) return [];
  const _ = db().command;
  return allPages<AfterSaleDoc>((skip) =>
    db()
      .collection(COLLECTIONS.afterSales)
      .where({ orderId: orderIds.length === 1 ? orderIds[0] : _.in([...orderIds]) })
      .orderBy('createdAt', 'asc')
      .skip(skip)
      .limit(PAGE),
  );
}

export async function afterSalesOfOrder(orderId: string): Promise<AfterSaleSummary[]> {
  return (await afterSaleDocsOfOrders([orderId])).map(afterSaleSummary);
}
