/** Content hashes of the files a bundle was built from: the key that decides whether a cached bundle is stale. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader, Plugin } from 'esbuild';

export function hashContent(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const loaderByExtension: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.json': 'json',
};

/**
 * Records the hash of each project source exactly as esbuild compiled it. Hashing the files after the build
 * instead would record an edit saved during the build as already built, and the cache would then keep serving
 * the stale bundle. node_modules files are left to esbuild (they are hashed after the build; they do not change
 * while a developer is editing).
 */
export function recordSourceHashes(hashes: Map<string, string>): Plugin {
  return {
    name: 'record-source-hashes',
    setup(build) {
      build.onLoad({ filter: /.*/ }, async (args) => {
        const loader = loaderByExtension[path.extname(args.path)];
        if (args.namespace !== 'file' || !loader || args.path.includes(`${path.sep}node_modules${path.sep}`)) {
          return undefined;
        }
        const contents = await readFile(args.path);
        hashes.set(args.path, hashContent(contents));
        return { contents, loader };
      });
    },
  };
}

/** Hash of each file now, or undefined for a file that no longer exists. */
export async function currentHashes(files: string[]): Promise<Map<string, string | undefined>> {
  const entries = await Promise.all(
    files.map(async (file) => [file, await readFile(file).then(hashContent, () => undefined)] as const),
  );
  return new Map(entries);
}
