/** The fixed mix of the wire benchmark: add, doc get, indexed where+orderBy+limit, and an `_.inc` update. */
export const DOCUMENTS = 10_000;
const CATEGORIES = 50;

export function productDocument(n: number): Record<string, unknown> {
  return {
    title: `商品 ${n}`,
    categoryId: `c${n % CATEGORIES}`,
    priceFen: 1000 + (n % 977) * 10,
    stock: 1000,
    sort: n % 1000,
    onShelf: n % 10 !== 0,
  };
}

export async function mixOnce(db: any, ids: string[], i: number): Promise<void> {
  const products = db.collection('products');
  const id = ids[(i * 7919) % ids.length]!;
  await products.add({ data: productDocument(DOCUMENTS + i) });
  await products.doc(id).get();
  await products
    .where({ onShelf: true, categoryId: `c${i % CATEGORIES}` })
    .orderBy('sort', 'desc')
    .limit(10)
    .get();
  await products.doc(id).update({ data: { stock: db.command.inc(-1) } });
}
