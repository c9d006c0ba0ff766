/**
 * Pictures of the pages as a shopper sees them. WeChat DevTools does not run on Linux, so this renders the page
 * the way the tests do (the real WXML, data produced by the page's own logic against the emulator, through the
 * official miniprogram-simulate), turns the resulting DOM into an HTML document with the page's WXSS, app.wxss,
 * our components' WXSS and TDesign's own WXSS (rpx → px at a 375 px wide screen), adds a navigation bar and the
 * tab bar, and screenshots it in headless Chromium.
 *
 * Not pixel-identical to WeChat: TDesign components are drawn by stand-ins that reproduce their DOM classes (so
 * TDesign's stylesheet applies) but not their exact inner markup, TDesign's icon font is not loaded, and native
 * components (swiper, canvas, input) are plain boxes.
 */

import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT, STUB_COMPONENTS, type Rendered } from './harness';

const REPO_ROOT = path.resolve(MINIPROGRAM_ROOT, '..');
const TDESIGN_DIST = path.join(REPO_ROOT, 'node_modules/tdesign-miniprogram/miniprogram_dist');
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/miniprogram');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TABS = [
  { route: 'pages/home/index', text: '首页' },
  { route: 'pages/cart/index', text: '购物车' },
  { route: 'pages/order/list/index', text: '订单' },
  { route: 'pages/mine/index', text: '我的' },
];

function rpx(css: string): string {
  return css.replace(/(-?\d*\.?\d+)rpx/g, (_all, n: string) => `${+(Number(n) * 0.5).toFixed(2)}px`);
}

function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  return fs
    .readFileSync(file, 'utf8')
    .replace(/@import\s+['"]([^'"]+)['"];?/g, (_all, rel: string) =>
      readWxss(path.resolve(path.dirname(file), rel), seen),
    );
}

/** TDesign's stylesheet for a tag (`t-cell-group` → cell-group/cell-group.wxss), `:host` meaning the tag itself. */
function tdesignCss(tag: string): string {
  const name = tag.replace(/^t-/, '');
  return readWxss(path.join(TDESIGN_DIST, name, `${name}.wxss`)).replace(/:host/g, tag);
}

function componentTree(jsonFile: string, into: Map<string, string>): void {
  if (!fs.existsSync(jsonFile)) return;
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> };
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    if (into.has(tag)) continue;
    into.set(tag, target);
    if (target.startsWith('/')) componentTree(path.join(MINIPROGRAM_ROOT, `${target}.json`), into);
  }
}

const BASE_CSS = `
html, body { margin: 0; padding: 0; }
body { background: #f5f5f5; width: 375px; }
.wx-page { min-height: 100vh; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-canvas, wx-textarea, wx-input { display: block; }
wx-text { display: inline; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
wx-image img { width: 100%; height: 100%; object-fit: cover; display: block; }
wx-scroll-view { overflow: hidden; }
wx-swiper { position: relative; overflow: hidden; }
wx-button { display: block; position: relative; margin: 0; padding: 0 14px; font-size: 18px; line-height: 2.55; border-radius: 5px; text-align: center; background: #f8f8f8; }
price, product-card, state-view { display: inline; }
product-card, state-view { display: block; }
t-tab-panel { display: none; }
.stub-empty-icon { width: 48px; height: 48px; border-radius: 50%; border: 3px solid #c5c5c5; color: #c5c5c5; font: 700 28px/42px sans-serif; text-align: center; margin: 0 auto; box-sizing: border-box; }
.t-checkbox__icon-circle { width: 20px; height: 20px; border-radius: 50%; border: 1px solid #c5c5c5; box-sizing: border-box; font-size: 13px; line-height: 18px; text-align: center; color: #fff; }
.t-checkbox__icon-circle.stub-checked { background: var(--td-brand-color, #0052d9); border-color: var(--td-brand-color, #0052d9); }
.stub-search-icon { color: #999; margin-right: 6px; font-size: 16px; }
.t-search__input-box { display: flex; align-items: center; }
.t-search__placeholder, .t-input__placeholder, .t-textarea__placeholder { color: #bbb; }
.stub-arrow { color: #bbb; font-size: 22px; line-height: 1; }
.t-loading__circular { width: 100%; height: 100%; border-radius: 50%; border: 2px solid #ddd; border-top-color: var(--td-brand-color, #0052d9); box-sizing: border-box; }
.wx-navbar { position: sticky; top: 0; z-index: 50; height: 44px; background: #fff; display: flex; align-items: center; justify-content: center; font: 600 17px/44px sans-serif; color: #000; border-bottom: 1px solid #eee; }
.wx-navbar__capsule { position: absolute; right: 8px; top: 7px; width: 86px; height: 30px; border: 1px solid #e5e5e5; border-radius: 15px; box-sizing: border-box; display: flex; align-items: center; justify-content: space-around; color: #000; font-size: 16px; }
.wx-tabbar { position: fixed; left: 0; right: 0; bottom: 0; height: 50px; background: #fff; border-top: 1px solid #eee; display: flex; z-index: 60; }
.wx-tabbar__item { flex: 1; display: flex; align-items: center; justify-content: center; font-size: 13px; color: #666; }
.wx-tabbar__item--active { color: #fa4126; font-weight: 600; }
.wx-has-tabbar .footer-bar { bottom: 50px !important; }
.wx-has-tabbar { padding-bottom: 50px; }
`;

/** The tags a rendered tree prefixes its classes with (`tag--class`): the page's `main` and every component tag. */
function stripClassPrefixes(html: string, tags: string[]): string {
  const prefixes = ['main', ...tags].sort((a, b) => b.length - a.length);
  return html.replace(/ class="([^"]*)"/g, (_all, value: string) => {
    const classes = value
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => {
        const prefix = prefixes.find((p) => name.startsWith(`${p}--`));
        return prefix ? name.slice(prefix.length + 2) : name;
      });
    return ` class="${classes.join(' ')}"`;
  });
}

export interface Shot {
  name: string;
  route: string;
  html: string;
}

/** A self-contained HTML document of what `rendered` shows right now. */
export function pageDocument(route: string, rendered: Rendered): string {
  const tags = new Map<string, string>();
  const pageJson = path.join(MINIPROGRAM_ROOT, `${route}.json`);
  componentTree(pageJson, tags);
  const title =
    (JSON.parse(fs.readFileSync(pageJson, 'utf8')) as { navigationBarTitleText?: string }).navigationBarTitleText ??
    '全员分销';
  const css: string[] = [BASE_CSS];
  for (const [tag, target] of tags) {
    if (tag.startsWith('t-') && STUB_COMPONENTS[tag]) css.push(tdesignCss(tag));
    else if (target.startsWith('/')) css.push(readWxss(path.join(MINIPROGRAM_ROOT, `${target}.wxss`)));
  }
  css.push(readWxss(path.join(MINIPROGRAM_ROOT, 'app.wxss')));
  css.push(readWxss(path.join(MINIPROGRAM_ROOT, `${route}.wxss`)));
  const stylesheet = rpx(css.join('\n')).replace(/(^|[\s,}])page(?=[\s{,:.])/g, '$1.wx-page');
  let body = stripClassPrefixes(rendered.comp.dom.outerHTML as string, [...tags.keys()]);
  body = body.replace(/<img([^>]*) data-src="/g, '<img$1 src="');
  body = body.replace(/ src="\/([^"]*)"/g, (_all, rel: string) => ` src="file://${path.join(MINIPROGRAM_ROOT, rel)}"`);
  const tab = TABS.find((t) => t.route === route);
  const tabbar = tab
    ? `<div class="wx-tabbar">${TABS.map((t) => `<div class="wx-tabbar__item ${t.route === route ? 'wx-tabbar__item--active' : ''}">${t.text}</div>`).join('')}</div>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=375">
<style>${stylesheet}</style></head><body><div class="wx-page ${tab ? 'wx-has-tabbar' : ''}">
<div class="wx-navbar">${tab ? '' : '<span style="position:absolute;left:12px;font-weight:400">‹</span>'}${title}<span class="wx-navbar__capsule">··· ◎</span></div>
${body}</div>${tabbar}</body></html>`;
}

/** Writes each shot's HTML and PNG under test-artifacts/miniprogram/ (and, with `docsDir`, copies the PNG there). */
/** The pictures copied into miniprogram/docs/screenshots for the README (MINIPROGRAM_SCREENSHOTS_DOCS=1). */
export const DOC_SHOTS = new Set(['home', 'product', 'checkout', 'order-detail', 'center', 'earnings', 'withdraw']);

export async function screenshot(shots: Shot[], docsDir?: string): Promise<string[]> {
  const { chromium } = await import('playwright-core');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
      '--allow-file-access-from-files',
    ],
  });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    for (const shot of shots) {
      const htmlFile = path.join(ARTIFACTS, `${shot.name}.html`);
      const pngFile = path.join(ARTIFACTS, `${shot.name}.png`);
      fs.writeFileSync(htmlFile, shot.html);
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`file://${htmlFile}`, { waitUntil: 'load' });
      // The whole page in one picture, with the fixed bars (tab bar, action bar) at its bottom edge.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 375, height: Math.max(740, Math.min(height, 4000)) });
      await page.screenshot({ path: pngFile });
      written.push(pngFile);
      if (docsDir && DOC_SHOTS.has(shot.name)) {
        fs.mkdirSync(docsDir, { recursive: true });
        fs.copyFileSync(pngFile, path.join(docsDir, `${shot.name}.png`));
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}
