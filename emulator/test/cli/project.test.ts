/**
 * Where a project's settings come from: flags over environment over its own file, or its package.json key.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveProject } from '../../src/project';

function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emulator-project-'));
  writeFileSync(path.join(dir, 'cloudbaserc.json'), JSON.stringify({ functionRoot: './fns' }));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

test("package.json's cloudbaseEmulator key configures a project that keeps no file of its own", () => {
  const dir = project({
    'package.json': { name: 'x', cloudbaseEmulator: { functions: 'src/fns', seed: 'db/seed.js' } },
  });
  const resolved = resolveProject({ projectDir: dir }, {});
  expect(resolved.functionsDir).toBe(path.join(dir, 'src/fns'));
  expect(resolved.seedModule).toBe(path.join(dir, 'db/seed.js'));
});

test('cloudbase-emulator.json wins over the package.json key, and flags win over both', () => {
  const dir = project({
    'package.json': { cloudbaseEmulator: { functions: 'from-package' } },
    'cloudbase-emulator.json': { functions: 'from-file' },
  });
  expect(resolveProject({ projectDir: dir }, {}).functionsDir).toBe(path.join(dir, 'from-file'));
  expect(resolveProject({ projectDir: dir, functionsDir: '/flag' }, {}).functionsDir).toBe('/flag');
});

test("without either, the functions come from cloudbaserc.json's functionRoot", () => {
  const dir = project({ 'package.json': { name: 'plain' } });
  expect(resolveProject({ projectDir: dir }, {}).functionsDir).toBe(path.join(dir, 'fns'));
});
