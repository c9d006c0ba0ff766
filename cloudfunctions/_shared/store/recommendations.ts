/** `recommendations`: _id = productId; the products most often bought with it, refreshed by a timer. */
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { COLLECTIONS } from './collections';

export interface RecommendationDoc {
  _id: string;
  productIds: string[];
  refreshedAt: number;
}

export async function recommendationOf(productId: string): Promise<RecommendationDoc | null> {
  return getDoc<RecommendationDoc>(COLLECTIONS.recommendations, productId);
}

export async function saveRecommendation(productId: string, productIds: string[], now: number): Promise<void> {
  await db()
    .collection(COLLECTIONS.recommendations)
    .doc(productId)
    .set({ data: { productIds, refreshedAt: now } });
}

/** Documents the last refresh did not write (their product was bought with nothing lately). */
export async function staleRecommendations(before: number): Promise<string[]> {
  const docs = await listDocs<{ _id: string }>(
    db()
      .collection(COLLECTIONS.recommendations)
      .where({ refreshedAt: db().command.lt(before) })
      .field({ _id: true })
      .limit(1000),
  );
  return docs.map((doc) => doc._id);
}
