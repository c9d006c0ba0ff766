/** What the shopper's `orders` function answers: their own orders only, without other people's data. */
import type {
  AfterSaleState,
  AfterSaleTimelineEvent,
  AfterSaleType,
  OrderState,
  ShippingUploadState,
  TimelineEvent,
} from '../states';
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
  /** Whether WeChat has accepted the shipping information (null before shipping). */
  shippingUpload: ShippingUploadState | null;
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
  type: AfterSaleType;
  /** Storage fileIDs of the shopper's photos. */
  photos: string[];
  /** What the core computed when the request was made; `refundFen` is what the operator fixed. */
  refundableFen: number | null;
  /** Why the operator refunded less than `refundableFen`. */
  partialReason: string | null;
  /** Where to send the goods, once a return is approved (from the store's after-sales settings). */
  returnAddress: { name: string; phone: string; address: string } | null;
  returnShipping: { carrier: string; trackingNo: string; shippedAt: number } | null;
  /** WeChat Pay refused the refund; the shop retries. */
  refundFailed: boolean;
  timeline: AfterSaleMoment[];
}

export interface AfterSaleMoment {
  event: AfterSaleTimelineEvent;
  at: number;
  by: 'shopper' | 'merchant' | 'wechat' | 'system';
  note?: string;
}

/** The storage folder the caller uploads after-sale photos into (`wx.cloud.uploadFile` cloudPath prefix). */
export interface PhotoFolder {
  folder: string;
}

export interface TimelineMoment {
  event: TimelineEvent;
  at: number;
}

export interface OrderDetail extends Order {
  afterSales: AfterSale[];
  timeline: TimelineMoment[];
}
