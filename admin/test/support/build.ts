/**
 * The admin page as the browser tests serve it: built once per version of its sources, not once per test file.
 *
 * The build goes into `<tmp>/admin-test-builds/<hash>`, where the hash covers every file the page is built from
 * (`admin/src`, `index.html`, the Vite config, the contract and core sources it imports, the type-only store modules,
 * and `package-lock.json` for the versions of Vite, Vue and TDesign). The first test file to need a version builds it
 * while holding a lock (a directory made atomically, with the builder's pid); the others wait for its `.complete`
 * marker, and take over if the builder died. A complete folder is never written again. The folder exists at once, so
 * the emulator can be started on it while the build (or the wait) runs beside the test's data setup; `ready` resolves
 * when it is complete. Why: nine browser test files each spent a Vite build (10–25 s on two busy cores) on the same
 * sources.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const CACHE = path.join(os.tmpdir(), 'admin-test-builds');
/** What the page is built from. A page module importing (at run time) from elsewhere must be added here. */
const SOURCES = [
  'admin/src',
  'admin/index.html',
  'admin/vite.config.mts',
  'contract/src',
  'core/src',
  'cloudfunctions/_shared/store',
  'package-lock.json',
];
const COMPLETE = '.complete';
/** Cached builds unused for this long are removed when a new one is made (other checkouts share the folder). */
const STALE_MS = 24 * 3_600_000;

export interface AdminBuild {
  dir: string;
  ready: Promise<void>;
  /** Kept for the callers' symmetry: a cached build outlives the test file that used it. */
  remove(): void;
}

function filesUnder(relative: string): string[] {
  const absolute = path.join(repoRoot, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repoRoot, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function viteBuild(outDir: string): Promise<void> {
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(repoRoot, 'admin', 'vite.config.mts');
  // Vite 8 is ESM-only, so it runs as its own process rather than inside jest's CommonJS module registry.
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${errors}`))));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the build lock, or clears one whose holder is gone; true when this process holds it. */
function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    let pid = 0;
    try {
      pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      // Being taken (no pid yet) or just released: look again on the next round.
    }
    // A lock whose builder died is cleared for the next try.
    if (pid > 0 && !alive(pid)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function pruneStale(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const folder = path.join(CACHE, name);
    if (name === keep || name.endsWith('.lock')) continue;
    const marker = path.join(folder, COMPLETE);
    const usedAt = existsSync(marker) ? statSync(marker).mtimeMs : statSync(folder).mtimeMs;
    if (Date.now() - usedAt > STALE_MS) rmSync(folder, { recursive: true, force: true });
  }
}

async function buildOnce(dir: string, name: string): Promise<void> {
  const marker = path.join(dir, COMPLETE);
  const lock = path.join(CACHE, `${name}.lock`);
  for (;;) {
    if (existsSync(marker)) {
      // Marks it as used, so pruning by another checkout leaves it alone.
      const now = new Date();
      utimesSync(marker, now, now);
      return;
    }
    if (tryLock(lock)) {
      try {
        if (existsSync(marker)) continue;
        await viteBuild(dir);
        writeFileSync(marker, new Date().toISOString());
        pruneStale(name);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function buildAdmin(): AdminBuild {
  const name = sourceHash();
  const dir = path.join(CACHE, name);
  mkdirSync(dir, { recursive: true });
  const ready = buildOnce(dir, name);
  // Awaited later (after the data setup); a failure must not count as unhandled before then.
  ready.catch(() => undefined);
  return { dir, ready, remove: () => undefined };
}
