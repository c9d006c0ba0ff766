/** Running and upcoming campaigns as cards, for the product page's countdown and the home page's campaign strip. */
import type { CampaignCard } from '../../../contract/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
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
