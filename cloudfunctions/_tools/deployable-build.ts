/**
 * Builds the cloud functions for upload: `<outDir>/<name>/index.js` (one minified CommonJS bundle with the
 * project's shared code inside), a package.json that lets the platform install wx-server-sdk, and config.json.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { discoverFunctions } from '../../emulator/src/functions/discovery';
import { functionBundleOptions } from '../../emulator/src/functions/esbuild-options';
// Deploy discovers and bundles functions exactly as the emulator runs them: one folder each, the same esbuild options.
import { findPackageRoot } from '../../emulator/src/functions/repo-paths';

export interface DeployableBuildOptions {
  functionsDir: string;
  outDir: string;
  warn?: (line: string) => void;
}

export interface DeployableFunction {
  name: string;
  dir: string;
  bundleBytes: number;
}

export async function buildDeployableFunctions(options: DeployableBuildOptions): Promise<DeployableFunction[]> {
  const functionsDir = path.resolve(options.functionsDir);
  const sdkVersion = wxServerSdkVersionRange(findPackageRoot(functionsDir));
  const definitions = discoverFunctions(functionsDir, undefined, options.warn ?? (() => undefined));
  return Promise.all(
    [...definitions.values()].map(async ({ info, entryFile }) => {
      const dir = path.join(path.resolve(options.outDir), info.name);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const result = await build({
        ...functionBundleOptions,
        entryPoints: [entryFile],
        outfile: path.join(dir, 'index.js'),
        external: ['wx-server-sdk'],
        minify: true,
        // Error class names and `constructor.name` checks must survive minification.
        keepNames: true,
        metafile: true,
      });
      const manifest = {
        name: info.name,
        version: '1.0.0',
        main: 'index.js',
        dependencies: { 'wx-server-sdk': sdkVersion },
      };
      await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      const config = path.join(path.dirname(entryFile), 'config.json');
      if (existsSync(config)) await copyFile(config, path.join(dir, 'config.json'));
      const bundleBytes = Object.values(result.metafile.outputs).reduce((total, output) => total + output.bytes, 0);
      return { name: info.name, dir, bundleBytes };
    }),
  );
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
