/**
 * Specs and SKUs end to end on the emulator: a product with specs created through the admin API, read through
 * `shop` `product`, bought SKU by SKU with stock reserved per SKU (never oversold, other SKUs untouched), refusals
 * that write nothing, and the order numbers people read.
 */
import { randomUUID } from 'node:crypto';
import { orderNoCandidate } from '../../core/src';
import { useEmulator, type EmulatorHandle } from '../../emulator/test/support/emulator';
import { stableId } from '../_shared/platform/ids';
import { apiOk, api, ownerToken, seedShop } from './support/admin-http';
import { ADDRESS, documents, ok, pay, refused } from './support/shopper';

const emu = useEmulator();
let owner: string;

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
});

const SPECS = [
  { name: '口味', values: ['原味', '辣味'] },
  { name: '重量', values: ['250g', '500g'] },
];

/** A product with four SKUs: 原味/辣味 × 250g/500g, each with its own price and stock. */
async function createSnack(stock = [5, 6, 7, 8], title = '坚果礼盒'): Promise<string> {
  const skus = [
    { specValues: ['原味', '250g'], priceFen: 1990, stock: stock[0], listPriceFen: 2990 },
    { specValues: ['原味', '500g'], price: '¥35.50', stock: stock[1] },
    { specValues: ['辣味', '250g'], price: '２１.００', stock: stock[2] },
    { specValues: ['辣味', '500g'], priceFen: 3800, stock: stock[3] },
  ];
  const { id } = await apiOk(emu, 'POST', '/products', { token: owner, body: { title, specs: SPECS, skus } });
  return id;
}

async function productPage(id: string, openid = 'o-S'): Promise<any> {
  return ok(emu, 'shop', { $url: 'product', id }, openid);
}

async function productDoc(id: string): Promise<any> {
  return (await documents(emu, 'products')).find((p) => p._id === id);
}

function order(items: unknown[], requestId: string = randomUUID()) {
  return { requestId, items, address: ADDRESS };
}

const skuOf = (page: any, ...values: string[]) =>
  page.skus.find((sku: any) => JSON.stringify(sku.specValues) === JSON.stringify(values));

describe('a product with specs', () => {
  test('created through the admin API → {ok, data: {id}}; shop product lists its SKUs with price and stock', async () => {
    const answer = await api(emu, 'POST', '/products', {
      token: owner,
      body: {
        title: '坚果礼盒',
        specs: SPECS,
        skus: [
          { specValues: ['原味', '250g'], priceFen: 1990, stock: 5, listPriceFen: 2990 },
          { specValues: ['辣味', '500g'], priceFen: 3800, stock: 8 },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, data: { id: expect.any(String) } });
    const page = await productPage(answer.body.data.id);
    expect(page.specs).toEqual(SPECS);
    expect(page.skus).toEqual([
      expect.objectContaining({
        skuId: expect.any(String),
        specValues: ['原味', '250g'],
        skuLabel: '原味 / 250g',
        priceFen: 1990,
        listPriceFen: 2990,
        stock: 5,
      }),
      expect.objectContaining({ specValues: ['辣味', '500g'], priceFen: 3800, listPriceFen: null, stock: 8 }),
    ]);
    // Before a SKU is chosen the page shows the lowest price and the stock of all SKUs.
    expect(page).toMatchObject({ priceFen: 1990, stock: 13 });
  });

  test('prices typed as ¥35.50 or full-width digits are read as fen', async () => {
    const page = await productPage(await createSnack());
    expect(skuOf(page, '原味', '500g').priceFen).toBe(3550);
    expect(skuOf(page, '辣味', '250g').priceFen).toBe(2100);
  });

  test('a product without specs works as before and lists no SKUs', async () => {
    const { id } = await apiOk(emu, 'POST', '/products', {
      token: owner,
      body: { title: '茶杯', priceFen: 500, stock: 3 },
    });
    const page = await productPage(id);
    expect(page).toMatchObject({ priceFen: 500, stock: 3, specs: [], skus: [] });
    const placed = await ok(emu, 'placeOrder', order([{ productId: id, quantity: 2 }]), 'o-S');
    expect(placed.totalFen).toBeGreaterThanOrEqual(1000);
    expect((await productDoc(id)).stock).toBe(1);
  });

  test('a bad matrix is refused and nothing is stored: unknown value, wrong arity, duplicates, over three dimensions', async () => {
    const before = (await documents(emu, 'products')).length;
    const attempts = [
      { specs: SPECS, skus: [{ specValues: ['原味', '1kg'], priceFen: 100, stock: 1 }] },
      { specs: SPECS, skus: [{ specValues: ['原味'], priceFen: 100, stock: 1 }] },
      {
        specs: SPECS,
        skus: [
          { specValues: ['原味', '250g'], priceFen: 100, stock: 1 },
          { specValues: ['原味', '250g'], priceFen: 200, stock: 1 },
        ],
      },
      { specs: [{ name: '口味', values: ['a', 'a'] }], skus: [{ specValues: ['a'], priceFen: 100, stock: 1 }] },
      {
        specs: ['a', 'b', 'c', 'd'].map((name) => ({ name, values: ['x'] })),
        skus: [{ specValues: ['x', 'x', 'x', 'x'], priceFen: 100, stock: 1 }],
      },
      { specs: SPECS },
      { specs: SPECS, skus: [{ specValues: ['原味', '250g'], priceFen: 0, stock: 1 }] },
    ];
    for (const body of attempts) {
      const answer = await api(emu, 'POST', '/products', { token: owner, body: { title: '坏规格', ...body } });
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect((await documents(emu, 'products')).length).toBe(before);
  });

  test('markup in spec names and values is stored and answered as the text it is', async () => {
    const markup = '<img onerror=x>';
    const { id } = await apiOk(emu, 'POST', '/products', {
      token: owner,
      body: {
        title: '<b>标题</b>',
        specs: [{ name: '<script>x</script>', values: [markup] }],
        skus: [{ specValues: [markup], priceFen: 100, stock: 1 }],
      },
    });
    const page = await productPage(id);
    expect(page.specs).toEqual([{ name: '<script>x</script>', values: [markup] }]);
    expect(page.skus[0]).toMatchObject({ specValues: [markup], skuLabel: markup });
  });
});

describe('buying a SKU', () => {
  test('the SKU prices the line, its stock alone is reserved, the order names it', async () => {
    const id = await createSnack();
    const page = await productPage(id);
    const spicy = skuOf(page, '辣味', '500g');
    const placed = await ok(emu, 'placeOrder', order([{ productId: id, skuId: spicy.skuId, quantity: 2 }]), 'o-S');
    const stored = await productDoc(id);
    expect(stored.skus[spicy.skuId]).toMatchObject({ stock: 6, sales: 2 });
    expect(stored.stock).toBe(5 + 6 + 7 + 6);
    expect(stored.holds).toEqual({ [`${placed.orderId}_${spicy.skuId}`]: 2 });
    const others = Object.entries(stored.skus).filter(([skuId]) => skuId !== spicy.skuId);
    expect(others.map(([, sku]: any) => sku.stock).sort()).toEqual([5, 6, 7]);

    const detail = await ok(emu, 'orders', { $url: 'detail', orderId: placed.orderId }, 'o-S');
    expect(detail.lines[0]).toMatchObject({
      productId: id,
      skuId: spicy.skuId,
      specValues: ['辣味', '500g'],
      skuLabel: '辣味 / 500g',
      unitPriceFen: 3800,
    });
    expect(detail.orderNo).toBe(placed.orderNo);
    expect(detail.subtotalFen).toBe(7600);
    expect(placed.totalFen).toBe(detail.totalFen);

    // Paid: the hold goes, the stock stays taken. Cancelled instead: it comes back to the same SKU.
    await pay(emu, placed.outTradeNo);
    expect((await productDoc(id)).holds).toEqual({});
    expect((await productDoc(id)).skus[spicy.skuId].stock).toBe(6);
    const second = await ok(emu, 'placeOrder', order([{ productId: id, skuId: spicy.skuId, quantity: 1 }]), 'o-T');
    await ok(emu, 'orders', { $url: 'cancel', orderId: second.orderId }, 'o-T');
    expect((await productDoc(id)).skus[spicy.skuId]).toMatchObject({ stock: 6, sales: 2 });
  });

  test('two SKUs of one product in one cart are two lines, each priced and reserved on its own', async () => {
    const id = await createSnack();
    const page = await productPage(id);
    const [a, b] = [skuOf(page, '原味', '250g'), skuOf(page, '辣味', '250g')];
    const quote = await ok(
      emu,
      'shop',
      {
        $url: 'quote',
        items: [
          { productId: id, skuId: a.skuId, quantity: 1 },
          { productId: id, skuId: b.skuId, quantity: 2 },
        ],
      },
      'o-S',
    );
    expect(quote.subtotalFen).toBe(1990 + 4200);
    expect(quote.lines.map((line: any) => line.skuLabel)).toEqual(['原味 / 250g', '辣味 / 250g']);
    expect(quote.lines[0].listPriceFen).toBe(2990);
  });

  test('a client-sent price is refused, never used', async () => {
    const id = await createSnack();
    const sku = skuOf(await productPage(id), '原味', '250g');
    const error = await refused(
      emu,
      'placeOrder',
      order([{ productId: id, skuId: sku.skuId, quantity: 1, priceFen: 1 }]),
      'o-S',
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(await documents(emu, 'orders')).toEqual([]);
  });

  test('skuId missing, unknown, of another product, switched off, or sent for a product without specs: refused, nothing written', async () => {
    const id = await createSnack();
    const otherId = await createSnack([1, 1, 1, 1], '另一个礼盒');
    const page = await productPage(id);
    const foreign = skuOf(await productPage(otherId), '原味', '250g');
    const productsBefore = await documents(emu, 'products');

    const missing = await refused(emu, 'placeOrder', order([{ productId: id, quantity: 1 }]), 'o-S');
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', message: '请选择商品规格' });
    const unknown = await refused(emu, 'placeOrder', order([{ productId: id, skuId: 'nope', quantity: 1 }]), 'o-S');
    expect(unknown).toMatchObject({ code: 'SKU_UNAVAILABLE', message: expect.stringMatching(/规格/) });
    const stray = await refused(
      emu,
      'placeOrder',
      order([{ productId: id, skuId: foreign.skuId, quantity: 1 }]),
      'o-S',
    );
    expect(stray.code).toBe('SKU_UNAVAILABLE');
    const plain = await refused(
      emu,
      'placeOrder',
      order([{ productId: 'p-nuts', skuId: skuOf(page, '原味', '250g').skuId, quantity: 1 }]),
      'o-S',
    );
    expect(plain.code).toBe('SKU_UNAVAILABLE');

    // Switched off by the merchant: gone from the page, refused at checkout.
    const off = skuOf(page, '辣味', '250g');
    const skus = page.skus.map((sku: any) => ({
      specValues: sku.specValues,
      priceFen: sku.priceFen,
      stock: sku.stock,
      enabled: sku.skuId !== off.skuId,
    }));
    await apiOk(emu, 'PUT', `/products/${id}`, { token: owner, body: { specs: SPECS, skus } });
    expect(skuOf(await productPage(id), '辣味', '250g')).toBeUndefined();
    const disabled = await refused(emu, 'placeOrder', order([{ productId: id, skuId: off.skuId, quantity: 1 }]), 'o-S');
    expect(disabled.code).toBe('SKU_UNAVAILABLE');

    expect(await documents(emu, 'orders')).toEqual([]);
    expect(await documents(emu, 'orderNumbers')).toEqual([]);
    const productsAfter = await documents(emu, 'products');
    for (const before of productsBefore) {
      const after = productsAfter.find((p) => p._id === before._id);
      expect({ stock: after.stock, holds: after.holds ?? {} }).toEqual({
        stock: before.stock,
        holds: before.holds ?? {},
      });
    }
  });

  test('many shoppers at once on one SKU of four: never oversold, the other SKUs untouched', async () => {
    const id = await createSnack([5, 6, 7, 8]);
    const sku = skuOf(await productPage(id), '原味', '250g');
    const shoppers = Array.from({ length: 16 }, (_, i) => `o-rush-${i}`);
    const answers = await Promise.all(
      shoppers.map((openid) =>
        emu.call('placeOrder', order([{ productId: id, skuId: sku.skuId, quantity: 1 }]), openid),
      ),
    );
    const results = answers.map((answer) => answer.body.result);
    const bought = results.filter((result) => result?.ok === true);
    const soldOut = results.filter((result) => result?.ok === false);
    expect(bought.length).toBe(5);
    expect(soldOut.every((result) => result.error.code === 'OUT_OF_STOCK')).toBe(true);
    const stored = await productDoc(id);
    expect(stored.skus[sku.skuId]).toMatchObject({ stock: 0, sales: 5 });
    const others = Object.entries(stored.skus)
      .filter(([skuId]) => skuId !== sku.skuId)
      .map(([, other]: any) => ({ stock: other.stock, sales: other.sales }));
    expect(others).toEqual([
      { stock: 6, sales: 0 },
      { stock: 7, sales: 0 },
      { stock: 8, sales: 0 },
    ]);
    expect(stored.stock).toBe(6 + 7 + 8);
    expect(Object.keys(stored.holds).length).toBe(5);
    const numbers = bought.map((result) => result.data.orderNo);
    expect(new Set(numbers).size).toBe(5);
  });

  test("switching off the cheapest SKU moves the product's shown price to the cheapest still on sale", async () => {
    const id = await createSnack();
    const page = await productPage(id);
    const skus = page.skus.map((sku: any) => ({
      specValues: sku.specValues,
      priceFen: sku.priceFen,
      stock: sku.stock,
      enabled: sku.skuLabel !== '原味 / 250g',
    }));
    await apiOk(emu, 'PUT', `/products/${id}`, { token: owner, body: { specs: SPECS, skus } });
    expect(await productDoc(id)).toMatchObject({ priceFen: 2100, stock: 5 + 6 + 7 + 8 });
    expect(await productPage(id)).toMatchObject({ priceFen: 2100, stock: 6 + 7 + 8 });
  });

  test('low stock is reported SKU by SKU', async () => {
    await createSnack([3, 60, 60, 2]);
    const { items } = await apiOk(emu, 'GET', '/products/low-stock', { token: owner });
    const rows = items.filter((item: any) => item.title === '坚果礼盒');
    expect(rows.map((row: any) => [row.skuLabel, row.stock])).toEqual([
      ['辣味 / 500g', 2],
      ['原味 / 250g', 3],
    ]);
  });
});

describe('order numbers', () => {
  async function placeMany(emuHandle: EmulatorHandle, count: number) {
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        ok(emuHandle, 'placeOrder', order([{ productId: 'p-nuts', quantity: 1 }]), `o-n-${i}`),
      ),
    );
  }

  test('20 digits, China date and time first, unique under concurrency, shown in orders list and detail', async () => {
    const placed = await placeMany(emu, 12);
    const numbers = placed.map((p) => p.orderNo);
    for (const orderNo of numbers) expect(orderNo).toMatch(/^\d{20}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
    const now = (await emu.request('GET', '/_emulator/clock')).body.now as number;
    const chinaNow = new Date(now + 8 * 3600_000).toISOString();
    expect(numbers[0]!.slice(0, 8)).toBe(chinaNow.slice(0, 10).replace(/-/g, ''));
    const stored = await documents(emu, 'orders');
    expect(stored.map((o) => o.orderNo).sort()).toEqual([...numbers].sort());
    const list = await ok(emu, 'orders', { $url: 'list' }, 'o-n-0');
    expect(list.orders[0].orderNo).toBe(placed[0]!.orderNo);
  });

  test('a retried request gets the same order number, racing itself or later', async () => {
    const request = order([{ productId: 'p-nuts', quantity: 1 }]);
    const [first, second] = await Promise.all([
      ok(emu, 'placeOrder', request, 'o-S'),
      ok(emu, 'placeOrder', request, 'o-S'),
    ]);
    const third = await ok(emu, 'placeOrder', request, 'o-S');
    expect(second.orderNo).toBe(first.orderNo);
    expect(third.orderNo).toBe(first.orderNo);
  });

  test('a number another order holds is never reused: the next candidate is taken', async () => {
    const requestId = randomUUID();
    const orderId = stableId('order', 'o-S', requestId);
    const now = (await emu.request('GET', '/_emulator/clock')).body.now as number;
    // Every first candidate this order could get in the next minute is already someone else's.
    const seconds = Array.from({ length: 62 }, (_, i) => Math.floor(now / 1000) * 1000 + (i - 2) * 1000);
    const foreign = seconds.map((at) => ({
      _id: orderNoCandidate(at, orderId, 0),
      orderId: 'someone-else',
      claimedAt: at,
    }));
    await emu.request('POST', '/_emulator/db/orderNumbers', { documents: foreign });
    const placed = await ok(emu, 'placeOrder', order([{ productId: 'p-nuts', quantity: 1 }], requestId), 'o-S');
    expect(placed.orderId).toBe(orderId);
    expect(foreign.map((claim) => claim._id)).not.toContain(placed.orderNo);
    expect(seconds.map((at) => orderNoCandidate(at, orderId, 1))).toContain(placed.orderNo);
  });
});

describe('operators', () => {
  test('the orders CSV carries the order number and names the SKU', async () => {
    const id = await createSnack();
    const spicy = skuOf(await productPage(id), '辣味', '500g');
    const placed = await ok(emu, 'placeOrder', order([{ productId: id, skuId: spicy.skuId, quantity: 2 }]), 'o-S');
    const csv = await api(emu, 'GET', '/orders.csv', { token: owner });
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const header = rows[0]!.split(',');
    // Rows lead with the order number; the internal id stays internal.
    expect(csv.text).not.toContain(placed.orderId);
    const row = rows.find((line: string) => line.startsWith(placed.orderNo))!.split(',');
    expect(row[header.indexOf('订单号')]).toBe(`${placed.orderNo}\t`);
    expect(row[header.indexOf('商品')]).toBe('坚果礼盒（辣味 / 500g）×2');
  });
});
