/**
 * Reconciliation (对账): WeChat Pay's bill of one day against the shop's own payments and refunds, both ways.
 *
 * The bill is WeChat Pay v2's text bill (`downloadBill`, bill_type ALL): a header line, one line per payment
 * (交易状态 SUCCESS) or refund (REFUND), every field prefixed with a backtick, then a summary header and line.
 * Amounts are yuan, parsed by money.ts (never by float).
 *
 * Each mismatch has a deterministic id (kind + WeChat reference), so a run repeated for the same day, or a later
 * day that sees the same problem, names the same queue item.
 */
import type { Fen } from './money';
import { parseYuan } from './money';
import { err, ok, type Result } from './errors';

export interface BillPayment {
  outTradeNo: string;
  transactionId: string;
  amountFen: Fen;
  payerOpenid: string;
}

export interface BillRefund {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: Fen;
}

export interface Bill {
  payments: BillPayment[];
  refunds: BillRefund[];
}

const SUMMARY_FIRST_COLUMN = '总交易单数';

/** The bill's lines as records; refuses a bill whose header lacks a column reconciliation needs. */
export function parseWechatBill(text: string): Result<Bill> {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((name) => name.trim());
  const column = (name: string) => header.indexOf(name);
  const needed = ['交易状态', '商户订单号', '微信订单号', '用户标识', '商户退款单号'];
  const missing = needed.filter((name) => column(name) < 0);
  const amountColumn = column('订单金额') >= 0 ? column('订单金额') : column('应结订单金额');
  const refundColumn = column('申请退款金额') >= 0 ? column('申请退款金额') : column('退款金额');
  if (missing.length > 0 || amountColumn < 0 || refundColumn < 0) {
    return err('INVALID_INPUT', { reason: 'not a WeChat Pay bill', missing: missing.join(',') || 'amount columns' });
  }
  const bill: Bill = { payments: [], refunds: [] };
  for (const line of lines.slice(1)) {
    if (line.replace(/^`/, '').startsWith(SUMMARY_FIRST_COLUMN)) break;
    const fields = line.split(',').map((field) => field.replace(/^`/, '').trim());
    const field = (index: number) => fields[index] ?? '';
    const state = field(column('交易状态'));
    if (state === 'SUCCESS') {
      const amount = parseYuan(field(amountColumn));
      if (!amount.ok) return amount;
      bill.payments.push({
        outTradeNo: field(column('商户订单号')),
        transactionId: field(column('微信订单号')),
        amountFen: amount.value,
        payerOpenid: field(column('用户标识')),
      });
    } else if (state === 'REFUND') {
      const amount = parseYuan(field(refundColumn));
      if (!amount.ok) return amount;
      bill.refunds.push({
        outTradeNo: field(column('商户订单号')),
        outRefundNo: field(column('商户退款单号')),
        refundFen: amount.value,
      });
    }
  }
  return ok(bill);
}

/** What the shop recorded for a trade: a payment it holds (the order's total), or none (unpaid, cancelled). */
export interface ShopPayment {
  outTradeNo: string;
  orderId: string;
  /** undefined: the shop has no payment for this trade. */
  amountFen: Fen | undefined;
}

/** A refund the shop completed (or, for a late payment, requested and WeChat will complete). */
export interface ShopRefund {
  outRefundNo: string;
  orderId: string;
  /** undefined: the shop has this refund number but has not completed it. */
  refundFen: Fen | undefined;
}

export const MISMATCH_KINDS = [
  'payment-missing-here',
  'payment-missing-at-wechat',
  'payment-amount-differs',
  'refund-missing-here',
  'refund-missing-at-wechat',
  'refund-amount-differs',
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export interface Mismatch {
  id: string;
  kind: MismatchKind;
  outTradeNo: string;
  outRefundNo: string | null;
  orderId: string | null;
  wechatFen: Fen | null;
  shopFen: Fen | null;
}

export function mismatchId(kind: MismatchKind, reference: string): string {
  return `${kind}:${reference}`;
}

export interface DayToReconcile {
  bill: Bill;
  /** The shop's records for every trade in the bill, by outTradeNo (absent: the shop does not know the trade). */
  shopPaymentsByTrade: ReadonlyMap<string, ShopPayment>;
  /** The shop's records for every refund in the bill, by outRefundNo. */
  shopRefundsByNumber: ReadonlyMap<string, ShopRefund>;
  /** The payments the shop recorded on this day. */
  shopPaymentsOfDay: readonly ShopPayment[];
  /** The refunds the shop completed on this day. */
  shopRefundsOfDay: readonly ShopRefund[];
}

export interface DayReconciliation {
  mismatches: Mismatch[];
  /** Recorded here on this day but not in this day's bill: WeChat must be asked (it may be on the next day's bill). */
  unbilledPayments: ShopPayment[];
  unbilledRefunds: ShopRefund[];
}

/** Matches the bill against the shop both ways. Pure: the workflow reads, this decides. */
export function reconcileDay(day: DayToReconcile): DayReconciliation {
  const mismatches: Mismatch[] = [];
  for (const payment of day.bill.payments) {
    const shop = day.shopPaymentsByTrade.get(payment.outTradeNo);
    if (shop?.amountFen === undefined) {
      mismatches.push(
        paymentMismatch('payment-missing-here', payment.outTradeNo, shop?.orderId ?? null, payment.amountFen, null),
      );
    } else if (shop.amountFen !== payment.amountFen) {
      mismatches.push(
        paymentMismatch('payment-amount-differs', payment.outTradeNo, shop.orderId, payment.amountFen, shop.amountFen),
      );
    }
  }
  for (const refund of day.bill.refunds) {
    const shop = day.shopRefundsByNumber.get(refund.outRefundNo);
    if (shop?.refundFen === undefined) {
      mismatches.push(
        refundMismatch(
          'refund-missing-here',
          refund.outTradeNo,
          refund.outRefundNo,
          shop?.orderId ?? null,
          refund.refundFen,
          null,
        ),
      );
    } else if (shop.refundFen !== refund.refundFen) {
      mismatches.push(
        refundMismatch(
          'refund-amount-differs',
          refund.outTradeNo,
          refund.outRefundNo,
          shop.orderId,
          refund.refundFen,
          shop.refundFen,
        ),
      );
    }
  }
  const billedTrades = new Set(day.bill.payments.map((p) => p.outTradeNo));
  const billedRefunds = new Set(day.bill.refunds.map((r) => r.outRefundNo));
  return {
    mismatches,
    unbilledPayments: day.shopPaymentsOfDay.filter((p) => p.amountFen !== undefined && !billedTrades.has(p.outTradeNo)),
    unbilledRefunds: day.shopRefundsOfDay.filter((r) => r.refundFen !== undefined && !billedRefunds.has(r.outRefundNo)),
  };
}

/** A payment recorded here that is not in the day's bill, after asking WeChat: paid there for the same amount, or a mismatch. */
export function unbilledPaymentMismatch(
  shop: ShopPayment,
  wechat: { paid: boolean; amountFen: Fen | undefined },
): Mismatch | undefined {
  if (!wechat.paid)
    return paymentMismatch('payment-missing-at-wechat', shop.outTradeNo, shop.orderId, null, shop.amountFen ?? null);
  if (wechat.amountFen !== shop.amountFen) {
    return paymentMismatch(
      'payment-amount-differs',
      shop.outTradeNo,
      shop.orderId,
      wechat.amountFen ?? null,
      shop.amountFen ?? null,
    );
  }
  return undefined;
}

/** A refund completed here that is not in the day's bill, after asking WeChat: refunded there for the same amount, or a mismatch. */
export function unbilledRefundMismatch(
  shop: ShopRefund,
  outTradeNo: string,
  wechat: { succeeded: boolean; refundFen: Fen | undefined },
): Mismatch | undefined {
  if (!wechat.succeeded)
    return refundMismatch(
      'refund-missing-at-wechat',
      outTradeNo,
      shop.outRefundNo,
      shop.orderId,
      null,
      shop.refundFen ?? null,
    );
  if (wechat.refundFen !== shop.refundFen) {
    return refundMismatch(
      'refund-amount-differs',
      outTradeNo,
      shop.outRefundNo,
      shop.orderId,
      wechat.refundFen ?? null,
      shop.refundFen ?? null,
    );
  }
  return undefined;
}

function paymentMismatch(
  kind: MismatchKind,
  outTradeNo: string,
  orderId: string | null,
  wechatFen: Fen | null,
  shopFen: Fen | null,
): Mismatch {
  return { id: mismatchId(kind, outTradeNo), kind, outTradeNo, outRefundNo: null, orderId, wechatFen, shopFen };
}

function refundMismatch(
  kind: MismatchKind,
  outTradeNo: string,
  outRefundNo: string,
  orderId: string | null,
  wechatFen: Fen | null,
  shopFen: Fen | null,
): Mismatch {
  return { id: mismatchId(kind, outRefundNo), kind, outTradeNo, outRefundNo, orderId, wechatFen, shopFen };
}
