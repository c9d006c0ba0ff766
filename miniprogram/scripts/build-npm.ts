/**
 * What WeChat DevTools' "工具 → 构建 npm" does for this project (packNpmManually, see project.config.json): copy each
 * mini program npm dependency's `miniprogram` directory (tdesign-miniprogram: miniprogram_dist/) into
 * miniprogram/miniprogram_npm/<name>/, where `usingComponents` paths like `tdesign-miniprogram/button/button`
 * resolve. The package may be installed in miniprogram/node_modules or, in this repo, at the root.
 *
 * It also builds the shop's own local packages, which are TypeScript sources: `@shop/contract` (contract/, its
 * zod-free entry) becomes one self-contained CommonJS file in ES5 syntax, miniprogram_npm/@shop/contract/index.js,
 * so `require('@shop/contract')` in the mini program finds it as it finds any npm package. esbuild bundles it
 * (ES2015 is the oldest syntax it writes), then TypeScript lowers that to ES5 for WeChat's oldest JS engines.
 *
 *   npx tsx miniprogram/scripts/build-npm.ts
 */
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const MINIPROGRAM = path.resolve(__dirname, '..');
const REPO = path.resolve(MINIPROGRAM, '..');
const OUT = path.join(MINIPROGRAM, 'miniprogram_npm');

/** The shop's packages the mini program uses: name → entry (the zod-free one; zod never ships to the phone). */
export const LOCAL_PACKAGES: Readonly<Record<string, string>> = {
  '@shop/contract': path.join(REPO, 'contract', 'src', 'index.ts'),
};

function packageDir(name: string): string {
  for (const base of [path.join(MINIPROGRAM, 'node_modules'), path.join(MINIPROGRAM, '..', 'node_modules')]) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`${name} is not installed (npm install at the repo root)`);
}

/**
 * One local package → `<outDir>/<name>/index.js`: bundled (its own imports inlined; reaching a file outside the
 * package, zod for one, is an error), CommonJS, ES5 syntax.
 */
export function buildLocalPackage(name: string, entry: string, outDir: string): string {
  const bundled = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2015',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    absWorkingDir: REPO,
  });
  const packageRoot = path.relative(REPO, path.dirname(path.dirname(entry)));
  const foreign = Object.keys(bundled.metafile.inputs).filter((input) => !input.startsWith(`${packageRoot}/`));
  if (foreign.length > 0) throw new Error(`${name} may only import its own files; it reached ${foreign.join(', ')}`);
  const code = bundled.outputFiles[0]?.text ?? '';
  const es5 = ts.transpileModule(code, {
    fileName: 'index.js',
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.CommonJS,
      downlevelIteration: true,
      removeComments: false,
    },
  }).outputText;
  const file = path.join(outDir, name, 'index.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `/* ${name}: built by miniprogram/scripts/build-npm.ts from ${path.relative(REPO, entry)}; do not edit */\n${es5}`,
  );
  return file;
}

function copyNpmDependencies(): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (name in LOCAL_PACKAGES) continue;
    const dir = packageDir(name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      miniprogram?: string;
      version: string;
    };
    const source = path.join(dir, pkg.miniprogram ?? 'miniprogram_dist');
    const target = path.join(OUT, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(source, target, { recursive: true });
    console.log(`miniprogram_npm/${name} ← ${path.relative(process.cwd(), source)} (${pkg.version})`);
  }
}

function main(): void {
  fs.rmSync(OUT, { recursive: true, force: true });
  copyNpmDependencies();
  for (const [name, entry] of Object.entries(LOCAL_PACKAGES)) {
    const file = buildLocalPackage(name, entry, OUT);
    console.log(
      `miniprogram_npm/${name} ← ${path.relative(process.cwd(), entry)} (${fs.statSync(file).size} bytes, ES5)`,
    );
  }
}

if (require.main === module) main();
