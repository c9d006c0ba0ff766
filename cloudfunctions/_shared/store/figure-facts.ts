/**
 * The facts a payment and a refund add to the figures, read off the stored documents. No I/O: the live path
 * (`rollups.ts`, inside the payment's and the refund's transactions) and the rebuild from the facts
 * (`cloudfunctions/_tools/rebuild-figures.ts`) describe a fact the same way, so they count it the same way.
 */
import type { PaidOrderFacts, RefundFacts } from '../../../core/src';
import type { AfterSaleDoc } from './after-sales';
import type { OrderDoc, OrderLine } from './orders';

/** What a payment adds up to, from the order and the commission records it accrues. */
export function paidOrderFacts(
  order: OrderDoc,
  commissions: readonly { beneficiaryId: string; amountFen: number }[],
  paidAt: number,
): PaidOrderFacts {
  return {
    totalFen: order.totalFen,
    placedAt: order.createdAt,
    paidAt,
    level1: order.snapshot.beneficiaries[0] ?? null,
    lines: order.lines.map(({ productId, title, quantity, paidFen }) => ({ productId, title, quantity, paidFen })),
    commissions: commissions.map(({ beneficiaryId, amountFen }) => ({ beneficiaryId, amountFen })),
  };
}

/** What a completed refund adds up to: `linesAfter` are the order's lines with this refund counted. */
export function refundFacts(
  order: OrderDoc,
  linesAfter: readonly OrderLine[],
  afterSale: AfterSaleDoc,
  reversals: RefundFacts['reversals'],
  refundedAt: number,
): RefundFacts {
  const line = linesAfter[afterSale.line];
  const wasFull = order.lines.every((l) => l.refundedQuantity >= l.quantity);
  return {
    refundFen: afterSale.refundFen ?? 0,
    refundedAt,
    quantity: afterSale.quantity,
    product: { productId: line?.productId ?? 'unknown', title: line?.title ?? '' },
    level1: order.snapshot.beneficiaries[0] ?? null,
    orderFullyRefunded: !wasFull && linesAfter.every((l) => l.refundedQuantity >= l.quantity),
    reversals,
  };
}
