/** `orders`: what a shopper bought, at which price, and where the order is in its life. */
import type { Address, PaymentParams } from '../../../contract/src';
import type { OrderGroupBuy } from './marketing';
import {
  orderNoCandidate,
  type AncestorSnapshot,
  type OrderForAfterSales,
  type OrderState,
  type PricedLine,
} from '../../../core/src';

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
  /** The product's first picture when the order was placed (order cards show it even after the product changes). */
  image?: string | null;
}

export interface OrderDoc {
  _id: string;
  /**
   * The number people read and search: yyyyMMddHHmmss (China time) and six digits, unique (store/order-numbers.ts).
   * Orders placed before order numbers existed have none; `orderNoOf` gives them one for display.
   */
  orderNo?: string;
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
  /** 买家留言: the shopper's note to the merchant, plain text (never rendered as HTML). */
  buyerNote?: string;
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
  /** WeChat's logistics type of the shipment: 1 express, 2 same-city, 3 virtual goods, 4 pickup. */
  logisticsType?: 1 | 2 | 3 | 4;
  receivedAt?: number;
  /** receivedAt + freezeDays of the order's rules: when commissions may settle. */
  settleAt?: number;
  completedAt?: number;
  cancelledAt?: number;
  cancelReason?: string;
  /** A payment that arrived after cancellation, and the refund that returned it. */
  latePayment?: { transactionId: string; totalFee: number; outRefundNo: string; refundRequestedAt: number };
  refundedFen?: number;
  /** Every unit refunded: the order closed. */
  closedAt?: number;
  /** How many after-sales were ever opened; writing it serialises a request with a shipment (see fulfilment). */
  afterSalesOpened?: number;
  /** WeChat's shipping-information upload (发货信息管理服务); `pending` is the outbox the timer retries. */
  shippingUpload?: ShippingUploadRecord;
  /** A group-buy order: its campaign and group, and whether the group succeeded (only then may it ship). */
  groupBuy?: OrderGroupBuy;
}

export interface ShippingUploadRecord {
  status: 'pending' | 'uploaded';
  attempts: number;
  lastAttemptAt?: number;
  lastError?: string;
  uploadedAt?: number;
}

/** What the core decides an order's after-sales on. */
export function orderForAfterSales(order: OrderDoc): OrderForAfterSales {
  return { state: order.status, receivedAt: order.receivedAt ?? null, lines: order.lines };
}

/** An order's number; an order from before numbers were stored gets its first candidate (display only). */
export function orderNoOf(order: Pick<OrderDoc, '_id' | 'orderNo' | 'createdAt'>): string {
  return order.orderNo ?? orderNoCandidate(order.createdAt, order._id, 0);
}
