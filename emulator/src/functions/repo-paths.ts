/** Locates the repository around a functions folder: its root and the installed wx-server-sdk. */
import { existsSync } from 'node:fs';
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
