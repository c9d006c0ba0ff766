import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildDeployableFunctions } from '../_tools/deployable-build';
import { fixtureFunctionsDir } from '../../emulator/test/functions/runner-harness';

const repoRoot = path.join(__dirname, '..', '..');

/** `npm run build:functions`: the bundles uploaded by `npm run deploy`. */
describe('deployable build', () => {
  // Inside the repository so the built index.js can require wx-server-sdk from the repo's node_modules.
  const outDir = path.join(repoRoot, '.cloudbase-local', `functions-dist-test-${process.pid}`);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes index.js, package.json with wx-server-sdk and config.json per function', async () => {
    const built = await buildDeployableFunctions({ functionsDir: fixtureFunctionsDir, outDir });
    expect(built.map((fn) => fn.name).sort()).toEqual([
      'caller',
      'clock',
      'counter',
      'crasher',
      'hog',
      'slow',
      'thrower',
      'whoami',
    ]);

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
    const slow = require(path.join(outDir, 'slow', 'index.js')) as {
      main: (event: { ms: number }) => Promise<unknown>;
    };
    await expect(slow.main({ ms: 1 })).resolves.toEqual({ slept: 1 });
  });
});
