/** What shoppers browse: categories, product cards (with the price in force now) and product details. */
import {
  commissionAmount,
  skuLabel,
  specProductSummary,
  termsFor,
  unitPriceAt,
  type DistributionRules,
  type Fen,
} from '../../../core/src';
import type {
  Category,
  Coupon,
  ProductCard,
  ProductDetail,
  ProductPage,
  ProductSku,
  StockState,
} from '../../../contract/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import type { CategoryDoc } from '../store/categories';
import { COLLECTIONS } from '../store/collections';
import type { CouponDoc } from '../store/coupons';
import { skuList, toCoreProduct, type ProductDoc } from '../store/products';

export interface ProductQuery {
  categoryId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const DEFAULT_LOW_STOCK = 10;

function stockState(stock: number, threshold: number | undefined): StockState {
  return stock <= 0 ? 'sold_out' : stock <= (threshold ?? DEFAULT_LOW_STOCK) ? 'low' : 'in_stock';
}

export function card(doc: ProductDoc, now: number): ProductCard {
  // A product with specs shows its lowest SKU price on sale ("from ¥x") and the stock of its SKUs on sale.
  const summary = doc.specs ? specProductSummary(toCoreProduct(doc).skus ?? []) : null;
  if (summary) {
    return {
      id: doc._id,
      title: doc.title,
      image: doc.images[0] ?? null,
      priceFen: summary.priceFen,
      listPriceFen: summary.priceFen,
      limitedTime: null,
      stockState: stockState(summary.stock, doc.lowStockThreshold),
      sales: doc.sales,
    };
  }
  const price = unitPriceAt(toCoreProduct(doc), now);
  return {
    id: doc._id,
    title: doc.title,
    image: doc.images[0] ?? null,
    priceFen: price.priceFen,
    listPriceFen: doc.priceFen,
    limitedTime:
      price.limitedTime && doc.limitedTime
        ? { priceFen: doc.limitedTime.priceFen, endsAt: doc.limitedTime.endsAt }
        : null,
    stockState: stockState(doc.stock, doc.lowStockThreshold),
    sales: doc.sales,
  };
}

/** The SKUs on sale, in the merchant's order; a product without specs has none. */
function skusOnSale(doc: ProductDoc): ProductSku[] {
  return skuList(doc)
    .filter((sku) => sku.enabled)
    .map((sku) => ({
      skuId: sku.id,
      specValues: sku.specValues,
      skuLabel: skuLabel(sku.specValues),
      priceFen: sku.priceFen,
      listPriceFen: sku.listPriceFen ?? null,
      stock: sku.stock,
      stockState: stockState(sku.stock, sku.lowStockThreshold ?? doc.lowStockThreshold),
      image: sku.image ?? null,
    }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function categories(): Promise<Category[]> {
  return listDocs<CategoryDoc>(db().collection(COLLECTIONS.categories).orderBy('sort', 'asc').limit(100));
}

export async function products(query: ProductQuery, now: number): Promise<ProductPage> {
  const filter: Record<string, unknown> = { onShelf: true };
  if (query.categoryId) filter.categoryId = query.categoryId;
  if (query.q) filter.title = db().RegExp({ regexp: escapeRegExp(query.q), options: 'i' });
  const found = await listDocs<ProductDoc>(
    db()
      .collection(COLLECTIONS.products)
      .where(filter)
      .orderBy('sort', 'desc')
      .skip((query.page - 1) * query.pageSize)
      // One more than a page tells the client whether to offer "load more" without a count.
      .limit(query.pageSize + 1),
  );
  return { items: found.slice(0, query.pageSize).map((doc) => card(doc, now)), hasMore: found.length > query.pageSize };
}

/**
 * A product page. `earnFen` is what the caller's own share would earn them on one unit (level 1 under the rules in
 * force), shown only to distributors; the commission itself is always computed again at payment.
 */
export async function productDetail(
  id: string,
  now: number,
  rules: DistributionRules,
  isDistributor: boolean,
): Promise<ProductDetail | null> {
  const doc = await getDoc<ProductDoc>(COLLECTIONS.products, id);
  if (!doc || !doc.onShelf) return null;
  const summary = card(doc, now);
  let earnFen: number | null = null;
  if (isDistributor && rules.enabled) {
    const priceFen = summary.priceFen as Fen;
    const terms = termsFor(
      rules,
      { line: 0, productId: doc._id, quantity: 1, paidFen: priceFen, commissionOverride: doc.commission },
      1,
    );
    earnFen = terms ? commissionAmount(terms, priceFen, 1) : 0;
  }
  const skus = skusOnSale(doc);
  return {
    ...summary,
    images: doc.images,
    description: doc.description,
    stock: doc.specs ? skus.reduce((sum, sku) => sum + sku.stock, 0) : doc.stock,
    earnFen,
    specs: doc.specs && skus.length > 0 ? doc.specs.map(({ name, values }) => ({ name, values: [...values] })) : [],
    skus,
  };
}

export async function myCoupons(openid: string, now: number): Promise<Coupon[]> {
  const coupons = await listDocs<CouponDoc>(
    db().collection(COLLECTIONS.coupons).where({ openid, status: 'unused' }).limit(100),
  );
  return coupons
    .filter((coupon) => coupon.validTo === undefined || coupon.validTo > now)
    .map(({ _id, title, kind, amountFen, rateBp, minSpendFen, validTo }) => ({
      id: _id,
      title,
      kind,
      amountFen,
      rateBp,
      minSpendFen,
      validTo,
    }));
}
