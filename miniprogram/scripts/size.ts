/**
 * The main package's size as WeChat counts it against the 2 MB limit, printed as `miniprogram.mainPackageBytes=<n>`:
 *
 * - every file of ours that ships outside the subpackage roots (app.json `subPackages[].root`), with TypeScript
 *   counted as the JavaScript it compiles to (typescript.transpileModule, ES2020, CommonJS: the DevTools
 *   TypeScript plugin's output, unminified), and dev-only files excluded (test/, scripts/, docs/, configs);
 * - plus the files of miniprogram_npm that the pages and components actually reach: each `usingComponents` entry
 *   under `tdesign-miniprogram/…`, followed through the component's own usingComponents, `require`s, wxss
 *   `@import`s and wxml `<import>`/`<wxs>`. (miniprogram_npm lives in the main package even when only a
 *   subpackage uses a component.) It reads node_modules/tdesign-miniprogram/miniprogram_dist directly, so it does
 *   not need build-npm to have run.
 *
 * Also prints the subpackage's size (`miniprogram.subpackage.<root>Bytes=`) for information.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const EXCLUDED_DIRS = new Set(['test', 'scripts', 'docs', 'node_modules', 'miniprogram_npm']);
const EXCLUDED_FILES = new Set(['tsconfig.json', 'jest.config.js', 'package.json', 'package-lock.json', 'README.md']);

function npmPackageDir(name: string): string {
  for (const dir of [path.join(ROOT, 'miniprogram_npm', name), path.join(ROOT, '..', 'node_modules', name, 'miniprogram_dist'), path.join(ROOT, 'node_modules', name, 'miniprogram_dist')]) {
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error(`${name} not found: run npm install at the repo root`);
}

function shippedBytes(file: string): number {
  if (file.endsWith('.d.ts')) return 0;
  if (file.endsWith('.ts')) {
    const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS } });
    return Buffer.byteLength(out.outputText);
  }
  return fs.statSync(file).size;
}

function walk(dir: string, skip: (rel: string) => boolean, into: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(ROOT, full);
    if (skip(rel)) continue;
    if (entry.isDirectory()) walk(full, skip, into);
    else into.push(full);
  }
  return into;
}

/** npm files reached from a component entry (path without extension), following every kind of reference. */
function reachNpm(entry: string, seen: Set<string>): void {
  for (const ext of ['.json', '.js', '.wxml', '.wxss', '.wxs']) {
    const file = `${entry}${ext}`;
    if (fs.existsSync(file)) reachFile(file, seen);
  }
}

function reachFile(file: string, seen: Set<string>): void {
  if (seen.has(file) || !fs.existsSync(file)) return;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  const dir = path.dirname(file);
  const relative = (ref: string) => path.resolve(dir, ref);
  if (file.endsWith('.json')) {
    const json = JSON.parse(text) as { usingComponents?: Record<string, string> };
    for (const ref of Object.values(json.usingComponents ?? {})) if (ref.startsWith('.')) reachNpm(relative(ref), seen);
  } else if (file.endsWith('.js') || file.endsWith('.wxs')) {
    for (const match of text.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
      const ref = match[1]!;
      if (!ref.startsWith('.')) continue;
      const target = relative(ref);
      for (const candidate of [target, `${target}.js`, `${target}.wxs`, path.join(target, 'index.js')]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
          reachFile(candidate, seen);
          break;
        }
      }
    }
  } else if (file.endsWith('.wxss')) {
    for (const match of text.matchAll(/@import\s+["']([^"']+)["']/g)) reachFile(relative(match[1]!), seen);
  } else if (file.endsWith('.wxml')) {
    for (const match of text.matchAll(/<(?:import|include|wxs)[^>]*\bsrc=["']([^"']+)["']/g)) reachFile(relative(match[1]!), seen);
  }
}

function main(): void {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }> };
  const subRoots = (app.subPackages ?? []).map((sub) => sub.root.replace(/\/$/, ''));
  const isDevOnly = (rel: string) => EXCLUDED_DIRS.has(rel.split(path.sep)[0]!) || EXCLUDED_FILES.has(rel) || rel.startsWith('.');

  const ours = walk(ROOT, (rel) => isDevOnly(rel) || subRoots.includes(rel));
  const oursBytes = ours.reduce((sum, file) => sum + shippedBytes(file), 0);

  const npmFiles = new Set<string>();
  const jsonFiles = walk(ROOT, isDevOnly).filter((file) => file.endsWith('.json'));
  for (const file of jsonFiles) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const ref of Object.values(json.usingComponents ?? {})) {
      if (ref.startsWith('/') || ref.startsWith('.')) continue;
      const [name, ...rest] = ref.split('/');
      reachNpm(path.join(npmPackageDir(name!), ...rest), npmFiles);
    }
  }
  const npmBytes = [...npmFiles].reduce((sum, file) => sum + fs.statSync(file).size, 0);

  console.log(`miniprogram.ownMainBytes=${oursBytes}`);
  console.log(`miniprogram.npmComponentBytes=${npmBytes}`);
  console.log(`miniprogram.mainPackageBytes=${oursBytes + npmBytes}`);
  for (const root of subRoots) {
    const files = walk(path.join(ROOT, root), () => false);
    console.log(`miniprogram.subpackage.${root}Bytes=${files.reduce((sum, file) => sum + shippedBytes(file), 0)}`);
  }
}

main();
