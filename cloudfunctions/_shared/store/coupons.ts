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
  capFen?: number;
  /** Scope (empty or absent: every product). */
  productIds?: string[];
  categoryIds?: string[];
  /**
   * `locked` while an unpaid order uses it; back to `unused` if that order is cancelled. `claiming`: the slot is
   * taken but the campaign's quantity not yet (a claim in flight, or one that died and the next claim finishes).
   */
  status: CouponStatus | 'claiming';
  orderId?: string | null;
  /** A claimed coupon: its campaign (`couponCampaigns`), its slot among the shopper's claims, and when. */
  campaignId?: string;
  slot?: number;
  claimedAt?: number;
  /** `issued` when an operator gave it (admin), else the shopper claimed it. */
  source?: 'claimed' | 'issued';
}
