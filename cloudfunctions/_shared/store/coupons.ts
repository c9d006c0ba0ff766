/** `coupons`: a shopper's coupons and whether an order has used or locked them. */

export interface CouponDoc {
  _id: string;
  openid: string;
  title: string;
  kind: 'amount_off' | 'percent_off';
  amountFen?: number;
  rateBp?: number;
  minSpendFen?: number;
  validFrom?: number;
  validTo?: number;
  /** `locked` while an unpaid order uses it; back to `unused` if that order is cancelled. */
  status: 'unused' | 'locked' | 'used';
  orderId?: string | null;
}
