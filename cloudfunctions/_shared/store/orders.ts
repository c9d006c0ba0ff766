/** `orders`: what a shopper bought, at which price, and where the order is in its life. */
import type { Address, PaymentParams } from '../../../contract/src';
import type { OrderGroupBuy } from './marketing';
import type { AncestorSnapshot, OrderForAfterSales, OrderState, PricedLine } from '../../../core/src';

/** The contract's `Address`: what `wx.chooseAddress` gives and what a shopper reads back. */
export type ShippingAddress = Address;

/** An address as stored: the whole of it sealed, with a keyed hash of the phone beside it for lookups. */
export interface SealedAddress {
  sealed: string;
  phoneHash: string;
}

/** What is left of an address after the shopper's personal data was erased. */
export interface ErasedAddress {
  erasedAt: number;
}

/** Plain `ShippingAddress` only in documents written before encryption; they still read. */
export type StoredAddress = ShippingAddress | SealedAddress | ErasedAddress;

export interface OrderLine extends PricedLine {
  refundedQuantity: number;
}

export interface OrderDoc {
  _id: string;
  buyerOpenid: string;
  requestId: string;
  /** Hash of what the request asked for: the same requestId with other content is refused. */
  requestHash: string;
  status: OrderState;
  lines: OrderLine[];
  subtotalFen: number;
  discountFen: number;
  shippingFen: number;
  totalFen: number;
  couponId: string | null;
  address: StoredAddress;
  outTradeNo: string;
  /** Beneficiaries per level and the rules version, fixed when the order is placed. */
  snapshot: AncestorSnapshot;
  ruleVersion: number;
  payment: PaymentParams | null;
  createdAt: number;
  expiresAt: number;
  /** Set once the holds on the products are converted (paid) or released (cancelled). */
  stockSettled: boolean;
  paidAt?: number;
  transactionId?: string;
  shippedAt?: number;
  shipping?: { carrier: string; trackingNo: string };
  receivedAt?: number;
  /** receivedAt + freezeDays of the order's rules: when commissions may settle. */
  settleAt?: number;
  completedAt?: number;
  cancelledAt?: number;
  cancelReason?: string;
  /** A payment that arrived after cancellation, and the refund that returned it. */
  latePayment?: { transactionId: string; totalFee: number; outRefundNo: string; refundRequestedAt: number };
  refundedFen?: number;
  /** A group-buy order: its campaign and group, and whether the group succeeded (only then may it ship). */
  groupBuy?: OrderGroupBuy;
}

/** What the core decides an order's after-sales on. */
export function orderForAfterSales(order: OrderDoc): OrderForAfterSales {
  return { state: order.status, receivedAt: order.receivedAt ?? null, lines: order.lines };
}
