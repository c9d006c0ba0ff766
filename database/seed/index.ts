/**
 * The demo shop: a few categories and products so a fresh `npm start` has something to browse and buy, and the
 * owner account of the admin page. Timestamps derive from `now` so limited-time offers are live whenever the demo
 * is loaded.
 */
import { randomBytes } from 'node:crypto';
import { newAdminUser, OWNER_USERNAME } from '../../cloudfunctions/adminApi/accounts';
export interface DemoDataInput {
  now: number;
  ownerPassword?: string;
}

export interface DemoData {
  collections: Record<string, Record<string, unknown>[]>;
  notices: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function demoData({ now, ownerPassword }: DemoDataInput): Promise<DemoData> {
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
    product('p-mug', 'cat-home', '手作陶瓷马克杯', 6800, 60, 1, {
      commission: { kind: 'fixed', levelFenPerUnit: [500, 200] },
    }),
  ];
  const owner = await ownerAccount(now, ownerPassword);
  return {
    collections: {
      categories,
      products: products.map((p) => ({ ...p, createdAt: { $date: new Date(now).toISOString() } })),
      adminUsers: [owner.doc],
    },
    notices: owner.notice ? [owner.notice] : [],
  };
}

/**
 * The admin page's first account. Its password is SHOP_ADMIN_PASSWORD when set; otherwise a random one that is
 * shown once (the hash is all that is stored), so no demo install ever runs with a well-known password.
 */
async function ownerAccount(
  now: number,
  chosen: string | undefined,
): Promise<{ doc: Record<string, unknown>; notice?: string }> {
  const password = chosen !== undefined && chosen !== '' ? chosen : randomBytes(12).toString('base64url');
  const doc = { ...(await newAdminUser(OWNER_USERNAME, password, 'owner', now)) };
  if (password === chosen) return { doc };
  return { doc, notice: `admin owner password: ${password} (set SHOP_ADMIN_PASSWORD to choose it)` };
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
