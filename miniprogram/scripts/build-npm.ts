/**
 * What WeChat DevTools' "工具 → 构建 npm" does for this project (packNpmManually, see project.config.json): copy each
 * mini program npm dependency's `miniprogram` directory (tdesign-miniprogram: miniprogram_dist/) into
 * miniprogram/miniprogram_npm/<name>/, where `usingComponents` paths like `tdesign-miniprogram/button/button`
 * resolve. The package may be installed in miniprogram/node_modules or, in this repo, at the root.
 *
 *   npx tsx miniprogram/scripts/build-npm.ts
 */
import fs from 'node:fs';
import path from 'node:path';

const MINIPROGRAM = path.resolve(__dirname, '..');
const OUT = path.join(MINIPROGRAM, 'miniprogram_npm');

function packageDir(name: string): string {
  for (const base of [path.join(MINIPROGRAM, 'node_modules'), path.join(MINIPROGRAM, '..', 'node_modules')]) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`${name} is not installed (npm install at the repo root)`);
}

function main(): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const dir = packageDir(name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { miniprogram?: string; version: string };
    const source = path.join(dir, pkg.miniprogram ?? 'miniprogram_dist');
    const target = path.join(OUT, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(source, target, { recursive: true });
    console.log(`miniprogram_npm/${name} ← ${path.relative(process.cwd(), source)} (${pkg.version})`);
  }
}

main();
