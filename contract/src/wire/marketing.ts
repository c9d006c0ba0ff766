/** What the marketing routes of `shop` answer: coupons to claim, coupon choices at checkout, campaigns, groups. */
import type { CouponKind } from '../states';

/** A claim's result: the shopper's own coupon, the id `placeOrder`'s `couponId` takes. */
export interface CouponClaimed {
  userCouponId: string;
}

/** A coupon in the coupon centre (or on a product page): what it gives, and whether the caller can still claim it. */
export interface ClaimableCoupon {
  id: string;
  title: string;
  kind: CouponKind;
  amountFen?: number;
  rateBp?: number;
  capFen?: number;
  minSpendFen?: number;
  validFrom: number;
  validTo: number;
  /** Each claimed coupon is valid this many days from its claim (instead of until `validTo`). */
  validDays?: number;
  /** Empty: every product. */
  productIds: string[];
  categoryIds: string[];
  remaining: number;
  claimedByMe: number;
  perUser: number;
}

/** One of the caller's coupons at checkout: the discount it would give this cart, or why it does not apply. */
export interface CouponChoice {
  userCouponId: string;
  title: string;
  discountFen: number;
  applicable: boolean;
  /** Why not (Chinese, for the shopper): 未满 ¥x、不在可用商品范围、未到使用时间、已过期. */
  reason?: string;
}

/** A limited-time price or group-buy campaign, for the countdown and the campaign strip. */
export interface CampaignCard {
  id: string;
  kind: 'flash_sale' | 'group_buy';
  productId: string;
  skuId?: string;
  title: string;
  image: string | null;
  priceFen: number;
  listPriceFen: number;
  startAt: number;
  endAt: number;
  /** Group buys: members a group needs, and hours a group stays open. */
  size?: number;
  hours?: number;
}

export type GroupStatus = 'open' | 'succeeded' | 'failed';

/** A group as anyone holding its id sees it: masked members, never an openid. */
export interface GroupView {
  groupId: string;
  campaignId: string;
  productId: string;
  title: string;
  image: string | null;
  groupPriceFen: number;
  status: GroupStatus;
  size: number;
  paidMembers: number;
  /** Nicknames (masked) of paid members in the order they paid; `isLeader` for the one who opened it. */
  members: Array<{ name: string; isLeader: boolean }>;
  expiresAt: number;
  /** ms left until it fails, by the server's clock; 0 once ended. */
  remainingMs: number;
  isMember: boolean;
}
