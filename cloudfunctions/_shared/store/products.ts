/** `products`: what the shop sells, with its stock and the holds of unpaid orders on it. */
import type { CommissionOverride, Product, Sku, SpecDimension } from '../../../core/src';

/**
 * One SKU of a product with specs, kept inside the product document (keyed by its id) so that reserving it, the
 * product's total stock and the hold are one atomic single-document update, exactly like a product without specs.
 */
export interface SkuDoc {
  /** One value per spec dimension, in the order of the product's `specs`. */
  specValues: string[];
  priceFen: number;
  /** 划线价 per unit. */
  listPriceFen?: number;
  stock: number;
  sales: number;
  /** Off: not shown, not sold. A combination dropped from the specs stays here switched off (holds may name it). */
  enabled: boolean;
  image?: string;
  code?: string;
  lowStockThreshold?: number;
  commission?: CommissionOverride;
  /** Where the SKU stands in the merchant's grid. */
  position: number;
}

export interface ProductDoc {
  _id: string;
  title: string;
  categoryId: string;
  /** For a product with specs: the lowest price of its SKUs on sale (lists sort and show it). */
  priceFen: number;
  /** For a product with specs: the sum of its SKUs' stock, moved with every SKU reservation. */
  stock: number;
  sales: number;
  onShelf: boolean;
  limitedTime?: { priceFen: number; startsAt: number; endsAt: number };
  commission?: CommissionOverride;
  images: string[];
  description: string;
  sort: number;
  lowStockThreshold?: number;
  /** Up to three spec dimensions; absent for a product sold by itself. */
  specs?: SpecDimension[];
  /** skuId → SKU; present exactly when `specs` is. */
  skus?: Record<string, SkuDoc>;
  /**
   * Stock reserved by unpaid orders, `<orderId>` (or `<orderId>_<skuId>` for a SKU) → units. Kept on the product so
   * that the decrement and the record of who holds it are one atomic single-document update: a reservation is never
   * lost or released twice.
   */
  holds?: Record<string, number>;
  createdAt: number;
  updatedAt?: number;
}

/** The SKUs of a product in the merchant's order, with their ids; empty for a product without specs. */
export function skuList(doc: Pick<ProductDoc, 'skus'>): Array<SkuDoc & { id: string }> {
  return Object.entries(doc.skus ?? {})
    .map(([id, sku]) => ({ ...sku, id }))
    .sort((a, b) => a.position - b.position);
}

/** The core's view of a stored product (pricing, stock, commission overrides, SKUs). */
export function toCoreProduct(doc: ProductDoc): Product {
  const skus = skuList(doc).map(
    (sku): Sku =>
      ({
        id: sku.id,
        specValues: sku.specValues,
        priceFen: sku.priceFen,
        stock: sku.stock,
        enabled: sku.enabled,
        ...(sku.listPriceFen !== undefined ? { listPriceFen: sku.listPriceFen } : {}),
        ...(sku.commission ? { commission: sku.commission } : {}),
      }) as unknown as Sku,
  );
  return {
    id: doc._id,
    categoryId: doc.categoryId,
    title: doc.title,
    priceFen: doc.priceFen,
    stock: doc.stock,
    onShelf: doc.onShelf,
    ...(doc.limitedTime ? { limitedTime: doc.limitedTime } : {}),
    ...(doc.commission ? { commission: doc.commission } : {}),
    ...(doc.specs && skus.length > 0 ? { specs: doc.specs, skus } : {}),
  } as Product;
}
