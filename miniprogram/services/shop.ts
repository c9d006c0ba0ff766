/** The storefront: categories, product lists and pages, coupons, and the server-computed quote. */
import { callCloud } from './cloud';
import type { CartItem, Category, Coupon, ProductDetail, ProductPage, Quote } from './types';

export function fetchCategories(): Promise<Category[]> {
  return callCloud<Category[]>('shop', { $url: 'categories' });
}

export interface ProductQuery {
  categoryId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function fetchProducts(query: ProductQuery): Promise<ProductPage> {
  const data: Record<string, unknown> = { $url: 'products', page: query.page, pageSize: query.pageSize };
  if (query.categoryId) data.categoryId = query.categoryId;
  if (query.q) data.q = query.q;
  return callCloud<ProductPage>('shop', data);
}

export function fetchProduct(id: string): Promise<ProductDetail> {
  return callCloud<ProductDetail>('shop', { $url: 'product', id });
}

export function fetchCoupons(): Promise<Coupon[]> {
  return callCloud<Coupon[]>('shop', { $url: 'coupons' });
}

/** The totals the shopper will pay, computed by the server with the same pricing placeOrder uses. */
export function fetchQuote(items: CartItem[], couponId?: string | null): Promise<Quote> {
  return callCloud<Quote>('shop', couponId ? { $url: 'quote', items, couponId } : { $url: 'quote', items });
}
