/** The storefront, routed by `$url`: categories, product lists and pages, my coupons, and a server-computed quote. */
import { DomainError, isDistributor } from '../../core/src';
import { categories, myCoupons, productDetail, products } from '../_shared/workflows/catalogue';
import { liveRules, priceCart } from '../_shared/workflows/checkout';
import { getDoc } from '../_shared/platform/documents';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { COLLECTIONS } from '../_shared/store/collections';
import type { DistributorDoc } from '../_shared/store/distributors';
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
    return detail;
  },
  coupons: async () => myCoupons(callerOpenid(), Date.now()),
  /** The total the shopper will pay, before paying: the same pricing placeOrder uses. */
  quote: async (cart) => {
    const { priced } = await priceCart(callerOpenid(), cart, Date.now());
    return priced;
  },
  /** 买了它的人还买了: from the co-purchase timer's document, the products still on the shelf. */
  alsoBought: async ({ productId }) => alsoBought(productId, Date.now()),
  /** Behaviour events, batched by the mini program; the caller is the platform's OPENID, never the event's. */
  track: async ({ events }) => recordBehaviour(callerOpenid(), events, Date.now()),
});
