/**
 * The checkout quote: the same pricing placing the order uses, plus every coupon of the caller priced against
 * this cart (best first, the others with why they give less or do not apply). Without a `couponId` the best
 * coupon is preselected in `bestCouponId` but not applied: the shopper's choice is the order's.
 */
import { evaluateCoupons, type Coupon } from '../../../core/src';
import type { Quote } from '../../../contract/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { CouponDoc } from '../store/coupons';
import { toCoreProduct, type ProductDoc } from '../store/products';
import { campaignPricesFor, withCampaignPrices } from './campaign-prices';
import { couponOf, priceCart, type CartRequest } from './checkout';

export async function quoteCart(openid: string, cart: CartRequest, now: number): Promise<Quote> {
  const { priced, settings } = await priceCart(openid, cart, now);
  const quote: Quote = { ...priced };
  if (cart.groupBuy) return quote;
  const _ = db().command;
  const [docs, products, campaigns] = await Promise.all([
    listDocs<CouponDoc>(db().collection(COLLECTIONS.coupons).where({ openid, status: 'unused' }).limit(100)),
    listDocs<ProductDoc>(
      db()
        .collection(COLLECTIONS.products)
        .where({ _id: _.in(cart.items.map((item) => item.productId)) })
        .limit(cart.items.length),
    ),
    campaignPricesFor(cart, now),
  ]);
  const coupons: Coupon[] = docs.map(couponOf);
  const evaluation = evaluateCoupons(
    {
      products: withCampaignPrices(products.map(toCoreProduct), campaigns),
      items: cart.items,
      shipping: settings.shipping,
      now,
    },
    coupons,
  );
  const titles = new Map(docs.map((doc) => [doc._id, doc.title]));
  return {
    ...quote,
    couponChoices: evaluation.options.map((option) => ({
      userCouponId: option.couponId,
      title: titles.get(option.couponId) ?? '',
      discountFen: option.discountFen,
      applicable: option.applicable,
      ...(option.reason ? { reason: option.reason } : {}),
    })),
    bestCouponId: evaluation.bestCouponId,
  };
}
