/** `products`: what the shop sells, with its stock and the holds of unpaid orders on it. */
import type { CommissionOverride, Product } from '../../../core/src';

export interface ProductDoc {
  _id: string;
  title: string;
  categoryId: string;
  priceFen: number;
  stock: number;
  sales: number;
  onShelf: boolean;
  limitedTime?: { priceFen: number; startsAt: number; endsAt: number };
  commission?: CommissionOverride;
  images: string[];
  description: string;
  sort: number;
  lowStockThreshold?: number;
  /**
   * Stock reserved by unpaid orders, orderId → units. Kept on the product so that the decrement and the record
   * of who holds it are one atomic single-document update: a reservation is never lost or released twice.
   */
  holds?: Record<string, number>;
  createdAt: number;
  updatedAt?: number;
}

/** The core's view of a stored product (pricing, stock, commission overrides). */
export function toCoreProduct(doc: ProductDoc): Product {
  return {
    id: doc._id,
    categoryId: doc.categoryId,
    title: doc.title,
    priceFen: doc.priceFen,
    stock: doc.stock,
    onShelf: doc.onShelf,
    ...(doc.limitedTime ? { limitedTime: doc.limitedTime } : {}),
    ...(doc.commission ? { commission: doc.commission } : {}),
  } as Product;
}
