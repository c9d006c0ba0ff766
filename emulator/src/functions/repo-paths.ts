/** Locates the repository around a functions folder: its root, package.json and the installed wx-server-sdk. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` holding a package.json (the repo root for cloudfunctions/ and fixtures). */
export function findPackageRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json at or above ${start}`);
    dir = parent;
  }
}

/** Absolute entry file of wx-server-sdk as resolved from the functions folder, else the emulator's own copy. */
export function resolveWxServerSdk(functionsDir: string): string {
  return require.resolve('wx-server-sdk', { paths: [functionsDir, __dirname] });
}

/** The version range of wx-server-sdk the root package.json depends on (what deployed functions must install). */
export function wxServerSdkVersionRange(packageRoot: string): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const range = manifest.dependencies?.['wx-server-sdk'];
  if (!range) throw new Error(`${packageRoot}/package.json does not depend on wx-server-sdk`);
  return range;
}
