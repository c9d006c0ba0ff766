/**
 * Draws the demo products' pictures (database/seed uses `/assets/products/<id>.png`) in headless Chromium:
 * a flat colour, a shape and the product's name. Run once: `npx tsx miniprogram/scripts/demo-images.ts`.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';

const PRODUCTS: Array<[id: string, name: string, glyph: string, light: string, colour: string]> = [
  ['p-longjing', '西湖龙井', '茶', '#7fb77e', '#3e7c3f'],
  ['p-puer', '云南普洱', '饼', '#b5835a', '#6b4226'],
  ['p-nuts', '每日坚果', '果', '#f2c27b', '#c7813a'],
  ['p-mango', '芒果干', '芒', '#ffd54f', '#f59f00'],
  ['p-towel', '长绒棉毛巾', '巾', '#9ecae1', '#4a90c2'],
  ['p-mug', '陶瓷马克杯', '杯', '#e8d5c4', '#a97c5a'],
];

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 300, height: 300 } });
  for (const [id, name, glyph, , to] of PRODUCTS) {
    await page.setContent(`<html><body style="margin:0"><div style="width:300px;height:300px;background:${to};display:flex;flex-direction:column;align-items:center;justify-content:center;font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;color:#fff">
      <div style="width:150px;height:150px;border-radius:50%;background:rgba(255,255,255,.22);display:flex;align-items:center;justify-content:center;font-size:90px;font-weight:700">${glyph}</div>
      <div style="margin-top:20px;font-size:28px;font-weight:600;letter-spacing:4px">${name}</div></div></body></html>`);
    await page.screenshot({ path: path.resolve(__dirname, '../assets/products', `${id}.png`) });
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
