/** Coupons to claim, running campaigns and groups: the marketing routes of `shop`. */
import type { CampaignCard, ClaimableCoupon, CouponClaimed, GroupView } from '@shop/contract';
import { callCloud } from './cloud';

export function fetchClaimableCoupons(productId?: string): Promise<ClaimableCoupon[]> {
  return callCloud('shop', 'claimableCoupons', productId ? { productId } : {});
}

export function claimCoupon(couponId: string): Promise<CouponClaimed> {
  return callCloud('shop', 'claimCoupon', { couponId });
}

export function fetchCampaigns(productId?: string): Promise<CampaignCard[]> {
  return callCloud('shop', 'campaigns', productId ? { productId } : {});
}

export function fetchGroup(groupId: string): Promise<GroupView> {
  return callCloud('shop', 'group', { groupId });
}
