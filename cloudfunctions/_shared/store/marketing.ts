/**
 * The marketing campaigns: coupon campaigns (what shoppers claim into `coupons`), limited-time prices
 * (`flashSales`), group-buy campaigns (`groupBuys`) and their groups (`groups`). Times are epoch ms, money fen.
 */
import type { CampaignCommission } from '../../../core/src';
import type { CouponKind, GroupStatus } from '../../../contract/src';

export type CampaignStatus = 'active' | 'stopped';

export interface CouponCampaignDoc {
  _id: string;
  title: string;
  kind: CouponKind;
  amountFen?: number;
  rateBp?: number;
  capFen?: number;
  minSpendFen?: number;
  /** Claims are taken on [validFrom, validTo); a claimed coupon is valid the same window, or validDays from its claim. */
  validFrom: number;
  validTo: number;
  validDays?: number;
  total: number;
  perUser: number;
  /** Units taken from `total`; only ever moved by one conditional update, so never above `total`. */
  claimed: number;
  productIds: string[];
  categoryIds: string[];
  status: CampaignStatus;
  /** Claims in flight: userCouponId → true, set with the `claimed` increment so that a retried claim never counts twice. */
  claiming?: Record<string, true>;
  createdAt: number;
  createdBy: string;
}

export interface FlashSaleDoc {
  _id: string;
  title: string;
  productId: string;
  /** When set, only lines of this SKU get the price (the SKU's line carries `skuId`). */
  skuId?: string;
  priceFen: number;
  startAt: number;
  endAt: number;
  /** Units one shopper may buy at this price (0: no limit). */
  perUser: number;
  /** Units the campaign sells at this price at most (0: no cap beyond the product's stock). */
  stockCap: number;
  sold: number;
  commission: CampaignCommission;
  status: CampaignStatus;
  createdAt: number;
  createdBy: string;
}

export interface GroupBuyDoc {
  _id: string;
  title: string;
  productId: string;
  skuId?: string;
  groupPriceFen: number;
  size: number;
  /** How long a group stays open after it is opened. */
  hours: number;
  startAt: number;
  endAt: number;
  /** A payment that finds its group full opens a new group (true) or is refunded at once (false). */
  overflowOpensNewGroup: boolean;
  commission: CampaignCommission;
  status: CampaignStatus;
  createdAt: number;
  createdBy: string;
}

/**
 * One group. Membership is a map keyed by order id, written by one conditional update per paid order (`paidCount`
 * below `size`), so however many pay at once a group never takes more than `size` paid members.
 */
export interface GroupDoc {
  _id: string;
  campaignId: string;
  productId: string;
  leaderOpenid: string;
  status: GroupStatus;
  size: number;
  paidCount: number;
  /** orderId → the member's openid and when their payment was counted. */
  members: Record<string, { openid: string; paidAt: number }>;
  openedAt: number;
  expiresAt: number;
  succeededAt?: number;
  failedAt?: number;
  /** A failed group whose members' refunds were all requested. */
  refundsDone?: boolean;
}

/** What an order keeps of its group buy. `pending` until its group succeeds; only then may it ship. */
export interface OrderGroupBuy {
  campaignId: string;
  groupId: string;
  status: 'pending' | 'succeeded' | 'failed' | 'overflow';
  /** false until the paid order has its place in the group (or overflowed); the timer finishes interrupted joins. */
  joined: boolean;
}
