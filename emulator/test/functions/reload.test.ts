import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startRunner, resultOf, type Harness } from './runner-harness';

// Inside the repository, so the bundles find wx-server-sdk and the folder is git-ignored.
const scratchDir = path.join(__dirname, '..', '..', '..', '.cloudbase-local', `functions-reload-test-${process.pid}`);
const functionsDir = path.join(scratchDir, 'functions');

function writeVersion(name: string, version: string): void {
  mkdirSync(path.join(functionsDir, name), { recursive: true });
  writeFileSync(
    path.join(functionsDir, name, 'index.ts'),
    `const loadedVersion = '${version}';\nexport async function main() { return loadedVersion; }\n`,
  );
}

let harness: Harness | undefined;

beforeEach(() => {
  rmSync(scratchDir, { recursive: true, force: true });
  writeVersion('versioned', 'v1');
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  rmSync(scratchDir, { recursive: true, force: true });
});

const versionOf = async (h: Harness, name = 'versioned'): Promise<string> =>
  resultOf<string>(await h.runner.invoke(name, {}, { source: 'scf' }));

it('reload(name) rebuilds after a source change and replaces the warm instance', async () => {
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined });
  expect(await versionOf(harness)).toBe('v1');
  writeVersion('versioned', 'v2');
  expect(await versionOf(harness)).toBe('v1');
  await harness.runner.reload('versioned');
  expect(await versionOf(harness)).toBe('v2');
});

it('lets an in-flight invocation finish on the old code when reloading', async () => {
  mkdirSync(path.join(functionsDir, 'lingering'), { recursive: true });
  writeFileSync(
    path.join(functionsDir, 'lingering', 'index.ts'),
    `export async function main() { await new Promise((r) => setTimeout(r, 300)); return 'old'; }\n`,
  );
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined });
  const inFlight = harness.runner.invoke('lingering', {}, { source: 'scf' });
  await new Promise((resolve) => setTimeout(resolve, 150));
  writeFileSync(path.join(functionsDir, 'lingering', 'index.ts'), `export async function main() { return 'new'; }\n`);
  await harness.runner.reload();
  expect(await inFlight).toMatchObject({ ok: true, result: 'old' });
  expect(await versionOf(harness, 'lingering')).toBe('new');
});

it('reload() discovers added and removed functions', async () => {
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined });
  writeVersion('added', 'a1');
  rmSync(path.join(functionsDir, 'versioned'), { recursive: true });
  await harness.runner.reload();
  expect(harness.runner.list().map((fn) => fn.name)).toEqual(['added']);
  expect(await versionOf(harness, 'added')).toBe('a1');
  expect(await harness.runner.invoke('versioned', {}, { source: 'scf' })).toMatchObject({ code: 'FUNCTION_NOT_FOUND' });
});

it('watch mode reloads when a source file is saved', async () => {
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined, watch: true });
  expect(await versionOf(harness)).toBe('v1');
  writeVersion('versioned', 'v3');
  const deadline = Date.now() + 5000;
  let seen = 'v1';
  while (seen !== 'v3' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await versionOf(harness);
  }
  expect(seen).toBe('v3');
});

it('watch mode keeps the warm instances of functions the change did not affect', async () => {
  mkdirSync(path.join(functionsDir, 'bystander'), { recursive: true });
  writeFileSync(
    path.join(functionsDir, 'bystander', 'index.ts'),
    `const instanceId = Math.random();\nexport async function main() { return instanceId; }\n`,
  );
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined, watch: true });
  const bystanderBefore = resultOf<number>(await harness.runner.invoke('bystander', {}, { source: 'scf' }));
  writeVersion('versioned', 'v5');
  const deadline = Date.now() + 5000;
  while ((await versionOf(harness)) !== 'v5' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await versionOf(harness)).toBe('v5');
  expect(resultOf<number>(await harness.runner.invoke('bystander', {}, { source: 'scf' }))).toBe(bystanderBefore);
});

it('reports a build error as a failed invocation and recovers once the source is fixed', async () => {
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined });
  writeFileSync(path.join(functionsDir, 'versioned', 'index.ts'), 'export async function main( {');
  await harness.runner.reload('versioned');
  const broken = await harness.runner.invoke('versioned', {}, { source: 'scf' });
  expect(broken).toMatchObject({
    ok: false,
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: expect.stringMatching(/Build of versioned failed/),
  });
  writeVersion('versioned', 'v4');
  await harness.runner.reload('versioned');
  expect(await versionOf(harness)).toBe('v4');
});

it('fails the invocation when module-scope code throws, and recovers once the code is fixed', async () => {
  mkdirSync(path.join(functionsDir, 'fragile'), { recursive: true });
  writeFileSync(
    path.join(functionsDir, 'fragile', 'index.ts'),
    `if (!process.env.READY_FLAG) throw new Error('config missing at load');\nexport async function main() { return 1; }\n`,
  );
  harness = await startRunner({ functionsDir, cloudbasercPath: undefined });
  const outcome = await harness.runner.invoke('fragile', {}, { source: 'scf' });
  expect(outcome).toMatchObject({
    ok: false,
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: expect.stringMatching(/^Error: config missing at load/),
  });
  writeFileSync(path.join(functionsDir, 'fragile', 'index.ts'), `export async function main() { return 2; }\n`);
  await harness.runner.reload('fragile');
  expect(await harness.runner.invoke('fragile', {}, { source: 'scf' })).toMatchObject({ ok: true, result: 2 });
});
