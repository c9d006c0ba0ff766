/**
 * Bundles a function for the local runner: one CommonJS file with an inline source map (stack traces point at the
 * TypeScript), wx-server-sdk required from the repo. A bundle is reused while every file it was built from has
 * the same content, so restarting the emulator or reloading an untouched function costs no esbuild run.
 */
import { build, version as esbuildVersion } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { externalWxServerSdk, functionBundleOptions } from './esbuild-options';
import { currentHashes, hashContent, recordSourceHashes } from './source-hashes';

interface BundleManifest {
  cacheKey: string;
  bundleFile: string;
  inputs: Record<string, string>;
}

const MANIFEST = 'manifest.json';

export class FunctionBundler {
  private readonly cacheKey: string;
  private readonly prunedFolders = new Set<string>();

  constructor(
    private readonly buildDir: string,
    private readonly sdkEntry: string,
  ) {
    this.cacheKey = JSON.stringify({ esbuildVersion, sdkEntry, functionBundleOptions });
  }

  /** Absolute path of an up-to-date bundle of `entryFile`. Rejects with esbuild's message on a build error. */
  async bundle(name: string, entryFile: string): Promise<string> {
    const folder = path.join(this.buildDir, name);
    const bundleFile = (await this.cachedBundle(folder)) ?? (await this.buildBundle(folder, entryFile));
    await this.pruneOnce(folder, bundleFile);
    return bundleFile;
  }

  private async cachedBundle(folder: string): Promise<string | undefined> {
    const manifest = await readFile(path.join(folder, MANIFEST), 'utf8').then(
      (text) => JSON.parse(text) as BundleManifest,
      () => undefined,
    );
    if (!manifest || manifest.cacheKey !== this.cacheKey) return undefined;
    const bundleFile = path.join(folder, manifest.bundleFile);
    if (!existsSync(bundleFile)) return undefined;
    const hashes = await currentHashes(Object.keys(manifest.inputs));
    for (const [file, hash] of hashes) if (hash !== manifest.inputs[file]) return undefined;
    return bundleFile;
  }

  private async buildBundle(folder: string, entryFile: string): Promise<string> {
    const sourceHashes = new Map<string, string>();
    const absWorkingDir = path.dirname(entryFile);
    const result = await build({
      ...functionBundleOptions,
      entryPoints: [entryFile],
      absWorkingDir,
      outfile: path.join(folder, 'index.js'),
      write: false,
      metafile: true,
      sourcemap: 'inline',
      sourcesContent: false,
      plugins: [externalWxServerSdk(this.sdkEntry), recordSourceHashes(sourceHashes)],
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced no output for ${entryFile}`);

    const inputFiles = Object.keys(result.metafile.inputs).map((input) => path.resolve(absWorkingDir, input));
    const dependencyHashes = await currentHashes(inputFiles.filter((file) => !sourceHashes.has(file)));
    const inputs: Record<string, string> = {};
    for (const [file, hash] of [...sourceHashes, ...dependencyHashes]) if (hash) inputs[file] = hash;

    // Named by content so an instance that loads an older build never finds its file rewritten underneath it.
    const bundleName = `index.${hashContent(output.contents).slice(0, 16)}.js`;
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(path.join(folder, bundleName), output.contents);
    const manifest: BundleManifest = { cacheKey: this.cacheKey, bundleFile: bundleName, inputs };
    await writeFileAtomic(path.join(folder, MANIFEST), JSON.stringify(manifest, null, 2));
    return path.join(folder, bundleName);
  }

  /** Old bundles are removed once per session, never later, because a running instance may still load one. */
  private async pruneOnce(folder: string, keep: string): Promise<void> {
    if (this.prunedFolders.has(folder)) return;
    this.prunedFolders.add(folder);
    const stale = (await readdir(folder)).filter(
      (file) => /^index\..+\.js$/.test(file) && file !== path.basename(keep),
    );
    await Promise.all(stale.map((file) => rm(path.join(folder, file), { force: true })));
  }
}
