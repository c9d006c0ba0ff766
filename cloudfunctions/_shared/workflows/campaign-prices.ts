/**
 * Which campaign price a cart gets, read by the server at its own clock: a group buy's group price when the order
 * is a group buy, otherwise a limited-time price (`flashSales`) running for the product (and SKU, when the
 * campaign names one). A campaign that ended shortly before is still handed to the core, which prices the line
 * normally and reports it in `endedCampaigns`, so the quote can say the discount has ended.
 */
import { DomainError, type CampaignPrice, type Product } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { FlashSaleDoc, GroupBuyDoc } from '../store/marketing';

/** How long after its end a limited-time price is still named in a quote (as ended). */
const ENDED_NOTICE_MS = 30 * 60_000;

type CartLine = { productId: string; quantity: number; skuId?: string };

/** The part of a cart campaign pricing reads (checkout's CartRequest). */
export interface CampaignCart {
  items: CartLine[];
  groupBuy?: { campaignId: string; groupId?: string };
}

export async function campaignPricesFor(cart: CampaignCart, now: number): Promise<Map<string, CampaignPrice>> {
  const prices = new Map<string, CampaignPrice>();
  if (cart.groupBuy) {
    const campaign = await getDoc<GroupBuyDoc>(COLLECTIONS.groupBuys, cart.groupBuy.campaignId);
    const line = cart.items[0] as CartLine | undefined;
    if (
      !campaign ||
      campaign.status !== 'active' ||
      now < campaign.startAt ||
      now >= campaign.endAt ||
      cart.items.length !== 1 ||
      line?.productId !== campaign.productId ||
      (campaign.skuId !== undefined && line.skuId !== campaign.skuId)
    )
      throw new DomainError('CAMPAIGN_NOT_ACTIVE', { campaignId: cart.groupBuy.campaignId });
    prices.set(campaign.productId, {
      id: campaign._id,
      kind: 'group_buy',
      priceFen: campaign.groupPriceFen,
      startsAt: campaign.startAt,
      endsAt: campaign.endAt,
      commission: campaign.commission,
    } as CampaignPrice);
    return prices;
  }
  const productIds = [...new Set(cart.items.map((item) => item.productId))];
  const _ = db().command;
  const sales = await listDocs<FlashSaleDoc>(
    db()
      .collection(COLLECTIONS.flashSales)
      .where({ productId: _.in(productIds), status: 'active', endAt: _.gt(now - ENDED_NOTICE_MS) })
      .limit(100),
  );
  for (const item of cart.items as CartLine[]) {
    const candidates = sales.filter(
      (sale) =>
        sale.productId === item.productId &&
        sale.startAt <= now &&
        (sale.skuId === undefined || sale.skuId === item.skuId),
    );
    // A running campaign wins over one that ended; among running ones the lowest price.
    const running = candidates.filter((sale) => now < sale.endAt).sort((a, b) => a.priceFen - b.priceFen);
    const chosen = running[0] ?? candidates.sort((a, b) => b.endAt - a.endAt)[0];
    if (chosen) prices.set(item.productId, flashPrice(chosen));
  }
  return prices;
}

export function flashPrice(sale: FlashSaleDoc): CampaignPrice {
  return {
    id: sale._id,
    kind: 'flash_sale',
    priceFen: sale.priceFen,
    startsAt: sale.startAt,
    endsAt: sale.endAt,
    commission: sale.commission,
  } as CampaignPrice;
}

export function withCampaignPrices(products: Product[], prices: Map<string, CampaignPrice>): Product[] {
  if (prices.size === 0) return products;
  return products.map((product) => {
    const campaign = prices.get(product.id);
    return campaign ? { ...product, campaign } : product;
  });
}
