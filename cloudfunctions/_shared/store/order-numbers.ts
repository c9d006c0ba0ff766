/**
 * `orderNumbers`: the order numbers handed out. A number is claimed by creating the document whose `_id` is the
 * number, so the database's own key uniqueness guarantees that no two orders share one, however many are placed in
 * the same second. Candidates come from the core (deterministic in the order id), so a retry of the same request
 * that already claimed one finds its own claim rather than taking another.
 */
import { orderNoCandidate } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc } from '../platform/documents';
import { isDuplicateKey } from '../platform/transactions';
import { COLLECTIONS } from './collections';

export interface OrderNumberDoc {
  /** The 20-digit order number. */
  _id: string;
  orderId: string;
  claimedAt: number;
}

/** Enough candidates that only a broken database exhausts them (a million suffixes per second). */
const MAX_ATTEMPTS = 50;

/** The order number of order `orderId` created at `createdAt`: claimed now, or found as claimed by an earlier try. */
export async function claimOrderNo(orderId: string, createdAt: number): Promise<string> {
  const numbers = db().collection(COLLECTIONS.orderNumbers);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const orderNo = orderNoCandidate(createdAt, orderId, attempt);
    try {
      const claim: OrderNumberDoc = { _id: orderNo, orderId, claimedAt: createdAt };
      await numbers.add({ data: claim });
      return orderNo;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const holder = await getDoc<OrderNumberDoc>(COLLECTIONS.orderNumbers, orderNo);
      if (holder?.orderId === orderId) return orderNo;
    }
  }
  throw new Error(`no free order number for ${orderId} after ${MAX_ATTEMPTS} candidates`);
}
