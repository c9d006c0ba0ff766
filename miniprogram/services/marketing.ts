/** Coupons to claim, running campaigns and groups: the marketing routes of `shop`. */
import type { CampaignCard, ClaimableCoupon, CouponClaimed, GroupView } from '@shop/contract';
import { callCloud } from './cloud';

export function fetchClaimableCoupons(productId?: string): Promise<ClaimableCoupon[]> {
  return callCloud('shop', 'claimableCoupons', productId ? { productId } : {});
}

export function claimCoupon(couponId: string): Promise<CouponClaimed> {
  return callCloud('shop', 'claimCoupon', { couponId });
}

/** `silent`: a page where campaigns are an extra (the product page) shows nothing rather than an error toast. */
export function fetchCampaigns(productId?: string, options: { silent?: boolean } = {}): Promise<CampaignCard[]> {
  return callCloud('shop', 'campaigns', productId ? { productId } : {}, options);
}

export function fetchGroup(groupId: string): Promise<GroupView> {
  return callCloud('shop', 'group', { groupId });
}
