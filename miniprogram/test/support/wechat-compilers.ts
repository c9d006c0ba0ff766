/**
 * WeChat's own compilers, as DevTools and the upload run them: `wcc` (WXML and WXS → JavaScript) and `wcsc`
 * (WXSS → CSS), the native binaries of the npm package miniprogram-compiler. They work offline.
 *
 * npm installs the linux binaries without the executable bit (the package's own code chmods them on first use);
 * `ensureExecutable` does the same up front, so a clean `npm ci` works, and says plainly what to do if it cannot.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PLATFORM_DIR = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
const BIN_DIR = path.join(
  path.dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json')),
  'bin',
  PLATFORM_DIR,
);

export function compilerPath(name: 'wcc' | 'wcsc'): string {
  const binary = path.join(BIN_DIR, process.platform === 'win32' ? `${name}.exe` : name);
  ensureExecutable(binary);
  return binary;
}

function ensureExecutable(binary: string): void {
  if (process.platform === 'win32') return;
  try {
    fs.accessSync(binary, fs.constants.X_OK);
    return;
  } catch {
    // npm left it without the exec bit: set it, as miniprogram-compiler itself does.
  }
  try {
    fs.chmodSync(binary, 0o755);
  } catch (error) {
    throw new Error(`${binary} is not executable and could not be made so (${String(error)}): run chmod +x on it`);
  }
}

export interface CompileOutcome {
  ok: boolean;
  /** What the compiler wrote to stderr, or its exit status when it wrote nothing. */
  errors: string;
  outputBytes: number;
}

function run(binary: string, args: string[], cwd: string): CompileOutcome {
  const result = spawnSync(binary, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const stderr = result.stderr.toString().trim();
  const ok = result.status === 0 && stderr === '';
  return { ok, errors: ok ? '' : stderr || `exit status ${result.status}`, outputBytes: result.stdout.length };
}

/** The custom components each template uses (from its .json), which wcc is told about as DevTools does. */
function componentArgs(root: string, wxmlFiles: string[]): string {
  const entries: string[] = [];
  let count = 0;
  for (const file of wxmlFiles) {
    const json = path.join(root, file.replace(/\.wxml$/, '.json'));
    if (!fs.existsSync(json)) continue;
    const tags = Object.keys(
      (JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {},
    );
    if (!tags.length) continue;
    entries.push(file, String(tags.length), ...tags);
    count++;
  }
  return [String(count), ...entries].join(' ');
}

/** Compiles every given .wxml and .wxs (paths relative to `root`) in one wcc run, as a package is compiled. */
export function compileWxml(root: string, wxmlFiles: string[], wxsFiles: string[]): CompileOutcome {
  return run(
    compilerPath('wcc'),
    ['-d', '-cc', componentArgs(root, wxmlFiles), ...wxmlFiles, ...wxsFiles, '-gn', '$gwx'],
    root,
  );
}

/** Compiles every given .wxss (paths relative to `root`) in one wcsc run. */
export function compileWxss(root: string, wxssFiles: string[]): CompileOutcome {
  return run(compilerPath('wcsc'), ['-db', '-pc', '0', ...wxssFiles], root);
}

/** The files of the mini program WeChat compiles: everything but tests, scripts, docs and npm output. */
export function sourceFiles(root: string, extension: '.wxml' | '.wxs' | '.wxss'): string[] {
  const skip = new Set(['test', 'scripts', 'docs', 'node_modules', 'miniprogram_npm']);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skip.has(rel)) walk(rel);
      } else if (entry.name.endsWith(extension)) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}
