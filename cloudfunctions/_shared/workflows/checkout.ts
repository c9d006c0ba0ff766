/**
 * Everything placing an order needs to know before writing: prices (computed here with the core, never taken from
 * the client), the coupon, shipping, and who would earn commission (the inviter chain snapshotted now with the
 * rules version in force, so later re-binding or rule edits never change this order).
 */
import {
  DomainError,
  priceOrder,
  snapshotAncestors,
  type AncestorSnapshot,
  type Coupon,
  type DistributionRules,
  type DistributorState,
  type PricedOrder,
  type CampaignPrice,
  type Fen,
} from '../../../core/src';
import { campaignPricesFor, withCampaignPrices } from './campaign-prices';
import { db } from '../platform/cloud';
import { cached } from '../platform/cache';
import { getDoc, listDocs } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { CouponDoc } from '../store/coupons';
import type { DistributorDoc } from '../store/distributors';
import { toCoreProduct, type ProductDoc } from '../store/products';
import type { StoreSettingsDoc } from '../store/settings';
import type { UserDoc } from '../store/users';
import { currentRules } from '../store/rules';
import { storeSettings } from '../store/settings';
import { inviterChain } from '../store/users';

export interface CartRequest {
  items: Array<{ productId: string; quantity: number }>;
  couponId?: string;
  /** A group-buy order: the group price of the campaign instead of any other price. */
  groupBuy?: { campaignId: string; groupId?: string };
}

export interface Checkout {
  priced: PricedOrder;
  rules: DistributionRules;
  settings: StoreSettingsDoc;
}

const CONFIG_TTL_MS = 5_000;

export const liveRules = () => cached('rules:current', CONFIG_TTL_MS, currentRules);
export const liveSettings = () => cached('settings:store', CONFIG_TTL_MS, storeSettings);

async function usableCoupon(openid: string, couponId: string | undefined): Promise<Coupon | null> {
  if (!couponId) return null;
  const doc = await getDoc<CouponDoc>(COLLECTIONS.coupons, couponId);
  if (!doc || doc.openid !== openid || doc.status !== 'unused')
    throw new DomainError('COUPON_NOT_APPLICABLE', { couponId });
  return couponOf(doc);
}

/** The core's view of a shopper's coupon (scope and cap included). */
export function couponOf(doc: CouponDoc): Coupon {
  const { _id, kind, amountFen, rateBp, minSpendFen, validFrom, validTo, capFen, productIds, categoryIds } = doc;
  return {
    id: _id,
    kind,
    amountFen,
    rateBp,
    minSpendFen,
    validFrom,
    validTo,
    capFen,
    productIds,
    categoryIds,
  } as Coupon;
}

/** Prices a cart for `openid` at `now`; refusals (sold out, off shelf, bad coupon) are thrown as domain errors. */
export async function priceCart(openid: string, cart: CartRequest, now: number): Promise<Checkout> {
  const _ = db().command;
  const productIds = cartProductIds(cart);
  const [products, inputs] = await Promise.all([
    listDocs<ProductDoc>(
      db()
        .collection(COLLECTIONS.products)
        .where({ _id: _.in(productIds) })
        .limit(productIds.length),
    ),
    pricingInputs(openid, cart, now),
  ]);
  return priceWith(cart, products, inputs, now);
}

/** The same pricing over products already read (placing an order reads them with its other first reads). */
export async function priceProducts(
  openid: string,
  cart: CartRequest,
  products: ProductDoc[],
  now: number,
): Promise<Checkout> {
  return priceWith(cart, products, await pricingInputs(openid, cart, now), now);
}

export function cartProductIds(cart: CartRequest): string[] {
  return [...new Set(cart.items.map((item) => item.productId))];
}

interface PricingInputs {
  coupon: Coupon | null;
  campaigns: Map<string, CampaignPrice>;
  settings: StoreSettingsDoc;
  rules: DistributionRules;
}

async function pricingInputs(openid: string, cart: CartRequest, now: number): Promise<PricingInputs> {
  if (cart.groupBuy && cart.couponId)
    throw new DomainError('COUPON_NOT_APPLICABLE', { couponId: cart.couponId, reason: 'group buys take no coupon' });
  const [coupon, settings, rules, campaigns] = await Promise.all([
    usableCoupon(openid, cart.couponId),
    liveSettings(),
    liveRules(),
    campaignPricesFor(cart, now),
  ]);
  return { coupon, settings, rules, campaigns };
}

function priceWith(
  cart: CartRequest,
  products: ProductDoc[],
  { coupon, settings, rules, campaigns }: PricingInputs,
  now: number,
): Checkout {
  const priced = priceOrder({
    products: withCampaignPrices(products.map(toCoreProduct), campaigns),
    items: cart.items,
    coupon,
    // Group buys ship free: a failed group is refunded in full through the per-line refund path.
    shipping: cart.groupBuy ? { flatFen: 0 as Fen } : settings.shipping,
    now,
  });
  if (!priced.ok) throw priced.error;
  return { priced: priced.value, rules, settings };
}

/**
 * Who earns at each level if `buyer` pays now, under `rules`. `buyerDoc` is the buyer's user document when the
 * caller already read it (null: there is none), undefined to read it here.
 */
export async function snapshotFor(
  buyer: string,
  rules: DistributionRules,
  buyerDoc?: UserDoc | null,
): Promise<AncestorSnapshot> {
  // A shopper who never met an inviter may have no user document yet: then there is simply no chain.
  const inviters = await inviterChain(buyer, rules.levels, buyerDoc);
  const ancestors = [...inviters.values()].filter((id): id is string => typeof id === 'string');
  // Statuses matter only for people who could earn: the ancestors, and the buyer on self-purchase.
  const people = [...new Set(rules.selfPurchaseCommission ? [buyer, ...ancestors] : ancestors)];
  const status = new Map<string, DistributorState>();
  if (people.length > 0) {
    const _ = db().command;
    const distributors = await listDocs<DistributorDoc>(
      db()
        .collection(COLLECTIONS.distributors)
        .where({ _id: _.in(people) })
        .limit(people.length),
    );
    for (const distributor of distributors) status.set(distributor._id, distributor.status);
  }
  return snapshotAncestors({ buyerId: buyer, rules, inviters, statusOf: (openid) => status.get(openid) ?? null });
}
