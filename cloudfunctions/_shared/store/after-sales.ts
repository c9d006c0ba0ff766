/** `afterSales`: a shopper's or the merchant's refund of order lines, and its decision. */
import type { AfterSaleState, AfterSaleSummary } from '../../../core/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from './collections';

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
