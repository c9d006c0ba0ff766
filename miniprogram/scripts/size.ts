/**
 * What an upload really carries, measured with WeChat's own packer: miniprogram-ci's `getCompiledResult` compiles
 * the project as `upload` would (project.config.json's settings and `packOptions`, the TypeScript plugin, unused
 * files dropped, miniprogram_npm as built) and hands back every file of the package. Prints
 *
 *   miniprogram.mainPackageBytes=<n>                 everything outside the subpackage roots (the 2 MB limit)
 *   miniprogram.subpackage.<root>Bytes=<n>           each subpackage (app.json subPackages)
 *   miniprogram.totalBytes=<n>
 *
 * and, with `--files`, the biggest files. It works offline and without an upload key: the only thing the packer
 * asks WeChat's servers for is the account's project attributes (size limits etc.); we hand it the defaults the
 * package itself falls back to, so nothing goes over the network (tested under `unshare -n`).
 *
 *   npm run size:miniprogram            (builds miniprogram_npm first, as DevTools' 构建 npm does)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as MiniprogramCi from 'miniprogram-ci';

const REPO = path.resolve(__dirname, '../..');
const MINIPROGRAM = path.resolve(__dirname, '..');

/** The attributes WeChat would answer for the account; miniprogram-ci's own fallback when it cannot ask. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config') as { DefaultProjectAttr: object };

async function compiledFiles(): Promise<Record<string, string | Buffer>> {
  const quiet = () => undefined;
  // The packer narrates its work on the console (from the moment it loads); keep stdout to the measurement lines.
  const narration = { log: console.log, info: console.info, warn: console.warn };
  Object.assign(console, { log: quiet, info: quiet, warn: quiet });
  // It also leaves an empty, hash-named folder in the working directory: give it a scratch one.
  const cwd = process.cwd();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-size-'));
  process.chdir(scratch);
  try {
    return await compileQuietly();
  } finally {
    process.chdir(cwd);
    fs.rmSync(scratch, { recursive: true, force: true });
    Object.assign(console, narration);
  }
}

async function compileQuietly(): Promise<Record<string, string | Buffer>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as typeof MiniprogramCi;
  const projectConfig = JSON.parse(fs.readFileSync(path.join(REPO, 'project.config.json'), 'utf8')) as {
    appid: string;
  };
  const project = new ci.Project({
    appid: projectConfig.appid,
    type: 'miniProgram',
    projectPath: REPO,
    // Never used: a key is only needed to sign requests to WeChat, and `attr` below means none is made.
    privateKey: 'offline-measurement',
    attr: async () => DefaultProjectAttr,
  } as ConstructorParameters<typeof ci.Project>[0]);
  return (await ci.getCompiledResult({
    project,
    version: '0.0.0',
    setting: { useProjectConfig: true },
    onProgressUpdate: () => undefined,
  })) as Record<string, string | Buffer>;
}

function bytes(content: string | Buffer): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.length;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(MINIPROGRAM, 'miniprogram_npm')))
    throw new Error('miniprogram/miniprogram_npm is missing: run npx tsx miniprogram/scripts/build-npm.ts');
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? []).map((sub) => `${sub.root.replace(/\/$/, '')}/`);
  const files = await compiledFiles();

  const sizes = { main: 0, total: 0, sub: new Map(roots.map((root) => [root, 0])) };
  for (const [file, content] of Object.entries(files)) {
    const size = bytes(content);
    sizes.total += size;
    const root = roots.find((candidate) => file.startsWith(candidate));
    if (root) sizes.sub.set(root, sizes.sub.get(root)! + size);
    else sizes.main += size;
  }
  console.log(`miniprogram.mainPackageBytes=${sizes.main}`);
  for (const [root, size] of sizes.sub) console.log(`miniprogram.subpackage.${root.replace(/\/$/, '')}Bytes=${size}`);
  console.log(`miniprogram.totalBytes=${sizes.total}`);
  // packOptions.ignore (paths relative to miniprogramRoot) must keep the dev-only files out of the upload.
  const devOnly = Object.keys(files).filter((file) => /^(test|scripts|docs)\//.test(file) || file.endsWith('.md'));
  if (devOnly.length) {
    console.error(
      `dev-only files would be uploaded (fix packOptions.ignore in project.config.json): ${devOnly.join(', ')}`,
    );
    process.exitCode = 1;
  }
  if (process.argv.includes('--files')) {
    const biggest = Object.entries(files)
      .map(([file, content]) => [file, bytes(content)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30);
    for (const [file, size] of biggest) console.log(`${String(size).padStart(9)}  ${file}`);
  }
}

main().then(
  // The packer leaves worker processes behind; the measurement is done.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
