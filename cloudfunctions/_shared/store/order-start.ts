/**
 * What placing an order reads before deciding, in one database round trip: the cart's products, the order an
 * earlier try of the same request created (if any) and the buyer's user document. Round trips are what a flash sale
 * is made of: four in five callers are turned away, and this way each costs one read instead of two, while a
 * retry of a request that bought the last unit still gets its order back.
 */
import { db } from '../platform/cloud';
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';
import type { OrderDoc } from './orders';
import type { ProductDoc } from './products';
import type { UserDoc } from './users';

export interface OrderStart {
  products: ProductDoc[];
  /** The order an earlier try of this request created, or null. */
  earlierOrder: OrderDoc | null;
  /** The buyer's user document (null: none yet); undefined when it was not read. */
  buyer: UserDoc | null | undefined;
}

type ProductRow = ProductDoc & { earlierOrder: OrderDoc[]; buyer: UserDoc[] };

export async function readOrderStart(openid: string, orderId: string, productIds: string[]): Promise<OrderStart> {
  const _ = db().command;
  const { list } = (await db()
    .collection(COLLECTIONS.products)
    .aggregate()
    .match({ _id: _.in(productIds) })
    // Unpaid orders' stock holds are bookkeeping; a sold-out product carries one per order and pricing needs none.
    .project({ holds: 0 })
    .lookup({ from: COLLECTIONS.orders, pipeline: [{ $match: { _id: orderId } }], as: 'earlierOrder' })
    .lookup({ from: COLLECTIONS.users, pipeline: [{ $match: { _id: openid } }], as: 'buyer' })
    .limit(productIds.length)
    .end()) as { list: ProductRow[] };
  const [first] = list;
  // No product of the cart exists (any more): pricing will refuse the cart, unless this request already has its order.
  if (!first)
    return { products: [], earlierOrder: await getDoc<OrderDoc>(COLLECTIONS.orders, orderId), buyer: undefined };
  const products = list.map(({ earlierOrder: _order, buyer: _buyer, ...product }) => product);
  return { products, earlierOrder: first.earlierOrder[0] ?? null, buyer: first.buyer[0] ?? null };
}
