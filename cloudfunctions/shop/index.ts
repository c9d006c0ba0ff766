/**
 * The storefront, routed by `$url`: categories, product lists and pages, my coupons, a server-computed quote (with
 * the caller's coupons priced against the cart), claiming coupons, campaigns for countdowns and strips, groups, the
 * store's face, and the shopper's own profile (nickname, avatar, phone).
 */
import { DomainError, isDistributor } from '../../core/src';
import { categories, myCoupons, productDetail, products } from '../_shared/workflows/catalogue';
import { liveRules } from '../_shared/workflows/checkout';
import { claimableCoupons, claimCoupon } from '../_shared/workflows/coupon-claims';
import { activeCampaigns, withRunningCampaign } from '../_shared/workflows/campaigns';
import { groupView } from '../_shared/workflows/group-buys';
import { quoteCart } from '../_shared/workflows/quote';
import { getDoc } from '../_shared/platform/documents';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { COLLECTIONS } from '../_shared/store/collections';
import type { DistributorDoc } from '../_shared/store/distributors';
import { bindPhone, myProfile, storeFace, updateProfile } from '../_shared/workflows/profile';
import { recordBehaviour } from '../_shared/store/behaviour';
import { alsoBought } from '../_shared/workflows/recommendations';

export const main = defineContractFunction('shop', {
  categories: async () => categories(),
  products: async (query) => products(query, Date.now()),
  product: async ({ id }) => {
    const rules = await liveRules();
    const distributor = await getDoc<DistributorDoc>(COLLECTIONS.distributors, callerOpenid());
    const detail = await productDetail(id, Date.now(), rules, isDistributor(rules, distributor?.status ?? null));
    if (!detail) throw new DomainError('PRODUCT_UNAVAILABLE', { productId: id });
    return withRunningCampaign(detail, rules, Date.now());
  },
  coupons: async () => myCoupons(callerOpenid(), Date.now()),
  /** The total the shopper will pay, before paying: the same pricing placeOrder uses. */
  quote: async (cart) => quoteCart(callerOpenid(), cart, Date.now()),
  claimCoupon: async ({ couponId }) => claimCoupon(callerOpenid(), couponId, Date.now()),
  claimableCoupons: async ({ productId }) => claimableCoupons(callerOpenid(), productId, Date.now()),
  campaigns: async ({ productId }) => activeCampaigns(productId, Date.now()),
  group: async ({ groupId }) => groupView(callerOpenid(), groupId, Date.now()),
  /** The store's name, logo, intro and service phone (titles, share cards, 客服). */
  store: async () => storeFace(),
  profile: async () => myProfile(callerOpenid()),
  updateProfile: async (change) => updateProfile(callerOpenid(), change, Date.now()),
  /** `{code}` from `<button open-type="getPhoneNumber">`; `PHONE_CODE_INVALID` for a bad, used or foreign code. */
  bindPhone: async ({ code }) => bindPhone(callerOpenid(), code, Date.now()),
  /** 买了它的人还买了: from the co-purchase timer's document, the products still on the shelf. */
  alsoBought: async ({ productId }) => alsoBought(productId, Date.now()),
  /** Behaviour events, batched by the mini program; the caller is the platform's OPENID, never the event's. */
  track: async ({ events }) => recordBehaviour(callerOpenid(), events, Date.now()),
});
