/**
 * adminApi: products, categories, store settings, distribution rules, materials and the audit trail they leave.
 */
import { randomUUID } from 'node:crypto';
import { LEVELS_LIMIT_REASON } from '../../core/src';
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, documents, ownerToken, seedShop, staffToken } from './support/admin-http';
import { ADDRESS, ok } from './support/shopper';

const emu = useEmulator();
let owner: string;

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
});

async function auditOf(action: string): Promise<any[]> {
  return (await apiOk(emu, 'GET', `/audit-logs?action=${action}`, { token: owner })).items;
}

describe('products', () => {
  test('POST /products {title, priceFen, stock} → {id}; on shelf unless onShelf: false; audited', async () => {
    const answer = await api(emu, 'POST', '/products', {
      token: owner,
      body: { title: '新品茶具', priceFen: 12900, stock: 40 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, data: { id: expect.any(String) } });
    const { id } = answer.body.data;
    const hidden = await apiOk(emu, 'POST', '/products', {
      token: owner,
      body: { title: '下架品', priceFen: 100, stock: 1, onShelf: false },
    });

    const stored = await documents(emu, 'products');
    expect(stored.find((p) => p._id === id)).toMatchObject({
      title: '新品茶具',
      priceFen: 12900,
      stock: 40,
      sales: 0,
      onShelf: true,
      categoryId: '',
    });
    expect(stored.find((p) => p._id === hidden.id)).toMatchObject({ onShelf: false });
    const [entry] = (await auditOf('product.create')).filter((e) => e.target === `products/${id}`);
    expect(entry).toMatchObject({
      actor: 'owner',
      before: null,
      after: { _id: id, title: '新品茶具', priceFen: 12900 },
      at: expect.any(Number),
    });
  });

  test('a price typed in yuan is stored exactly in fen', async () => {
    for (const [price, fen] of [
      ['12.30', 1230],
      ['19.99', 1999],
      ['0.07', 7],
      ['1005', 100500],
      ['4.1', 410],
    ] as const) {
      const { id } = await apiOk(emu, 'POST', '/products', {
        token: owner,
        body: { title: `¥${price}`, price, stock: 1 },
      });
      const product = await apiOk(emu, 'GET', `/products/${id}`, { token: owner });
      expect([price, product.priceFen]).toEqual([price, fen]);
    }
  });

  test('bad product input is 400 INVALID_INPUT with the field named, and nothing is written', async () => {
    const before = await documents(emu, 'products');
    for (const body of [
      { title: 'x', price: '12.345', stock: 1 },
      { title: 'x', price: '-1', stock: 1 },
      { title: 'x', price: '1e3', stock: 1 },
      { title: 'x', price: '12.30', priceFen: 1230, stock: 1 },
      { title: 'x', priceFen: 12.5, stock: 1 },
      { title: 'x', priceFen: 0, stock: 1 },
      { title: 'x', stock: 1 },
      { title: '', priceFen: 100, stock: 1 },
      { title: 'x', priceFen: 100, stock: -1 },
      { title: 'x', priceFen: 100, stock: 1, sales: 99 },
      { title: 'x', priceFen: 100, stock: 1, commission: { kind: 'rate', levelRatesBp: [9000, 2000] } },
      { title: 'x', priceFen: 100, stock: 1, commission: { kind: 'fixed', levelFenPerUnit: [1, 1, 1, 1] } },
      { title: 'x', priceFen: 100, stock: 1, categoryId: 'cat-missing' },
    ]) {
      const answer = await api(emu, 'POST', '/products', { token: owner, body });
      expect([JSON.stringify(body), answer.status, answer.body.error?.code]).toEqual([
        JSON.stringify(body),
        400,
        'INVALID_INPUT',
      ]);
      expect(answer.body.error.message).toEqual(expect.any(String));
    }
    const yuan = await api(emu, 'POST', '/products', { token: owner, body: { title: 'x', price: '12.345', stock: 1 } });
    expect(yuan.body.error.details.issues).toEqual([{ path: 'price', message: expect.stringContaining('12.30') }]);
    expect(await documents(emu, 'products')).toEqual(before);
    expect(await auditOf('product.create')).toEqual([]);
  });

  test('list with search, category, shelf filter and paging; one product; low stock', async () => {
    const all = await apiOk(emu, 'GET', '/products', { token: owner });
    expect(all).toMatchObject({ total: 6, page: 1, pageSize: 20 });
    expect(all.items.map((p: any) => p._id)).toEqual(['p-longjing', 'p-puer', 'p-nuts', 'p-mango', 'p-towel', 'p-mug']);
    expect(
      (await apiOk(emu, 'GET', `/products?q=${encodeURIComponent('普洱')}`, { token: owner })).items.map(
        (p: any) => p._id,
      ),
    ).toEqual(['p-puer']);
    expect((await apiOk(emu, 'GET', '/products?categoryId=cat-home', { token: owner })).total).toBe(2);
    await apiOk(emu, 'POST', '/products/p-mug/shelf', { token: owner, body: { onShelf: false } });
    expect((await apiOk(emu, 'GET', '/products?onShelf=false', { token: owner })).items.map((p: any) => p._id)).toEqual(
      ['p-mug'],
    );
    const second = await apiOk(emu, 'GET', '/products?page=2&pageSize=4', { token: owner });
    expect(second).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(second.items).toHaveLength(2);
    expect((await api(emu, 'GET', '/products?pageSize=1000', { token: owner })).status).toBe(400);
    expect((await api(emu, 'GET', '/products?colour=red', { token: owner })).status).toBe(400);

    expect(await apiOk(emu, 'GET', '/products/p-mug', { token: owner })).toMatchObject({
      _id: 'p-mug',
      onShelf: false,
    });
    expect((await api(emu, 'GET', '/products/nope', { token: owner })).status).toBe(404);

    await apiOk(emu, 'PUT', '/products/p-nuts', { token: owner, body: { stock: 8 } });
    await apiOk(emu, 'PUT', '/products/p-mango', { token: owner, body: { stock: 25, lowStockThreshold: 30 } });
    const low = await apiOk(emu, 'GET', '/products/low-stock', { token: owner });
    expect(low.defaultThreshold).toBe(10);
    expect(low.items.map((p: any) => [p._id, p.stock])).toEqual([
      ['p-nuts', 8],
      ['p-mango', 25],
    ]);
  });

  test('editing stock moves it by the difference, so units held by an unpaid order are not given back', async () => {
    const operator = await staffToken(emu, owner, 'operator');
    const seen = (await apiOk(emu, 'GET', '/products/p-mug', { token: operator })).stock;
    expect(seen).toBe(60);
    // While the operator's form is open a shopper's unpaid order holds 3 mugs.
    await ok(
      emu,
      'placeOrder',
      { requestId: randomUUID(), items: [{ productId: 'p-mug', quantity: 3 }], address: ADDRESS },
      'o-shopper',
    );
    const held = (await documents(emu, 'products')).find((p) => p._id === 'p-mug');
    expect(held.stock).toBe(57);

    const after = await apiOk(emu, 'PUT', '/products/p-mug', {
      token: operator,
      body: { stock: 100, stockSeen: seen, price: '59.90' },
    });
    expect(after).toMatchObject({ stock: 97, priceFen: 5990 });
    expect(Object.values(after.holds ?? {})).toEqual([3]);
    const [entry] = await auditOf('product.update');
    expect(entry).toMatchObject({
      actor: 'operator',
      target: 'products/p-mug',
      before: { stock: 57, priceFen: 6800 },
      after: { stock: 97, priceFen: 5990 },
    });

    // Taking away more than is left to sell is refused rather than going negative.
    const tooMany = await api(emu, 'PUT', '/products/p-mug', { token: operator, body: { stock: 0, stockSeen: 100 } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('CONFLICT');
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-mug').stock).toBe(97);
  });

  test('update sets and removes the commission override and limited-time price; audited each time', async () => {
    await apiOk(emu, 'PUT', '/products/p-nuts', {
      token: owner,
      body: {
        commission: { kind: 'rate', levelRatesBp: [2000, 500] },
        limitedTime: { price: '88.00', startsAt: 1, endsAt: 2 },
      },
    });
    let stored = (await documents(emu, 'products')).find((p) => p._id === 'p-nuts');
    expect(stored.commission).toEqual({ kind: 'rate', levelRatesBp: [2000, 500] });
    expect(stored.limitedTime).toEqual({ priceFen: 8800, startsAt: 1, endsAt: 2 });
    await apiOk(emu, 'PUT', '/products/p-nuts', {
      token: owner,
      body: { commission: null, limitedTime: null, title: '每日坚果 新款' },
    });
    stored = (await documents(emu, 'products')).find((p) => p._id === 'p-nuts');
    expect(stored).not.toHaveProperty('commission');
    expect(stored).not.toHaveProperty('limitedTime');
    expect(stored.title).toBe('每日坚果 新款');
    expect(await auditOf('product.update')).toHaveLength(2);
    const bad = await api(emu, 'PUT', '/products/p-nuts', {
      token: owner,
      body: { limitedTime: { priceFen: 100, startsAt: 5, endsAt: 5 } },
    });
    expect(bad.status).toBe(400);
    expect((await api(emu, 'PUT', '/products/nope', { token: owner, body: { title: 'x' } })).status).toBe(404);
  });

  test('shelf on and off; categories', async () => {
    await apiOk(emu, 'POST', '/products/p-towel/shelf', { token: owner, body: { onShelf: false } });
    expect((await documents(emu, 'products')).find((p) => p._id === 'p-towel').onShelf).toBe(false);
    expect((await auditOf('product.unshelve'))[0]).toMatchObject({
      before: { onShelf: true },
      after: { onShelf: false },
    });
    expect((await api(emu, 'POST', '/products/p-towel/shelf', { token: owner, body: { onShelf: 'no' } })).status).toBe(
      400,
    );

    const { id } = await apiOk(emu, 'POST', '/categories', { token: owner, body: { name: '礼盒', sort: 9 } });
    const categories = await apiOk(emu, 'GET', '/categories', { token: owner });
    expect(categories.items.map((c: any) => c.name)).toEqual(['茶饮', '零食', '家居', '礼盒']);
    await apiOk(emu, 'POST', '/products', {
      token: owner,
      body: { title: '茶礼盒', priceFen: 19900, stock: 5, categoryId: id },
    });
    expect((await apiOk(emu, 'GET', `/products?categoryId=${id}`, { token: owner })).total).toBe(1);
    expect(await auditOf('category.create')).toHaveLength(1);
  });
});

describe('settings', () => {
  test('store settings: defaults, a partial update, validation, audit', async () => {
    const operator = await staffToken(emu, owner, 'operator');
    expect(await apiOk(emu, 'GET', '/settings/store', { token: operator })).toMatchObject({
      name: expect.any(String),
      autoConfirmDays: 10,
    });
    const updated = await apiOk(emu, 'PUT', '/settings/store', {
      token: owner,
      body: { name: '小茶馆', shipping: { flatFen: 600, freeOverFen: 5000 }, unpaidTimeoutMinutes: 30 },
    });
    expect(updated).toMatchObject({
      name: '小茶馆',
      shipping: { flatFen: 600, freeOverFen: 5000 },
      unpaidTimeoutMinutes: 30,
      autoConfirmDays: 10,
    });
    expect((await documents(emu, 'settings')).find((doc) => doc._id === 'store')).toMatchObject({ name: '小茶馆' });
    const [entry] = await auditOf('settings.store');
    expect(entry).toMatchObject({ before: { unpaidTimeoutMinutes: 15 }, after: { unpaidTimeoutMinutes: 30 } });
    expect((await api(emu, 'PUT', '/settings/store', { token: owner, body: { autoConfirmDays: 0 } })).status).toBe(400);
    expect(
      (await api(emu, 'PUT', '/settings/store', { token: owner, body: { shipping: { flatFen: '6' } } })).status,
    ).toBe(400);
  });

  test('distribution rules: a change is a new version for orders paid afterwards; history keeps the old ones', async () => {
    const initial = await apiOk(emu, 'GET', '/settings/distribution', { token: owner });
    expect(initial.current).toMatchObject({ version: 1, levels: 2, levelRatesBp: [1500, 800] });
    expect(initial.history.map((entry: any) => entry.version)).toEqual([1]);

    const answer = await apiOk(emu, 'PUT', '/settings/distribution', {
      token: owner,
      body: { levelRatesBp: [2000, 1000], freezeDays: 10 },
    });
    expect(answer.rules).toMatchObject({ version: 2, levelRatesBp: [2000, 1000], freezeDays: 10 });
    expect(answer.appliesTo).toContain('此后支付的订单');
    expect(answer).not.toHaveProperty('complianceNote');

    const three = await apiOk(emu, 'PUT', '/settings/distribution', {
      token: owner,
      body: { levels: 3, levelRatesBp: [1500, 800, 300] },
    });
    expect(three.rules).toMatchObject({ version: 3, levels: 3 });
    expect(three.complianceNote).toEqual(expect.stringContaining('3 级'));

    const now = await apiOk(emu, 'GET', '/settings/distribution', { token: owner });
    expect(now.current.version).toBe(3);
    expect(now.history.map((entry: any) => [entry.version, entry.createdBy])).toEqual([
      [3, 'owner'],
      [2, 'owner'],
      [1, 'default'],
    ]);
    const entries = await auditOf('settings.distribution');
    expect(entries.map((e: any) => [e.before.version, e.after.version])).toEqual([
      [2, 3],
      [1, 2],
    ]);
  });

  test('four levels are refused with the reason, and nothing is saved', async () => {
    const answer = await api(emu, 'PUT', '/settings/distribution', {
      token: owner,
      body: { levels: 4, levelRatesBp: [1000, 500, 300, 100] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_INPUT', message: LEVELS_LIMIT_REASON });
    for (const body of [{ recruitBonusFen: 100 }, { levelRatesBp: [9000, 2000] }, { freezeDays: -1 }, [1, 2]]) {
      const refused = await api(emu, 'PUT', '/settings/distribution', { token: owner, body });
      expect([JSON.stringify(body), refused.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await documents(emu, 'settings')).filter((doc) => String(doc._id).startsWith('rules'))).toEqual([]);
    expect(await auditOf('settings.distribution')).toEqual([]);
  });
});

describe('materials', () => {
  test('create, list, update, delete, each audited; bad input writes nothing', async () => {
    const operator = await staffToken(emu, owner, 'operator');
    const { id } = await apiOk(emu, 'POST', '/materials', {
      token: operator,
      body: { title: '新手指南', kind: 'guide', body: '第一步……', sort: 5 },
    });
    await apiOk(emu, 'POST', '/materials', {
      token: operator,
      body: { title: '朋友圈文案', kind: 'copy', body: '好茶推荐' },
    });
    expect((await apiOk(emu, 'GET', '/materials', { token: operator })).items.map((m: any) => m.title)).toEqual([
      '新手指南',
      '朋友圈文案',
    ]);
    expect((await apiOk(emu, 'GET', '/materials?kind=copy', { token: operator })).total).toBe(1);
    expect(await apiOk(emu, 'PUT', `/materials/${id}`, { token: operator, body: { body: '第二版' } })).toMatchObject({
      body: '第二版',
      title: '新手指南',
    });
    expect((await api(emu, 'PUT', `/materials/${id}`, { token: operator, body: {} })).status).toBe(400);
    expect(
      (await api(emu, 'POST', '/materials', { token: operator, body: { title: 'x', kind: 'video', body: 'y' } }))
        .status,
    ).toBe(400);
    await apiOk(emu, 'DELETE', `/materials/${id}`, { token: operator });
    expect((await api(emu, 'DELETE', `/materials/${id}`, { token: operator })).status).toBe(404);
    expect((await documents(emu, 'materials')).map((m) => m.title)).toEqual(['朋友圈文案']);
    const actions = (await apiOk(emu, 'GET', '/audit-logs?pageSize=10', { token: owner })).items.map(
      (e: any) => e.action,
    );
    expect(actions.filter((action: string) => action.startsWith('material.'))).toEqual([
      'material.delete',
      'material.update',
      'material.create',
      'material.create',
    ]);
  });
});

describe('uploads', () => {
  // A 1×1 transparent PNG.
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

  test('an image goes to cloud storage and comes back byte for byte; operators only; a file that is not an image is refused', async () => {
    const stored = await apiOk(emu, 'POST', '/uploads', {
      token: owner,
      body: { contentType: 'image/png', dataBase64: PNG },
    });
    expect(stored.fileID).toMatch(/^cloud:\/\/.+\/uploads\/[0-9a-f]{32}\.png$/);
    const served = await fetch(stored.url);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(PNG, 'base64'));

    const finance = await staffToken(emu, owner, 'finance', 'finance1');
    expect(
      (await api(emu, 'POST', '/uploads', { token: finance, body: { contentType: 'image/png', dataBase64: PNG } }))
        .status,
    ).toBe(403);
    const refused = await api(emu, 'POST', '/uploads', {
      token: owner,
      body: { contentType: 'application/x-sh', dataBase64: PNG },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('INVALID_INPUT');
  });
});
