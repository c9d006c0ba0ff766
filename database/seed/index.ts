/**
 * The demo shop: a few categories and products so a fresh `npm start` has something to browse and buy.
 * Timestamps derive from `now` so limited-time offers are live whenever the demo is loaded.
 */
export interface DemoDataInput {
  now: number;
  ownerPassword?: string;
}

export interface DemoData {
  collections: Record<string, Record<string, unknown>[]>;
  notices: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function demoData({ now }: DemoDataInput): Promise<DemoData> {
  const categories = [
    { _id: 'cat-tea', name: '茶饮', sort: 1 },
    { _id: 'cat-snack', name: '零食', sort: 2 },
    { _id: 'cat-home', name: '家居', sort: 3 },
  ];
  const products = [
    product('p-longjing', 'cat-tea', '西湖龙井 明前特级 250g', 26800, 120, 30),
    product('p-puer', 'cat-tea', '云南普洱 熟茶饼 357g', 15800, 80, 20, {
      limitedTime: { priceFen: 12800, startsAt: now - DAY_MS, endsAt: now + 3 * DAY_MS },
    }),
    product('p-nuts', 'cat-snack', '每日坚果 30 袋装', 9900, 500, 10),
    product('p-mango', 'cat-snack', '芒果干 500g', 3990, 300, 5),
    product('p-towel', 'cat-home', '长绒棉毛巾 三条装', 5900, 200, 3, { commission: { kind: 'none' } }),
    product('p-mug', 'cat-home', '手作陶瓷马克杯', 6800, 60, 1, { commission: { kind: 'fixed', amountFen: 500 } }),
  ];
  return {
    collections: {
      categories,
      products: products.map((p) => ({ ...p, createdAt: { $date: new Date(now).toISOString() } })),
    },
    notices: [],
  };
}

function product(
  id: string,
  categoryId: string,
  title: string,
  priceFen: number,
  stock: number,
  sort: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    _id: id,
    categoryId,
    title,
    priceFen,
    stock,
    sales: 0,
    sort,
    onShelf: true,
    images: [`/assets/products/${id}.png`],
    description: `${title}。演示商品。`,
    ...extra,
  };
}
