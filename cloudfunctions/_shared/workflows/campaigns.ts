/** Running and upcoming campaigns as cards, for the product page's countdown and the home page's campaign strip. */
import { commissionAmount, termsFor, type DistributionRules, type Fen } from '../../../core/src';
import type { CampaignCard, ProductDetail } from '../../../contract/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { campaignPricesFor } from './campaign-prices';
import { COLLECTIONS } from '../store/collections';
import type { FlashSaleDoc, GroupBuyDoc } from '../store/marketing';
import type { ProductDoc } from '../store/products';

export async function activeCampaigns(productId: string | undefined, now: number): Promise<CampaignCard[]> {
  const _ = db().command;
  const where = { status: 'active', endAt: _.gt(now), ...(productId ? { productId } : {}) };
  const [sales, groupBuys] = await Promise.all([
    listDocs<FlashSaleDoc>(db().collection(COLLECTIONS.flashSales).where(where).orderBy('endAt', 'asc').limit(20)),
    listDocs<GroupBuyDoc>(db().collection(COLLECTIONS.groupBuys).where(where).orderBy('endAt', 'asc').limit(20)),
  ]);
  const ids = [...new Set([...sales, ...groupBuys].map((c) => c.productId))];
  const products =
    ids.length === 0
      ? []
      : await listDocs<ProductDoc>(
          db()
            .collection(COLLECTIONS.products)
            .where({ _id: _.in(ids), onShelf: true })
            .field({ holds: false })
            .limit(ids.length),
        );
  const byId = new Map(products.map((p) => [p._id, p]));
  const cards: CampaignCard[] = [];
  for (const sale of sales) {
    const product = byId.get(sale.productId);
    if (!product) continue;
    cards.push({
      id: sale._id,
      kind: 'flash_sale',
      productId: sale.productId,
      ...(sale.skuId ? { skuId: sale.skuId } : {}),
      title: sale.title,
      image: product.images[0] ?? null,
      priceFen: sale.priceFen,
      listPriceFen: product.priceFen,
      startAt: sale.startAt,
      endAt: sale.endAt,
    });
  }
  for (const campaign of groupBuys) {
    const product = byId.get(campaign.productId);
    if (!product) continue;
    cards.push({
      id: campaign._id,
      kind: 'group_buy',
      productId: campaign.productId,
      ...(campaign.skuId ? { skuId: campaign.skuId } : {}),
      title: campaign.title,
      image: product.images[0] ?? null,
      priceFen: campaign.groupPriceFen,
      listPriceFen: product.priceFen,
      startAt: campaign.startAt,
      endAt: campaign.endAt,
      size: campaign.size,
      hours: campaign.hours,
    });
  }
  return cards.sort((a, b) => a.endAt - b.endAt);
}

/**
 * A product page while a limited-time campaign runs: the campaign's price (and its end, for the countdown), and
 * for a distributor the campaign's "earn ¥x": nothing when the campaign pays no commission, else the level-1
 * terms on the campaign price (the amount a shopper would pay).
 */
export async function withRunningCampaign(
  detail: ProductDetail,
  rules: DistributionRules,
  now: number,
): Promise<ProductDetail> {
  const campaign = (await campaignPricesFor({ items: [{ productId: detail.id, quantity: 1 }] }, now)).get(detail.id);
  if (!campaign || now < campaign.startsAt || now >= campaign.endsAt) return detail;
  const shown: ProductDetail = {
    ...detail,
    priceFen: campaign.priceFen,
    limitedTime: { priceFen: campaign.priceFen, endsAt: campaign.endsAt },
  };
  if (detail.earnFen === null) return shown;
  if (campaign.commission === 'none') return { ...shown, earnFen: 0 };
  const product = await getDoc<ProductDoc>(COLLECTIONS.products, detail.id);
  const paidFen = campaign.priceFen as Fen;
  const terms = termsFor(
    rules,
    { line: 0, productId: detail.id, quantity: 1, paidFen, commissionOverride: product?.commission },
    1,
  );
  return { ...shown, earnFen: terms ? commissionAmount(terms, paidFen, 1) : 0 };
}
