import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDeployableFunctions } from '../_tools/deployable-build';
import { FunctionBundler } from '../../emulator/src/functions/function-bundler';
import { resolveWxServerSdk } from '../../emulator/src/functions/repo-paths';
import { fixtureFunctionsDir } from '../../emulator/test/functions/runner-harness';

const repoRoot = path.join(__dirname, '..', '..');

describe('deployable build', () => {
  // Inside the repository so the built index.js can require wx-server-sdk from the repo's node_modules.
  const outDir = path.join(repoRoot, '.cloudbase-local', `functions-dist-test-${process.pid}`);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes index.js, package.json with wx-server-sdk and config.json per function', async () => {
    const built = await buildDeployableFunctions({ functionsDir: fixtureFunctionsDir, outDir });
    expect(built.map((fn) => fn.name).sort()).toEqual(['caller', 'clock', 'counter', 'crasher', 'hog', 'slow', 'thrower', 'whoami']);

    const whoamiDir = path.join(outDir, 'whoami');
    const rootManifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(JSON.parse(readFileSync(path.join(whoamiDir, 'package.json'), 'utf8'))).toEqual({
      name: 'whoami',
      version: '1.0.0',
      main: 'index.js',
      dependencies: { 'wx-server-sdk': rootManifest.dependencies['wx-server-sdk'] },
    });
    expect(readFileSync(path.join(whoamiDir, 'config.json'), 'utf8')).toBe(
      readFileSync(path.join(fixtureFunctionsDir, 'whoami', 'config.json'), 'utf8'),
    );
    expect(existsSync(path.join(outDir, 'thrower', 'config.json'))).toBe(false);

    const bundle = readFileSync(path.join(whoamiDir, 'index.js'), 'utf8');
    expect(bundle).toContain('require("wx-server-sdk")');
    expect(bundle).not.toContain('_shared/sleep');
  });

  it('produces bundles whose main runs', async () => {
    const whoami = require(path.join(outDir, 'whoami', 'index.js')) as { main: unknown };
    expect(typeof whoami.main).toBe('function');
    const slow = require(path.join(outDir, 'slow', 'index.js')) as { main: (event: { ms: number }) => Promise<unknown> };
    await expect(slow.main({ ms: 1 })).resolves.toEqual({ slept: 1 });
  });
});

describe('local bundle cache', () => {
  const scratch = path.join(repoRoot, '.cloudbase-local', `functions-cache-test-${process.pid}`);
  const entry = path.join(scratch, 'src', 'fn', 'index.ts');
  const helper = path.join(scratch, 'src', 'shared.ts');
  let buildDir: string;

  beforeAll(() => {
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(helper, 'export const answer = 41;\n');
    writeFileSync(entry, "import { answer } from '../shared';\nexport const main = async () => answer + 1;\n");
    buildDir = mkdtempSync(path.join(os.tmpdir(), 'functions-cache-test-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('reuses a bundle across bundlers while its sources are unchanged and rebuilds when an import changes', async () => {
    const sdk = resolveWxServerSdk(scratch);
    const first = await new FunctionBundler(buildDir, sdk).bundle('fn', entry);
    const builtAt = statSync(path.join(buildDir, 'fn', 'manifest.json')).mtimeMs;
    const again = await new FunctionBundler(buildDir, sdk).bundle('fn', entry);
    expect(again).toBe(first);
    expect(statSync(path.join(buildDir, 'fn', 'manifest.json')).mtimeMs).toBe(builtAt);

    writeFileSync(helper, 'export const answer = 99;\n');
    const rebuilt = await new FunctionBundler(buildDir, sdk).bundle('fn', entry);
    expect(rebuilt).not.toBe(first);
    expect(readFileSync(rebuilt, 'utf8')).toContain('99');
    expect(existsSync(first)).toBe(false);
  });
});
