/** Starts the function runner on the fixture functions with a private build folder and a captured log. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../src/clock';
import { createFunctionRunner, type FunctionRunnerOptions, type LocalFunctionRunner } from '../../src/functions';
import type { EmulatorContext } from '../../src/types';

export const fixturesDir = path.join(__dirname, '..', 'fixtures');
export const fixtureFunctionsDir = path.join(fixturesDir, 'functions');
export const fixtureCloudbaserc = path.join(fixturesDir, 'cloudbaserc.json');

export interface Harness {
  runner: LocalFunctionRunner;
  context: EmulatorContext;
  clock: VirtualClock;
  logs: string[];
  close(): Promise<void>;
}

export async function startRunner(
  overrides: Partial<FunctionRunnerOptions> & { baseUrl?: string } = {},
): Promise<Harness> {
  const clock = new VirtualClock();
  const context: EmulatorContext = {
    envId: 'test-env',
    appId: 'wx-test-app',
    clock,
    baseUrl: () => overrides.baseUrl ?? 'http://127.0.0.1:9',
  };
  const logs: string[] = [];
  const buildDir = mkdtempSync(path.join(os.tmpdir(), 'functions-test-build-'));
  const runner = await createFunctionRunner({
    functionsDir: fixtureFunctionsDir,
    cloudbasercPath: fixtureCloudbaserc,
    buildDir,
    log: (line) => logs.push(line),
    context,
    ...overrides,
  });
  const close = async (): Promise<void> => {
    await runner.close();
    rmSync(buildDir, { recursive: true, force: true });
  };
  return { runner, context, clock, logs, close };
}

export function resultOf<T>(outcome: Awaited<ReturnType<LocalFunctionRunner['invoke']>>): T {
  if (!outcome.ok) throw new Error(`invocation failed: ${outcome.code} ${outcome.message}`);
  return outcome.result as T;
}
