/**
 * "买了它的人还买了": products bought together, from the baskets of kept orders (paid, not refunded in full). Pure:
 * the timer hands in the baskets, this counts pairs and ranks. A basket counts each pair once however many units.
 */

/** Products a basket may pair at most: bounds the pairs one large order adds (n² / 2). */
export const MAX_BASKET_PRODUCTS = 20;

/** For each product, up to `perProduct` others most often in the same basket (ties by id). */
export function coPurchases(baskets: readonly (readonly string[])[], perProduct: number): Map<string, string[]> {
  const pairs = new Map<string, Map<string, number>>();
  for (const basket of baskets) {
    const products = [...new Set(basket)].sort().slice(0, MAX_BASKET_PRODUCTS);
    for (const a of products) {
      for (const b of products) {
        if (a === b) continue;
        const counts = pairs.get(a) ?? new Map<string, number>();
        counts.set(b, (counts.get(b) ?? 0) + 1);
        pairs.set(a, counts);
      }
    }
  }
  const ranked = new Map<string, string[]>();
  for (const [product, counts] of pairs) {
    ranked.set(
      product,
      [...counts.entries()]
        .sort(([idA, countA], [idB, countB]) => countB - countA || (idA < idB ? -1 : 1))
        .slice(0, perProduct)
        .map(([id]) => id),
    );
  }
  return ranked;
}
