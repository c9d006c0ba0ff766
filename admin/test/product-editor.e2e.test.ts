/**
 * The product editor in a real browser against an in-process emulator serving this build: a product with specs made
 * through the SKU grid (bulk price and stock, prices typed as `¥19.90` or full-width digits), pictures uploaded to
 * storage and reordered, thumbnails and no raw ids in the list; and what the server stored, read through the API.
 */
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { apiOk, ownerToken, seedShop } from '../../cloudfunctions/_tests/support/admin-http';
import { screenshot } from './support/browser';
import { useAdminSession } from './support/session';

jest.setTimeout(90_000);

let owner: string;
const session = useAdminSession({
  setup: async (emu) => {
    await seedShop(emu);
    owner = await ownerToken(emu);
  },
  viewport: { width: 1280, height: 900 },
});
const emu = session.emu;
let page: Page;

/** Waits until `locator` matches `count` elements (the page renders asynchronously). */
async function waitForCount(locator: { count(): Promise<number> }, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await locator.count()) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} elements, found ${await locator.count()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A small PNG of one colour, as a file an operator picks. */
function png(name: string, rgb: [number, number, number]) {
  const image = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(image) };
}

if (session.enabled) {
  beforeAll(() => {
    page = session.page;
  });

  test('a product with specs: SKU grid with bulk fill, typed prices, uploaded and reordered pictures', async () => {
    await page.goto(`${emu.url}/#/products`);
    await page.locator('.page-header__title', { hasText: '商品' }).waitFor();
    // No raw ids under the titles.
    const seeded = await apiOk(emu, 'GET', '/products', { token: owner });
    await page.getByTestId('products-table').getByText(seeded.items[0].title).first().waitFor();
    expect(await page.getByTestId('products-table').innerText()).not.toContain(seeded.items[0]._id);

    await page.getByRole('button', { name: '新建商品' }).click();
    const editor = page.getByTestId('product-editor');
    await editor.locator('input[name="title"]').fill('坚果礼盒 <b>新</b>');
    await page.getByTestId('add-spec').click();
    await page.getByTestId('spec-name-0').locator('input').fill('口味');
    await page.getByTestId('spec-values-0').locator('input').fill('原味,辣味');
    await page.getByTestId('add-spec').click();
    await page.getByTestId('spec-name-1').locator('input').fill('重量');
    await page.getByTestId('spec-values-1').locator('input').fill('250g、500g');
    // With specs the product's own price and stock give way to the grid: four rows.
    await waitForCount(editor.locator('input[name="price"]'), 0);
    await waitForCount(page.getByTestId('sku-grid').locator('tbody tr'), 4);

    await page.getByTestId('bulk-price').locator('input').fill('¥19.90');
    await page.getByTestId('bulk-stock').locator('input').fill('50');
    await page.getByTestId('bulk-apply').click();
    await page.getByTestId('sku-price-3').locator('input').fill('３８.５');
    await page.getByTestId('sku-listPrice-0').locator('input').fill('29.9');
    await page.getByTestId('sku-stock-1').locator('input').fill('7');

    await page.getByTestId('image-upload').setInputFiles([png('red.png', [255, 0, 0]), png('blue.png', [0, 0, 255])]);
    await waitForCount(page.getByTestId('image-item'), 2);
    const before = await page
      .getByTestId('image-item')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-file')));
    // The second picture becomes the main one.
    await page.getByTestId('image-item').nth(1).getByTestId('image-left').click();
    await screenshot(page, 'product-editor-specs');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.t-message').filter({ hasText: '商品已创建' }).first().waitFor();

    const found = await apiOk(emu, 'GET', `/products?q=${encodeURIComponent('坚果礼盒')}`, { token: owner });
    expect(found.items).toHaveLength(1);
    const stored = found.items[0];
    expect(stored.title).toBe('坚果礼盒 <b>新</b>');
    expect(stored.images).toEqual([before[1], before[0]]);
    expect(stored.images[0]).toMatch(/^cloud:\/\//);
    expect(stored.specs).toEqual([
      { name: '口味', values: ['原味', '辣味'] },
      { name: '重量', values: ['250g', '500g'] },
    ]);
    const skus = Object.values(stored.skus as Record<string, any>).sort((a, b) => a.position - b.position);
    expect(skus.map((sku) => [sku.specValues.join('/'), sku.priceFen, sku.listPriceFen ?? null, sku.stock])).toEqual([
      ['原味/250g', 1990, 2990, 50],
      ['原味/500g', 1990, null, 7],
      ['辣味/250g', 1990, null, 50],
      ['辣味/500g', 3850, null, 50],
    ]);
    expect(stored).toMatchObject({ priceFen: 1990, stock: 157 });

    // The list shows the uploaded main picture and the specs, the title as text.
    const row = page.getByTestId('products-table').locator('tr', { hasText: '坚果礼盒' });
    await row.getByText('口味 · 重量 · 4 个规格').waitFor();
    expect(await row.locator('img.thumb').getAttribute('src')).toMatch(/^https?:/);
    expect(await row.locator('b').count()).toBe(0);
    await screenshot(page, 'products-with-specs');

    // Editing keeps the grid: one SKU's stock changed, the others untouched.
    await row.getByRole('button', { name: '编辑' }).click();
    await waitForCount(page.getByTestId('sku-grid').locator('tbody tr'), 4);
    await page.getByTestId('sku-stock-0').locator('input').fill('45');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.t-message').filter({ hasText: '商品已保存' }).first().waitFor();
    const after = await apiOk(emu, 'GET', `/products/${stored._id}`, { token: owner });
    const stocks = Object.values(after.skus as Record<string, any>)
      .sort((a, b) => a.position - b.position)
      .map((sku) => sku.stock);
    expect(stocks).toEqual([45, 7, 50, 50]);
    expect(after.stock).toBe(152);
  });
}
