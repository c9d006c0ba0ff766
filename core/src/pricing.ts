/**
 * Prices an order from the product documents, never from anything the client sends but ids and
 * quantities. The output lines carry `paidFen`, which is the commission base: what the shopper pays for
 * the line after the order discount is spread over the lines, shipping excluded.
 */
import { err, ok, type Result } from './errors';
import { allocateLargestRemainder, applyRate, fen, isBasisPoints, isFen, type BasisPoints, type Fen } from './money';
import type { CampaignCommission } from './commission';
import type { CommissionOverride } from './rules';
import { resolveSku, skuLabel, type SpecDimension, type Sku } from './skus';
import type { EpochMs } from './time';

export const MAX_QUANTITY = 999;
export const MAX_LINES = 100;

export interface LimitedTimePrice {
  readonly priceFen: Fen;
  /** Active on [startsAt, endsAt). */
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
}

/** A marketing campaign's price for a product (限时折扣 / 秒杀, or a group buy's group price), active on [startsAt, endsAt). */
export interface CampaignPrice extends LimitedTimePrice {
  readonly id: string;
  readonly kind: 'flash_sale' | 'group_buy';
  readonly commission: CampaignCommission;
}

export interface Product {
  readonly id: string;
  /** For coupons scoped to categories. */
  readonly categoryId?: string;
  readonly title: string;
  readonly priceFen: Fen;
  readonly stock: number;
  readonly onShelf: boolean;
  readonly limitedTime?: LimitedTimePrice;
  /** A product's own commission setting; a rules-level override for the same product wins. */
  readonly commission?: CommissionOverride;
  /** A product with specs is bought by SKU: each line names one, whose price and stock count. */
  readonly specs?: readonly SpecDimension[];
  readonly skus?: readonly Sku[];
  /** A campaign price the server found for this shopper's cart; wins over `limitedTime` while active. */
  readonly campaign?: CampaignPrice;
}

export interface CartItem {
  readonly productId: string;
  /** Required for a product with specs, refused for one without. */
  readonly skuId?: string;
  readonly quantity: number;
}

export interface Coupon {
  readonly id: string;
  readonly kind: 'amount_off' | 'percent_off';
  readonly amountFen?: Fen;
  /** For percent_off: the share taken off, 1000 = 10% off. */
  readonly rateBp?: BasisPoints;
  /** Compared with the goods subtotal before discount. */
  readonly minSpendFen?: Fen;
  /** Valid on [validFrom, validTo). */
  readonly validFrom?: EpochMs;
  readonly validTo?: EpochMs;
  /** For percent_off: the most it takes off. */
  readonly capFen?: Fen;
  /** Scope: empty or absent both = every product; otherwise lines whose product or category is listed. */
  readonly productIds?: readonly string[];
  readonly categoryIds?: readonly string[];
}

export interface ShippingRules {
  readonly flatFen: Fen;
  /** Free shipping when the goods amount after discount reaches this. */
  readonly freeOverFen?: Fen;
}

export interface PricedLine {
  /** Position in the order; the `<line>` in ledger ids. */
  readonly line: number;
  readonly productId: string;
  readonly title: string;
  readonly unitPriceFen: Fen;
  readonly limitedTimeApplied: boolean;
  readonly quantity: number;
  readonly listAmountFen: Fen;
  readonly discountFen: Fen;
  /** What the shopper pays for this line: the commission base and the refund base. */
  readonly paidFen: Fen;
  /** Snapshot of the SKU's override, else the product's, at purchase time. */
  readonly commissionOverride?: CommissionOverride;
  /** The SKU bought, for a product with specs: its id, its values and their label (`原味 / 500g`). */
  readonly skuId?: string;
  readonly specValues?: readonly string[];
  readonly skuLabel?: string;
  /** The SKU's 划线价 per unit, when it has one. */
  readonly listPriceFen?: Fen;
  /** The campaign whose price this line paid, and that campaign's commission policy (snapshotted). */
  readonly campaign?: { readonly kind: CampaignPrice['kind']; readonly id: string };
  readonly campaignCommission?: CampaignCommission;
}

export interface PricedOrder {
  readonly lines: readonly PricedLine[];
  readonly subtotalFen: Fen;
  readonly discountFen: Fen;
  readonly couponId: string | null;
  readonly shippingFen: Fen;
  readonly totalFen: Fen;
  /** Campaign prices that had ended at `now`: those lines were priced at the normal price. */
  readonly endedCampaigns?: readonly {
    readonly productId: string;
    readonly campaignId: string;
    readonly endedAt: EpochMs;
  }[];
}

export interface PriceOrderInput {
  readonly products: ReadonlyMap<string, Product> | readonly Product[];
  readonly items: readonly CartItem[];
  readonly coupon?: Coupon | null;
  readonly shipping: ShippingRules;
  readonly now: EpochMs;
}

export function isLimitedTimeActive(product: Product, now: EpochMs): boolean {
  const limited = product.limitedTime;
  return limited !== undefined && limited.startsAt <= now && now < limited.endsAt;
}

export function unitPriceAt(product: Product, now: EpochMs): { priceFen: Fen; limitedTime: boolean } {
  const limited = isLimitedTimeActive(product, now);
  return {
    priceFen: fen(limited ? (product.limitedTime as LimitedTimePrice).priceFen : product.priceFen, 'priceFen'),
    limitedTime: limited,
  };
}

function productLookup(products: PriceOrderInput['products']): ReadonlyMap<string, Product> {
  if (products instanceof Map) return products;
  const map = new Map<string, Product>();
  for (const product of products as readonly Product[]) map.set(product.id, product);
  return map;
}

export function priceOrder(input: PriceOrderInput): Result<PricedOrder> {
  const { items, now } = input;
  if (!Array.isArray(items) || items.length === 0)
    return err('INVALID_INPUT', { field: 'items', reason: 'empty cart' });
  if (items.length > MAX_LINES) return err('INVALID_INPUT', { field: 'items', reason: `more than ${MAX_LINES} lines` });
  const products = productLookup(input.products);
  const chosen: Product[] = [];
  const chosenSkus: (Sku | null)[] = [];
  const unitPrices: Fen[] = [];
  const limitedFlags: boolean[] = [];
  const campaigns: (CampaignPrice | undefined)[] = [];
  const endedCampaigns: { productId: string; campaignId: string; endedAt: EpochMs }[] = [];
  const listAmounts: Fen[] = [];
  let subtotal = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as CartItem;
    const { productId, quantity } = item;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      return err('INVALID_INPUT', {
        field: `items.${i}.quantity`,
        value: quantity,
        reason: `quantity must be an integer 1..${MAX_QUANTITY}`,
      });
    }
    for (let j = 0; j < i; j++) {
      const earlier = items[j] as CartItem;
      // Two SKUs of one product are two lines; the same SKU (or product) twice is one line asked for twice.
      if (earlier.productId === productId && earlier.skuId === item.skuId) {
        return err('INVALID_INPUT', { field: `items.${i}.productId`, productId, reason: 'duplicate product' });
      }
    }
    const product = products.get(productId);
    if (!product || !product.onShelf) return err('PRODUCT_UNAVAILABLE', { productId });
    const resolved = resolveSku(product, item.skuId, i);
    if (!resolved.ok) return resolved;
    const sku = resolved.value;
    const available = sku ? sku.stock : product.stock;
    if (!(available >= quantity))
      return err('OUT_OF_STOCK', { productId, ...(sku ? { skuId: sku.id } : {}), requested: quantity, available });
    const campaign = product.campaign;
    const campaignActive = campaign !== undefined && campaign.startsAt <= now && now < campaign.endsAt;
    if (campaign && now >= campaign.endsAt)
      endedCampaigns.push({ productId, campaignId: campaign.id, endedAt: campaign.endsAt });
    // A campaign price (matched to the SKU by the workflow) wins; else a SKU's own price is its price; the
    // product's limited-time price is a single-price offer.
    const limitedTimeActive = sku === null && isLimitedTimeActive(product, now);
    const limited = campaignActive || limitedTimeActive;
    const unitPrice = fen(
      campaignActive
        ? campaign.priceFen
        : sku
          ? sku.priceFen
          : limitedTimeActive
            ? (product.limitedTime as LimitedTimePrice).priceFen
            : product.priceFen,
      'priceFen',
    );
    campaigns.push(campaignActive ? campaign : undefined);
    const listAmount = fen(unitPrice * quantity, 'listAmountFen');
    subtotal += listAmount;
    chosen.push(product);
    chosenSkus.push(sku);
    unitPrices.push(unitPrice);
    limitedFlags.push(limited);
    listAmounts.push(listAmount);
  }
  const subtotalFen = fen(subtotal, 'subtotalFen');

  let discountFen = 0 as Fen;
  let weights: readonly number[] = listAmounts;
  if (input.coupon) {
    // Only the lines in the coupon's scope count towards its minimum spend and share its discount.
    weights = listAmounts.map((amount, i) =>
      inCouponScope(input.coupon as Coupon, chosen[i] as Product) ? amount : 0,
    );
    const eligibleFen = fen(
      weights.reduce((sum, amount) => sum + amount, 0),
      'eligibleFen',
    );
    const coupon = input.coupon;
    if (!chosen.some((product) => inCouponScope(coupon, product))) return couponRefused(coupon, 'not in scope');
    const discount = couponDiscount(input.coupon, eligibleFen, now);
    if (!discount.ok) return discount;
    discountFen = discount.value;
  }
  const shares = discountFen > 0 ? allocateLargestRemainder(discountFen, weights) : null;
  const lines: PricedLine[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const product = chosen[i] as Product;
    const listAmountFen = listAmounts[i] as Fen;
    const share = shares ? (shares[i] as Fen) : (0 as Fen);
    const line: Mutable<PricedLine> = {
      line: i,
      productId: product.id,
      title: product.title,
      unitPriceFen: unitPrices[i] as Fen,
      limitedTimeApplied: limitedFlags[i] as boolean,
      quantity: (items[i] as CartItem).quantity,
      listAmountFen,
      discountFen: share,
      paidFen: (listAmountFen - share) as Fen,
    };
    const sku = chosenSkus[i] ?? null;
    const commission = sku?.commission ?? product.commission;
    if (commission) line.commissionOverride = commission;
    if (sku) {
      line.skuId = sku.id;
      line.specValues = [...sku.specValues];
      line.skuLabel = skuLabel(sku.specValues);
      if (sku.listPriceFen !== undefined) line.listPriceFen = sku.listPriceFen;
    }
    const campaign = campaigns[i];
    if (campaign) {
      line.campaign = { kind: campaign.kind, id: campaign.id };
      line.campaignCommission = campaign.commission;
    }
    lines.push(line);
  }
  const goodsPayable = subtotalFen - discountFen;
  const shipping = input.shipping;
  const freeShipping = shipping.freeOverFen !== undefined && goodsPayable >= shipping.freeOverFen;
  const shippingFen = freeShipping ? (0 as Fen) : fen(shipping.flatFen, 'shipping.flatFen');
  return ok({
    lines,
    subtotalFen,
    discountFen,
    couponId: input.coupon ? input.coupon.id : null,
    shippingFen,
    totalFen: fen(goodsPayable + shippingFen, 'totalFen'),
    ...(endedCampaigns.length > 0 ? { endedCampaigns } : {}),
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The discount a coupon gives on a goods subtotal at `now`. Percent-off is floored like every rate,
 * and no coupon takes the goods below zero.
 */
export function couponDiscount(coupon: Coupon, subtotalFen: Fen, now: EpochMs): Result<Fen> {
  if (coupon.validFrom !== undefined && now < coupon.validFrom) return couponRefused(coupon, 'not yet valid');
  if (coupon.validTo !== undefined && now >= coupon.validTo) return couponRefused(coupon, 'expired');
  if (coupon.minSpendFen !== undefined && subtotalFen < coupon.minSpendFen)
    return couponRefused(coupon, 'below minimum spend');
  if (coupon.kind === 'amount_off') {
    if (!isFen(coupon.amountFen)) return err('INVALID_INPUT', { couponId: coupon.id, field: 'amountFen' });
    return ok(Math.min(coupon.amountFen, subtotalFen) as Fen);
  }
  if (coupon.kind === 'percent_off') {
    if (!isBasisPoints(coupon.rateBp)) return err('INVALID_INPUT', { couponId: coupon.id, field: 'rateBp' });
    const off = applyRate(subtotalFen, coupon.rateBp);
    return ok(coupon.capFen !== undefined && isFen(coupon.capFen) ? (Math.min(off, coupon.capFen) as Fen) : off);
  }
  return err('INVALID_INPUT', { couponId: coupon.id, field: 'kind' });
}

/** Whether a coupon's scope covers a product: no lists = everything; else the product or its category listed. */
export function inCouponScope(coupon: Coupon, product: Pick<Product, 'id' | 'categoryId'>): boolean {
  const products = coupon.productIds ?? [];
  const categories = coupon.categoryIds ?? [];
  if (products.length === 0 && categories.length === 0) return true;
  return products.includes(product.id) || (product.categoryId !== undefined && categories.includes(product.categoryId));
}

function couponRefused(coupon: Coupon, reason: string): Result<never> {
  return err('COUPON_NOT_APPLICABLE', { couponId: coupon.id, reason });
}
