/** What the shopper's `orders` function answers: their own orders only, without other people's data. */
import type { AfterSaleState, OrderState, TimelineEvent } from '../states';
import type { Address, QuoteLine } from './shop';

export interface OrderLine extends QuoteLine {
  refundedQuantity: number;
  /** The product's picture as it was when the order was placed; absent on orders placed before pictures were kept. */
  image?: string | null;
}

export interface Order {
  orderId: string;
  /** The order number people read (20 digits, date-based); `orderId` stays internal. */
  orderNo: string;
  status: OrderState;
  lines: readonly OrderLine[];
  subtotalFen: number;
  discountFen: number;
  shippingFen: number;
  totalFen: number;
  refundedFen: number;
  address: Address;
  shipping: { carrier: string; trackingNo: string } | null;
  createdAt: number;
  expiresAt: number;
}

export interface OrderList {
  orders: Order[];
  page: number;
  pageSize: number;
}

export interface AfterSale {
  afterSaleId: string;
  line: number;
  quantity: number;
  reason: string;
  status: AfterSaleState;
  refundFen: number | null;
  createdAt: number;
  decidedAt: number | null;
  rejectReason: string | null;
  refundedAt: number | null;
}

export interface TimelineMoment {
  event: TimelineEvent;
  at: number;
}

export interface OrderDetail extends Order {
  afterSales: AfterSale[];
  timeline: TimelineMoment[];
}
