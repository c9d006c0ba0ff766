/** `coupons`: a shopper's coupons and whether an order has used or locked them. */
import type { CouponKind, CouponStatus } from '../../../contract/src';

export interface CouponDoc {
  _id: string;
  openid: string;
  title: string;
  kind: CouponKind;
  amountFen?: number;
  rateBp?: number;
  minSpendFen?: number;
  validFrom?: number;
  validTo?: number;
  /** `locked` while an unpaid order uses it; back to `unused` if that order is cancelled. */
  status: CouponStatus;
  orderId?: string | null;
}
