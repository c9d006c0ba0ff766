/** The storefront: categories, product lists and pages, coupons, and the server-computed quote. */
import type { Category, Coupon, ProductDetail, ProductPage, Quote } from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';
import { callCloud } from './cloud';

/** One line the shopper buys: what a quote and placeOrder take (ids and quantities, never prices). */
export type CartItem = RouteInput<'shop', 'quote'>['items'][number];

export function fetchCategories(): Promise<Category[]> {
  return callCloud('shop', 'categories');
}

export type ProductQuery = RouteInput<'shop', 'products'>;

export function fetchProducts(query: ProductQuery): Promise<ProductPage> {
  const input: ProductQuery = { page: query.page, pageSize: query.pageSize };
  if (query.categoryId) input.categoryId = query.categoryId;
  if (query.q) input.q = query.q;
  return callCloud('shop', 'products', input);
}

export function fetchProduct(id: string): Promise<ProductDetail> {
  return callCloud('shop', 'product', { id });
}

export function fetchCoupons(): Promise<Coupon[]> {
  return callCloud('shop', 'coupons');
}

/** The totals the shopper will pay, computed by the server with the same pricing placeOrder uses. */
export function fetchQuote(
  items: CartItem[],
  couponId?: string | null,
  groupBuy?: RouteInput<'shop', 'quote'>['groupBuy'] | null,
): Promise<Quote> {
  const input: RouteInput<'shop', 'quote'> = { items };
  if (couponId) input.couponId = couponId;
  if (groupBuy) input.groupBuy = groupBuy;
  return callCloud('shop', 'quote', input);
}
