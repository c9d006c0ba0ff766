/**
 * What the phone runs: DevTools' TypeScript plugin compiles each `.ts` on its own into CommonJS, so an
 * `import … from '@shop/contract'` becomes `require("@shop/contract")`, which WeChat resolves to
 * miniprogram_npm/@shop/contract/index.js (as it resolves TDesign), and an `import type` disappears. Jest maps the
 * name to the sources instead, so the page tests alone would not notice a require WeChat cannot resolve: this
 * compiles every source file the same way and checks each require against the package as build-npm builds it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** build-npm as a Node script: required, not imported, so this program (typed for WeChat's `require`) leaves it out. */

const { buildLocalPackage, LOCAL_PACKAGES } = require('../scripts/build-npm') as {
  buildLocalPackage(name: string, entry: string, outDir: string): string;
  LOCAL_PACKAGES: Readonly<Record<string, string>>;
};

const ROOT = path.resolve(__dirname, '..');
const DEV_ONLY = new Set(['test', 'scripts', 'docs', 'node_modules', 'miniprogram_npm']);

function appSources(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return dir === ROOT && DEV_ONLY.has(entry.name) ? [] : appSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.relative(ROOT, full)] : [];
  });
}

/** The file as the TypeScript plugin hands it to WeChat: one module at a time, CommonJS. */
function compiled(file: string): string {
  return ts.transpileModule(fs.readFileSync(path.join(ROOT, file), 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, isolatedModules: true },
  }).outputText;
}

/** Each `require("x")` of the compiled file, with the variable it is bound to. */
function requiresOf(js: string): Array<{ name: string; binding: string | null }> {
  return [...js.matchAll(/(?:(?:const|var|let)\s+(\w+)\s*=\s*)?require\("([^"]+)"\)/g)].map((match) => ({
    name: match[2]!,
    binding: match[1] ?? null,
  }));
}

const sources = appSources();
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-npm-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

test('the sources cover pages, components, services and the subpackage', () => {
  expect(sources).toEqual(
    expect.arrayContaining([
      'app.ts',
      'services/cloud.ts',
      'pages/home/index.ts',
      'components/price/index.ts',
      'distributor/center/index.ts',
    ]),
  );
  expect(sources.some((file) => file.startsWith('test/') || file.startsWith('scripts/'))).toBe(false);
});

test('every require resolves as WeChat resolves it: a file of the mini program, or a package in miniprogram_npm', () => {
  const unresolved: string[] = [];
  for (const file of sources) {
    for (const { name } of requiresOf(compiled(file))) {
      if (name.startsWith('.')) {
        const target = path.join(ROOT, path.dirname(file), name);
        if (!['.ts', '.js'].some((ext) => fs.existsSync(`${target}${ext}`))) unresolved.push(`${file}: ${name}`);
      } else if (
        !(name in manifest.dependencies) ||
        !(name in LOCAL_PACKAGES || fs.existsSync(path.join(ROOT, '..', 'node_modules', name)))
      ) {
        unresolved.push(
          `${file}: ${name} (not a dependency in miniprogram/package.json that build-npm brings into miniprogram_npm)`,
        );
      }
    }
  }
  expect(unresolved).toEqual([]);
});

test('the contract is required by its zod-free name only; its schemas and zod stay types on the phone', () => {
  const names = new Set(sources.flatMap((file) => requiresOf(compiled(file)).map((r) => r.name)));
  expect(names).toContain('@shop/contract');
  expect([...names].filter((name) => name.startsWith('@shop/contract/') || name === 'zod')).toEqual([]);
});

test('every value a page takes from @shop/contract is in the ES5 build of miniprogram_npm', () => {
  const file = buildLocalPackage('@shop/contract', LOCAL_PACKAGES['@shop/contract']!, outDir);

  const built = require(file) as Record<string, unknown>;
  const missing: string[] = [];
  let used = 0;
  for (const source of sources) {
    const js = compiled(source);
    for (const { name, binding } of requiresOf(js)) {
      if (name !== '@shop/contract' || !binding) continue;
      for (const [, member] of js.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g'))) {
        used += 1;
        if (!(member! in built)) missing.push(`${source}: ${member}`);
      }
    }
  }
  expect(missing).toEqual([]);
  expect(used).toBeGreaterThan(20);
});
