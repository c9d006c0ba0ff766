/**
 * "买了它的人还买了": the timer reads the kept orders paid in the last RECOMMENDATION_WINDOW_DAYS (by the paidAt
 * index, in pages, within its time budget), lets the core count co-purchases, and writes one document per product;
 * the product page reads that one document and the cards of those products still on the shelf.
 */
import { coPurchases } from '../../../core/src';
import { DAY_MS, type ProductCard } from '../../../contract/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { OrderDoc } from '../store/orders';
import type { ProductDoc } from '../store/products';
import { recommendationOf, saveRecommendation, staleRecommendations } from '../store/recommendations';
import { card } from './catalogue';

export const RECOMMENDATION_WINDOW_DAYS = 90;
export const RECOMMENDATIONS_PER_PRODUCT = 6;
const PAGE = 500;
const PAID_STATES = ['paid', 'shipped', 'received', 'completed'];

type Basket = Pick<OrderDoc, '_id' | 'paidAt' | 'status' | 'lines'>;

/** The products a kept order still holds (a line refunded to its last unit is not a purchase any more). */
function basketOf(order: Basket): string[] {
  if (!PAID_STATES.includes(order.status)) return [];
  return order.lines.filter((line) => line.refundedQuantity < line.quantity).map((line) => line.productId);
}

export interface RefreshOutcome {
  orders: number;
  products: number;
  /** False when the time budget ran out first; the next run starts over (the result is a hint, not a ledger). */
  complete: boolean;
}

export async function refreshRecommendations(now: number, deadline: number): Promise<RefreshOutcome> {
  const _ = db().command;
  const baskets: string[][] = [];
  let cursor = now - RECOMMENDATION_WINDOW_DAYS * DAY_MS;
  let seenAtCursor = new Set<string>();
  let orders = 0;
  let complete = true;
  for (;;) {
    if (Date.now() > deadline) {
      complete = false;
      break;
    }
    // Keyset on paidAt: `>=` the last page's last time, skipping the orders already read at exactly that time.
    const page = await listDocs<Basket>(
      db()
        .collection(COLLECTIONS.orders)
        .where({ paidAt: _.gte(cursor).and(_.lte(now)) })
        .orderBy('paidAt', 'asc')
        .field({ _id: true, paidAt: true, status: true, lines: true })
        .limit(PAGE),
    );
    const fresh = page.filter((order) => !seenAtCursor.has(order._id));
    for (const order of fresh) {
      orders++;
      const basket = basketOf(order);
      if (basket.length > 1) baskets.push(basket);
    }
    if (page.length < PAGE || fresh.length === 0) break;
    const last = page[page.length - 1]?.paidAt as number;
    const atLast = page.filter((order) => order.paidAt === last).map((order) => order._id);
    // A whole page at one time: keep what was already read at it too, or the next page would read it again.
    seenAtCursor = new Set(last === cursor ? [...seenAtCursor, ...atLast] : atLast);
    cursor = last;
  }
  const ranked = coPurchases(baskets, RECOMMENDATIONS_PER_PRODUCT);
  for (const [productId, productIds] of ranked) await saveRecommendation(productId, productIds, now);
  if (complete) {
    for (const productId of await staleRecommendations(now)) await saveRecommendation(productId, [], now);
  }
  return { orders, products: ranked.size, complete };
}

/** The cards of the products bought with this one, in the timer's order, those still on the shelf. */
export async function alsoBought(productId: string, now: number): Promise<ProductCard[]> {
  const recommendation = await recommendationOf(productId);
  const ids = recommendation?.productIds ?? [];
  if (ids.length === 0) return [];
  const docs = await listDocs<ProductDoc>(
    db()
      .collection(COLLECTIONS.products)
      .where({ _id: db().command.in(ids), onShelf: true })
      .limit(ids.length),
  );
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  return ids.flatMap((id) => {
    const doc = byId.get(id);
    return doc ? [card(doc, now)] : [];
  });
}
