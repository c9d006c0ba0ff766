/**
 * After-sales per line and quantity, and the window that freezes commissions. The window is counted
 * from receipt, never from order creation: likeshop counts from creation, so a slow delivery can close
 * the window before the parcel arrives.
 */
import { err, ok, type Result } from './errors';
import type { Fen } from './money';
import { refundAmountForLine } from './commission';
import type { GuardContext } from './fsm';
import type { AfterSaleState } from './machines/after-sale';
import type { OrderState } from './machines/order';
import type { DistributionRules } from './rules';
import { DAY_MS, type EpochMs } from './time';

export interface OrderForAfterSales {
  readonly state: OrderState;
  /** Set when the order reached `received`. */
  readonly receivedAt?: EpochMs | null;
  readonly lines: readonly { readonly quantity: number; readonly paidFen: Fen }[];
}

export interface AfterSaleSummary {
  readonly line: number;
  readonly quantity: number;
  readonly state: AfterSaleState;
}

/** When the after-sales window (and so the commission freeze) ends, or null before receipt. */
export function afterSalesDeadline(
  receivedAt: EpochMs | null | undefined,
  rules: Pick<DistributionRules, 'freezeDays'>,
): EpochMs | null {
  return receivedAt === null || receivedAt === undefined ? null : receivedAt + rules.freezeDays * DAY_MS;
}

export function isAfterSalesWindowClosed(
  order: OrderForAfterSales,
  rules: Pick<DistributionRules, 'freezeDays'>,
  now: EpochMs,
): boolean {
  if (order.state !== 'received' && order.state !== 'completed') return false;
  const deadline = afterSalesDeadline(order.receivedAt, rules);
  return deadline !== null && now >= deadline;
}

/** Open = still claims units of its line: waiting for a decision, for the goods, or for WeChat Pay. */
export const OPEN_AFTER_SALE_STATES: readonly AfterSaleState[] = [
  'requested',
  'approved',
  'awaiting_return',
  'return_shipped',
];

/** States in which the refund amount is fixed (approved, or a return approved and awaited). */
export const AMOUNT_FIXED_STATES: readonly AfterSaleState[] = [
  'approved',
  'awaiting_return',
  'return_shipped',
  'refunded',
];

export function isOpen(state: AfterSaleState): boolean {
  return OPEN_AFTER_SALE_STATES.includes(state);
}

export function hasOpenAfterSale(afterSales: readonly AfterSaleSummary[], line?: number): boolean {
  return afterSales.some((a) => isOpen(a.state) && (line === undefined || a.line === line));
}

/** Units of a line that are refunded, or claimed by an after-sale still open. */
export function claimedQuantity(afterSales: readonly AfterSaleSummary[], line: number): number {
  let claimed = 0;
  for (const a of afterSales) if (a.line === line && (a.state === 'refunded' || isOpen(a.state))) claimed += a.quantity;
  return claimed;
}

export function refundedQuantity(afterSales: readonly AfterSaleSummary[], line: number): number {
  let refunded = 0;
  for (const a of afterSales) if (a.line === line && a.state === 'refunded') refunded += a.quantity;
  return refunded;
}

export interface AfterSaleRequestInput {
  readonly order: OrderForAfterSales;
  readonly afterSales: readonly AfterSaleSummary[];
  readonly line: number;
  readonly quantity: number;
  readonly rules: Pick<DistributionRules, 'freezeDays'>;
  readonly now: EpochMs;
  /** 仅退款 (default) or 退货退款; a return needs goods that left the shop. */
  readonly type?: 'refund' | 'return';
}

/**
 * May the shopper ask to return `quantity` units of `line` now? Returns the refund the shopper would
 * get if every earlier request of the line is refunded first (the amount is fixed at refund time).
 */
export function checkAfterSaleRequest(input: AfterSaleRequestInput): Result<{ refundFen: Fen }> {
  const { order, line, quantity } = input;
  const orderLine = order.lines[line];
  if (!orderLine) return err('NOT_FOUND', { line });
  if (!Number.isInteger(quantity) || quantity < 1) return err('INVALID_INPUT', { field: 'quantity', value: quantity });
  // A closed order has had every unit refunded: asking for more is asking beyond the purchase.
  if (order.state === 'closed') return err('REFUND_EXCEEDS_PURCHASE', { line, orderState: order.state });
  if (order.state !== 'paid' && order.state !== 'shipped' && order.state !== 'received') {
    return err(order.state === 'completed' ? 'AFTER_SALES_WINDOW_CLOSED' : 'ILLEGAL_TRANSITION', {
      orderState: order.state,
    });
  }
  if (input.type === 'return' && order.state === 'paid') {
    return err('ILLEGAL_TRANSITION', { orderState: order.state, reason: 'nothing shipped to return' });
  }
  if (order.state === 'received' && isAfterSalesWindowClosed(order, input.rules, input.now)) {
    return err('AFTER_SALES_WINDOW_CLOSED', { deadline: afterSalesDeadline(order.receivedAt, input.rules) });
  }
  const claimed = claimedQuantity(input.afterSales, line);
  if (claimed + quantity > orderLine.quantity) {
    return err('REFUND_EXCEEDS_PURCHASE', { line, purchased: orderLine.quantity, claimed, requested: quantity });
  }
  const refund = refundAmountForLine(orderLine.paidFen, orderLine.quantity, claimed, quantity);
  return refund.ok ? ok({ refundFen: refund.value }) : refund;
}

/**
 * May an operator refund `quantity` units of `line` now? Operators may refund a paid order at any time — a
 * goodwill refund after the window, a complaint upheld — but never more units than were bought and not yet
 * claimed. After settlement the commission comes back as a clawback (and debt where the balance is short).
 */
export function checkMerchantRefund(input: Omit<AfterSaleRequestInput, 'rules' | 'now'>): Result<{ refundFen: Fen }> {
  const { order, line, quantity } = input;
  const orderLine = order.lines[line];
  if (!orderLine) return err('NOT_FOUND', { line });
  if (!Number.isInteger(quantity) || quantity < 1) return err('INVALID_INPUT', { field: 'quantity', value: quantity });
  if (order.state === 'closed') return err('REFUND_EXCEEDS_PURCHASE', { line, orderState: order.state });
  if (order.state === 'unpaid' || order.state === 'cancelled')
    return err('ILLEGAL_TRANSITION', { orderState: order.state });
  const claimed = claimedQuantity(input.afterSales, line);
  if (claimed + quantity > orderLine.quantity) {
    return err('REFUND_EXCEEDS_PURCHASE', { line, purchased: orderLine.quantity, claimed, requested: quantity });
  }
  const refund = refundAmountForLine(orderLine.paidFen, orderLine.quantity, claimed, quantity);
  return refund.ok ? ok({ refundFen: refund.value }) : refund;
}

/** Guard values for settling one line's commissions (commissionMachine `settle`) or completing the order. */
export function settlementGuards(
  order: OrderForAfterSales,
  afterSales: readonly AfterSaleSummary[],
  rules: Pick<DistributionRules, 'freezeDays'>,
  now: EpochMs,
  line?: number,
): GuardContext {
  return {
    afterSalesWindowClosed: isAfterSalesWindowClosed(order, rules, now),
    noOpenAfterSale: !hasOpenAfterSale(afterSales, line),
  };
}

/** Every unit of every line refunded: the order closes. */
export function isEveryLineRefunded(
  lines: readonly { readonly quantity: number; readonly refundedQuantity: number }[],
): boolean {
  return lines.length > 0 && lines.every((line) => line.refundedQuantity >= line.quantity);
}

/**
 * The amount an operator sends back: by default what the line's share comes to; less (a damaged return, a
 * partial goodwill) only with a reason, never more, never nothing when something was paid.
 */
export function operatorRefundAmount(
  computedFen: Fen,
  asked: { refundFen?: number; reason?: string } = {},
): Result<Fen> {
  if (asked.refundFen === undefined) return ok(computedFen);
  if (!Number.isInteger(asked.refundFen) || asked.refundFen < 1 || asked.refundFen > computedFen) {
    return err('INVALID_INPUT', { field: 'refundFen', max: computedFen, value: asked.refundFen });
  }
  if (asked.refundFen < computedFen && !asked.reason?.trim()) {
    return err('INVALID_INPUT', { field: 'partialReason', reason: 'a smaller refund needs a reason' });
  }
  return ok(asked.refundFen as Fen);
}

/** The return has waited for the goods longer than the settings allow (counted from the operator's approval). */
export function isReturnOverdue(approvedAt: EpochMs, returnShipDays: number, now: EpochMs): boolean {
  return now >= approvedAt + returnShipDays * DAY_MS;
}
