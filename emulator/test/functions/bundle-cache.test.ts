import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FunctionBundler } from '../../src/functions/function-bundler';
import { resolveWxServerSdk } from '../../src/functions/repo-paths';

const repoRoot = path.join(__dirname, '..', '..', '..');

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
