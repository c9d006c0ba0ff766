/**
 * Builds the admin page for a browser test file into a throwaway folder. The folder exists at once (the emulator
 * can be started on it) and the build runs beside the test's data setup; `ready` resolves when it is complete.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface AdminBuild {
  dir: string;
  ready: Promise<void>;
  remove(): void;
}

export function buildAdmin(): AdminBuild {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-build-'));
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(repoRoot, 'admin', 'vite.config.mts');
  // Vite 8 is ESM-only, so it runs as its own process rather than inside jest's CommonJS module registry.
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', config, '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${errors}`))));
  });
  return { dir, ready, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
