/** `afterSales`: a shopper's or the merchant's refund of order lines, and its decision. */
import type { AfterSaleState } from '../../../core/src';

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
