/**
 * The storefront, routed by `$url`: categories, product lists and pages, my coupons, a server-computed quote, the
 * store's face, and the shopper's own profile (nickname, avatar, phone).
 */
import { DomainError, isDistributor } from '../../core/src';
import { categories, myCoupons, productDetail, products } from '../_shared/workflows/catalogue';
import { liveRules, priceCart } from '../_shared/workflows/checkout';
import { getDoc } from '../_shared/platform/documents';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { COLLECTIONS } from '../_shared/store/collections';
import type { DistributorDoc } from '../_shared/store/distributors';
import { bindPhone, myProfile, storeFace, updateProfile } from '../_shared/workflows/profile';

export const main = defineContractFunction('shop', {
  categories: async () => categories(),
  products: async (query) => products(query, Date.now()),
  product: async ({ id }) => {
    const rules = await liveRules();
    const distributor = await getDoc<DistributorDoc>(COLLECTIONS.distributors, callerOpenid());
    const detail = await productDetail(id, Date.now(), rules, isDistributor(rules, distributor?.status ?? null));
    if (!detail) throw new DomainError('PRODUCT_UNAVAILABLE', { productId: id });
    return detail;
  },
  coupons: async () => myCoupons(callerOpenid(), Date.now()),
  /** The total the shopper will pay, before paying: the same pricing placeOrder uses. */
  quote: async (cart) => {
    const { priced } = await priceCart(callerOpenid(), cart, Date.now());
    return priced;
  },
  /** The store's name, logo, intro and service phone (titles, share cards, 客服). */
  store: async () => storeFace(),
  profile: async () => myProfile(callerOpenid()),
  updateProfile: async (change) => updateProfile(callerOpenid(), change, Date.now()),
  /** `{code}` from `<button open-type="getPhoneNumber">`; `PHONE_CODE_INVALID` for a bad, used or foreign code. */
  bindPhone: async ({ code }) => bindPhone(callerOpenid(), code, Date.now()),
});
