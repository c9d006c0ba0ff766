/**
 * WeChat's official compilers over every template, WXS module and stylesheet of the mini program (main package,
 * components and the distributor subpackage): any error they report fails `npm test`, as it would fail the upload.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileWxml, compileWxss, sourceFiles } from './support/wechat-compilers';

const ROOT = path.resolve(__dirname, '..');
const wxml = sourceFiles(ROOT, '.wxml');
const wxs = sourceFiles(ROOT, '.wxs');
const wxss = sourceFiles(ROOT, '.wxss');

test('the file lists cover the pages, the components and the subpackage', () => {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages: Array<{ root: string; pages: string[] }>;
  };
  const pages = [
    ...app.pages,
    ...app.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`)),
  ];
  for (const page of pages) {
    expect(wxml).toContain(`${page}.wxml`);
    expect(wxss).toContain(`${page}.wxss`);
  }
  expect(wxml).toEqual(
    expect.arrayContaining([
      'components/price/index.wxml',
      'components/product-card/index.wxml',
      'components/state-view/index.wxml',
    ]),
  );
  expect(wxss).toContain('app.wxss');
  expect(wxml.some((file) => file.startsWith('test/'))).toBe(false);
});

test('wcc compiles every .wxml and .wxs without an error', () => {
  const outcome = compileWxml(ROOT, wxml, wxs);
  expect(outcome.errors).toBe('');
  expect(outcome.ok).toBe(true);
  expect(outcome.outputBytes).toBeGreaterThan(0);
});

test('wcsc compiles every .wxss without an error', () => {
  const outcome = compileWxss(ROOT, wxss);
  expect(outcome.errors).toBe('');
  expect(outcome.ok).toBe(true);
});

test('a broken template or stylesheet is reported, with its file and line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-compilers-'));
  try {
    fs.mkdirSync(path.join(dir, 'page'));
    fs.writeFileSync(path.join(dir, 'page/index.wxml'), '<view class="a">{{title}}</view>\n<view>unclosed\n');
    fs.writeFileSync(path.join(dir, 'page/index.wxss'), '.a { color: red;\n');
    const template = compileWxml(dir, ['page/index.wxml'], []);
    expect(template.ok).toBe(false);
    expect(template.errors).toContain('page/index.wxml');
    const style = compileWxss(dir, ['page/index.wxss']);
    expect(style.ok).toBe(false);
    expect(style.errors).toContain('page/index.wxss');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
