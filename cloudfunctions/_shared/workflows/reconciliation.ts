/**
 * The daily reconciliation (对账): downloads WeChat Pay's bill of one China day, reads what the shop recorded for
 * the same trades and refunds and on the same day, lets the core match them both ways, asks WeChat about what the
 * shop recorded but the bill lacks (it may sit on the next day's bill), and queues each mismatch for an operator.
 * Queue items have deterministic ids: a re-run adds nothing, and an item an operator resolved stays resolved.
 */
import {
  chinaDayBounds,
  parseWechatBill,
  reconcileDay,
  unbilledPaymentMismatch,
  unbilledRefundMismatch,
  unwrap,
  type Fen,
  type Mismatch,
  type ShopPayment,
  type ShopRefund,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { orderIdFromOutTradeNo } from '../platform/ids';
import { COLLECTIONS } from '../store/collections';
import { type AfterSaleDoc } from '../store/after-sales';
import { type OrderDoc } from '../store/orders';
import { downloadDayBill, queryRefundOf, queryTrade } from '../platform/cloud-pay';
import { isDuplicateKey } from '../platform/transactions';

export const PAYMENT_MISMATCHES = 'paymentMismatches';

export interface PaymentMismatchDoc extends Omit<Mismatch, 'id'> {
  _id: string;
  billDate: string;
  detectedAt: number;
  status: 'open' | 'resolved';
  resolvedAt?: number;
  resolvedBy?: string;
  note?: string;
}

const PAGE = 1000;
const BATCH = 100;

/** yyyyMMdd of the China day before the one containing `now`. */
export function previousChinaDay(now: number): { billDate: string; start: number; end: number } {
  const today = chinaDayBounds(now);
  const start = today.start - 86_400_000;
  const billDate = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return { billDate, start, end: today.start };
}

export async function reconcilePreviousDay(
  now: number,
): Promise<{ billDate: string; payments: number; refunds: number; mismatches: number }> {
  const { billDate, start, end } = previousChinaDay(now);
  const text = await downloadDayBill(billDate);
  const bill = text === undefined ? { payments: [], refunds: [] } : unwrap(parseWechatBill(text));

  const billedOrderIds = bill.payments
    .map((p) => orderIdFromOutTradeNo(p.outTradeNo))
    .filter((id): id is string => !!id);
  const billedRefundNos = bill.refunds.map((r) => r.outRefundNo);
  const lateOrderIds = billedRefundNos.filter((no) => no.startsWith('L')).map((no) => no.slice(1));
  const [billedOrders, lateOrders, billedAfterSales, paidOfDay, refundedOfDay] = await Promise.all([
    ordersByIds(billedOrderIds),
    ordersByIds(lateOrderIds),
    inBatches(billedRefundNos, (batch) =>
      db()
        .collection(COLLECTIONS.afterSales)
        .where({ outRefundNo: db().command.in(batch) }),
    ) as Promise<AfterSaleDoc[]>,
    allPages<OrderDoc>((skip) =>
      db()
        .collection(COLLECTIONS.orders)
        .where({ paidAt: db().command.gte(start).and(db().command.lt(end)) })
        .orderBy('paidAt', 'asc')
        .skip(skip)
        .limit(PAGE),
    ),
    allPages<AfterSaleDoc>((skip) =>
      db()
        .collection(COLLECTIONS.afterSales)
        .where({ refundedAt: db().command.gte(start).and(db().command.lt(end)) })
        .orderBy('refundedAt', 'asc')
        .skip(skip)
        .limit(PAGE),
    ),
  ]);
  const shopPaymentsByTrade = new Map(billedOrders.map((order) => [order.outTradeNo, shopPaymentOf(order)]));
  const shopRefundsByNumber = new Map<string, ShopRefund>(
    billedAfterSales.map((a) => [a.outRefundNo, shopRefundOf(a)]),
  );
  for (const order of lateOrders) {
    if (order.latePayment)
      shopRefundsByNumber.set(order.latePayment.outRefundNo, {
        outRefundNo: order.latePayment.outRefundNo,
        orderId: order._id,
        refundFen: order.latePayment.totalFee as Fen,
      });
  }
  const day = reconcileDay({
    bill,
    shopPaymentsByTrade,
    shopRefundsByNumber,
    shopPaymentsOfDay: paidOfDay.map(shopPaymentOf),
    // A refund of nothing (a line a coupon paid for) never goes to WeChat.
    shopRefundsOfDay: refundedOfDay.filter((a) => (a.refundFen ?? 0) > 0).map(shopRefundOf),
  });

  const mismatches = [...day.mismatches];
  for (const payment of day.unbilledPayments) {
    const trade = await queryTrade(payment.outTradeNo);
    const paid = trade.tradeState === 'SUCCESS' || trade.tradeState === 'REFUND';
    const found = unbilledPaymentMismatch(payment, { paid, amountFen: trade.totalFee as Fen | undefined });
    if (found) mismatches.push(found);
  }
  const tradeOfOrder = new Map(paidOfDay.map((o) => [o._id, o.outTradeNo]));
  for (const refund of day.unbilledRefunds) {
    const wechat = await queryRefundOf(refund.outRefundNo);
    const outTradeNo = tradeOfOrder.get(refund.orderId) ?? wechat?.outTradeNo ?? '';
    const found = unbilledRefundMismatch(refund, outTradeNo, {
      succeeded: wechat?.status === 'SUCCESS',
      refundFen: wechat?.refundFee as Fen | undefined,
    });
    if (found) mismatches.push(found);
  }
  for (const mismatch of mismatches) await queue(mismatch, billDate, now);
  return { billDate, payments: bill.payments.length, refunds: bill.refunds.length, mismatches: mismatches.length };
}

function shopPaymentOf(order: OrderDoc): ShopPayment {
  // Paid here: a paid order's total, or a payment that came after cancellation (recorded and returned).
  const amountFen = order.paidAt !== undefined ? order.totalFen : order.latePayment?.totalFee;
  return { outTradeNo: order.outTradeNo, orderId: order._id, amountFen: amountFen as Fen | undefined };
}

function shopRefundOf(afterSale: AfterSaleDoc): ShopRefund {
  const refundFen = afterSale.status === 'refunded' ? (afterSale.refundFen ?? undefined) : undefined;
  return { outRefundNo: afterSale.outRefundNo, orderId: afterSale.orderId, refundFen: refundFen as Fen | undefined };
}

async function queue(mismatch: Mismatch, billDate: string, now: number): Promise<void> {
  const { id, ...fields } = mismatch;
  const doc: PaymentMismatchDoc = { _id: id, ...fields, billDate, detectedAt: now, status: 'open' };
  try {
    await db().collection(PAYMENT_MISMATCHES).add({ data: doc });
  } catch (error) {
    // Already queued (a re-run, or the same problem seen again): the operator's item, resolved or not, stays.
    if (!isDuplicateKey(error)) throw error;
  }
}

async function ordersByIds(ids: string[]): Promise<OrderDoc[]> {
  return inBatches(ids, (batch) =>
    db()
      .collection(COLLECTIONS.orders)
      .where({ _id: db().command.in(batch) }),
  ) as Promise<OrderDoc[]>;
}

async function inBatches(
  keys: string[],
  query: (batch: string[]) => { limit(n: number): { get(): unknown } },
): Promise<unknown[]> {
  const found: unknown[] = [];
  for (let i = 0; i < keys.length; i += BATCH)
    found.push(...(await listDocs<unknown>(query(keys.slice(i, i + BATCH)).limit(BATCH))));
  return found;
}

async function allPages<T>(query: (skip: number) => { get(): unknown }): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await listDocs<T>(query(skip));
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

/** The operator's queue: open items first, newest first. */
export async function listMismatches(status: 'open' | 'resolved' | undefined): Promise<PaymentMismatchDoc[]> {
  const collection = db().collection(PAYMENT_MISMATCHES);
  return listDocs<PaymentMismatchDoc>(
    (status ? collection.where({ status }) : collection).orderBy('detectedAt', 'desc').limit(PAGE),
  );
}
