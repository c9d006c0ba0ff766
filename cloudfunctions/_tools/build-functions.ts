/** `npm run build:functions`: writes the deployable functions of cloudfunctions/ to dist/functions/. */
import path from 'node:path';
import { buildDeployableFunctions } from './deployable-build';
import { findPackageRoot } from '../../emulator/src/functions/repo-paths';

async function main(): Promise<void> {
  // Above emulator/, whose own package.json (the emulator's, for publishing it on its own) is not the shop's.
  const root = findPackageRoot(path.resolve(__dirname, '..', '..', '..'));
  const outDir = path.join(root, 'dist', 'functions');
  const built = await buildDeployableFunctions({
    functionsDir: path.join(root, 'cloudfunctions'),
    outDir,
    warn: (line) => console.warn(line),
  });
  for (const fn of built.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(
      `${fn.name.padEnd(24)} ${path.relative(root, fn.dir)}/index.js  ${(fn.bundleBytes / 1024).toFixed(1)} kB`,
    );
  }
  console.log(`${built.length} function(s) built into ${path.relative(root, outDir)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
