/**
 * Runs the project's cloud functions locally, unchanged, the way SCF runs them: each function is bundled with
 * esbuild and executed in a pool of warm worker-thread instances that get SCF's environment, event and context,
 * so the real wx-server-sdk inside talks to the emulator over CloudBase's wire protocol.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Caller, EmulatorContext, FunctionInfo, FunctionRunner, InvokeOutcome } from '../types';
import { ApiTokenRegistry, type TokenOwner } from './api-tokens';
import { discoverFunctions, type FunctionDefinition } from './discovery';
import { FunctionBundler } from './function-bundler';
import { FunctionInstance } from './function-instance';
import { hostEnv, platformEnv } from './instance-env';
import { InstancePool } from './instance-pool';
import { instanceWorkerScript } from './instance-worker-script';
import { buildInvokeMessage } from './invocation';
import { findPackageRoot, resolveWxServerSdk } from './repo-paths';
import { hashContent } from './source-hashes';
import { watchFolders } from './source-watcher';

export interface FunctionRunnerOptions {
  functionsDir: string;
  /** Default: cloudbaserc.json next to functionsDir. */
  cloudbasercPath?: string;
  context: EmulatorContext;
  maxInstancesPerFunction?: number;
  /** Where bundles are written. Default: a folder under the OS temp dir, one per functionsDir. */
  buildDir?: string;
  log?: (line: string) => void;
  /** Rebuild and recycle when files under functionsDir or the repo's core/ change. */
  watch?: boolean;
}

export interface LocalFunctionRunner extends FunctionRunner {
  /** Who is behind a `wxCloudApiToken`; undefined once the invocation that owned it has ended. */
  callerForApiToken(token: string): TokenOwner | undefined;
  killInvocation(token: string, reason: string): boolean;
}

const DEFAULT_MAX_INSTANCES = 10;
/** SCF gives initialisation its own limit, separate from (and much larger than) the invocation timeout. */
const INIT_TIMEOUT_MS = 30_000;

interface ReloadMode {
  /** Keep the warm instances of a function whose bundle and settings did not change. */
  keepUnchanged: boolean;
}

interface DeployedFunction {
  definition: FunctionDefinition;
  bundle: Promise<string>;
  pool: InstancePool;
}

export async function createFunctionRunner(options: FunctionRunnerOptions): Promise<LocalFunctionRunner> {
  const functionsDir = path.resolve(options.functionsDir);
  const buildDir =
    options.buildDir ?? path.join(os.tmpdir(), 'cloudbase-emulator-build', hashContent(functionsDir).slice(0, 12));
  const runner = new Runner(options, functionsDir, buildDir, await instanceWorkerScript(buildDir));
  runner.start();
  return runner;
}

class Runner implements LocalFunctionRunner {
  private readonly functions = new Map<string, DeployedFunction>();
  private readonly tokens = new ApiTokenRegistry();
  private readonly platformEnvs = new WeakMap<FunctionDefinition, Record<string, string>>();
  private readonly bundler: FunctionBundler;
  private readonly log: (line: string) => void;
  private readonly cloudbasercPath: string;
  private readonly packageRoot: string;
  private stopWatching: (() => void) | undefined;
  private reloads: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly options: FunctionRunnerOptions,
    private readonly functionsDir: string,
    buildDir: string,
    private readonly workerScript: string,
  ) {
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
    this.cloudbasercPath = options.cloudbasercPath ?? path.join(path.dirname(functionsDir), 'cloudbaserc.json');
    this.packageRoot = findPackageRoot(functionsDir);
    this.bundler = new FunctionBundler(buildDir, resolveWxServerSdk(functionsDir));
  }

  /** Bundles build in the background so the emulator is up at once and the first invocation rarely waits. */
  start(): void {
    for (const [name, definition] of this.discover()) this.deploy(name, definition);
    if (this.options.watch) {
      const folders = [this.functionsDir, path.join(this.packageRoot, 'core')];
      // A save in shared code reaches every function, so unaffected ones keep their warm instances.
      this.stopWatching = watchFolders(folders, () => {
        this.enqueueReload(undefined, { keepUnchanged: true }).catch((error: unknown) =>
          this.log(`[functions] reload failed: ${errorMessage(error)}`),
        );
      });
    }
  }

  list(): FunctionInfo[] {
    return [...this.functions.values()].map((deployed) => deployed.definition.info);
  }

  get(name: string): FunctionInfo | undefined {
    return this.functions.get(name)?.definition.info;
  }

  /** Kills the instance running the invocation that holds `token` (fault injection: a host dying mid-function). */
  killInvocation(token: string, reason: string): boolean {
    const owner = this.tokens.ownerOf(token);
    if (!owner) return false;
    return this.functions.get(owner.functionName)?.pool.kill(owner.requestId, reason) ?? false;
  }

  callerForApiToken(token: string): TokenOwner | undefined {
    return this.tokens.ownerOf(token);
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    const deployed = this.functions.get(name);
    if (!deployed) return { ok: false, code: 'FUNCTION_NOT_FOUND', message: `Function "${name}" not found`, requestId };
    const { definition, pool } = deployed;
    const apiToken = this.tokens.issue({ functionName: name, caller, requestId });
    const startedAt = performance.now();
    this.log(`[${name}] ${requestId} START`);
    try {
      const instanceEnv = this.platformEnvOf(definition);
      const message = buildInvokeMessage(
        { definition, event, caller, requestId, apiToken, instanceEnv },
        this.options.context,
      );
      const outcome = await pool.run(message, definition.info.timeoutMs);
      if (outcome.ok) return { ok: true, result: JSON.parse(outcome.resultJson) as unknown, requestId };
      this.log(`[${name}] ${requestId} ${outcome.code} ${outcome.message}`);
      return { ok: false, code: outcome.code, message: outcome.message, requestId };
    } catch (error) {
      // Only an event that is not JSON-serialisable gets here (instance failures arrive as outcomes).
      const message = `Invalid event: ${errorMessage(error)}`;
      this.log(`[${name}] ${requestId} FUNCTIONS_EXECUTE_FAIL ${message}`);
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message, requestId };
    } finally {
      this.tokens.revoke(apiToken);
      this.log(`[${name}] ${requestId} END`);
      this.log(`[${name}] ${requestId} REPORT duration=${(performance.now() - startedAt).toFixed(1)}ms`);
    }
  }

  /** The platform part of an instance's environment, fixed per deployed definition (redeploys bring a new one). */
  private platformEnvOf(definition: FunctionDefinition): Record<string, string> {
    let env = this.platformEnvs.get(definition);
    if (!env) this.platformEnvs.set(definition, (env = platformEnv(definition, this.options.context)));
    return env;
  }

  /** Waits for the rebuild; instances busy with an invocation are replaced when it ends. */
  reload(name?: string): Promise<void> {
    return this.enqueueReload(name, { keepUnchanged: false });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching?.();
    await Promise.all([...this.functions.values()].map((deployed) => deployed.pool.close()));
  }

  /** Reloads run one after another so two quick saves cannot interleave their rebuilds. */
  private enqueueReload(name: string | undefined, mode: ReloadMode): Promise<void> {
    const next = this.reloads.catch(() => undefined).then(() => this.reloadNow(name, mode));
    this.reloads = next;
    return next;
  }

  private async reloadNow(onlyName: string | undefined, mode: ReloadMode): Promise<void> {
    if (this.closed) return;
    const definitions = this.discover();
    const names = onlyName ? [onlyName] : [...new Set([...definitions.keys(), ...this.functions.keys()])];
    await Promise.all(names.map((name) => this.redeploy(name, definitions.get(name), mode)));
  }

  private async redeploy(name: string, definition: FunctionDefinition | undefined, mode: ReloadMode): Promise<void> {
    const deployed = this.functions.get(name);
    if (!definition) {
      this.functions.delete(name);
      await deployed?.pool.close();
      return;
    }
    if (!deployed) {
      await this.deploy(name, definition).bundle.catch(() => undefined);
      return;
    }
    const previousBundle = await deployed.bundle.catch(() => undefined);
    const previousSettings = JSON.stringify(deployed.definition);
    deployed.definition = definition;
    deployed.bundle = this.build(name, definition);
    const bundle = await deployed.bundle.catch(() => undefined);
    const unchanged =
      bundle !== undefined && bundle === previousBundle && previousSettings === JSON.stringify(definition);
    if (!(mode.keepUnchanged && unchanged)) deployed.pool.recycle();
  }

  private deploy(name: string, definition: FunctionDefinition): DeployedFunction {
    const deployed: DeployedFunction = {
      definition,
      bundle: this.build(name, definition),
      pool: new InstancePool((onExit) => this.startInstance(name, deployed, onExit), this.maxInstances),
    };
    this.functions.set(name, deployed);
    return deployed;
  }

  private build(name: string, definition: FunctionDefinition): Promise<string> {
    const bundle = this.bundler.bundle(name, definition.entryFile);
    bundle.catch((error: unknown) => this.log(`[${name}] build failed: ${errorMessage(error)}`));
    return bundle;
  }

  private async startInstance(
    name: string,
    deployed: DeployedFunction,
    onExit: (instance: FunctionInstance) => void,
  ): Promise<FunctionInstance> {
    const bundleFile = await deployed.bundle.catch((error: unknown) => {
      throw new Error(`Build of ${name} failed: ${errorMessage(error)}`);
    });
    const { definition } = deployed;
    return FunctionInstance.start({
      workerScript: this.workerScript,
      bundleFile,
      env: { ...hostEnv(), ...this.platformEnvOf(definition) },
      memorySizeMb: definition.memorySizeMb,
      clockOffsetMs: this.options.context.clock.offset,
      initTimeoutMs: INIT_TIMEOUT_MS,
      onLog: (requestId, text) => {
        for (const line of text.split('\n')) this.log(`[${name}] ${requestId} ${line}`);
      },
      onExit,
    });
  }

  private discover(): Map<string, FunctionDefinition> {
    return discoverFunctions(this.functionsDir, this.cloudbasercPath, this.log);
  }

  private get maxInstances(): number {
    return this.options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
