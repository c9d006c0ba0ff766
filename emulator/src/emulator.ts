/**
 * One local CloudBase: database, function runner, timers, cloudPay, open APIs, storage, HTTP access and static
 * hosting behind a single HTTP port, as the real wx-server-sdk expects to find them.
 */
import http from 'node:http';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { VirtualClock } from './clock';
import { createDatabase } from './db';
import { createFunctionRunner } from './functions';
import { createPayService } from './services/pay';
import { createTransferService, TRANSFER_PATH_PREFIX } from './services/transfer';
import { createOpenApiService } from './services/openapi';
import { createStorageService } from './services/storage';
import { createTimerScheduler } from './timers';
import type { DatabaseSchema, EmulatorContext } from './types';
import type { EmulatorServices } from './services-registry';
import { handleWire } from './http/wire';
import { handleDevApi } from './http/dev-api';
import { findHttpRoute, handleHttpAccess } from './http/http-access';
import { serveStatic } from './http/static-hosting';
import { sendBytes, sendJson, readBody } from './http/io';
import { loadHttpRoutes, loadSchema } from './config-files';
import { loadSeedModule, resolveProject, type ResolvedProject, type SeedFunction } from './project';
import { loadSeed } from './seed';
import { FaultRegistry } from './faults';
import { findFunctionRulesFile, loadFunctionRules } from './functions/security-rules';
import { resolveDataKey } from './data-key';

export const DEFAULT_PORT = 9100;

export interface EmulatorOptions {
  /** 0 picks a free port. Default: CLOUDBASE_EMULATOR_PORT, else 9100. */
  port?: number;
  /** A directory, or ':memory:'. Default: CLOUDBASE_EMULATOR_DATA, else the project's, else .cloudbase-local/. */
  dataDir?: string;
  /** The project (default: the nearest folder at or above the working directory holding a cloudbaserc.json). */
  projectDir?: string;
  functionsDir?: string;
  cloudbasercPath?: string;
  /** The function security rules file; default: `security-rules.json` in the functions folder or beside cloudbaserc.json. */
  functionRulesPath?: string;
  schema?: DatabaseSchema;
  staticDir?: string;
  /** Database schema file, when `schema` is not given (default: the project's, if it names one). */
  schemaPath?: string;
  /** Seed module, when `seed` is not given (default: the project's, if it names one). */
  seedModule?: string;
  /** What `reset({seed: true})` loads (default: the seed module's export). */
  seed?: SeedFunction;
  envId?: string;
  appId?: string;
  /** Rebuild functions when their sources change. */
  watch?: boolean;
  /** Fire timers on their schedule in real time (tests usually fire them by hand or by clock jumps). */
  runTimers?: boolean;
  maxInstancesPerFunction?: number;
  transactionTimeoutMs?: number;
  /**
   * No-table-scan mode (MongoDB's `notablescan`): a query that would read every document of a collection holding
   * more than this many fails with DATABASE_REQUEST_FAILED. Default: CLOUDBASE_EMULATOR_NOTABLESCAN, else off.
   */
  noTableScanAbove?: number;
  /** SHOP_DATA_KEY for the functions; default: the emulator's SHOP_DATA_KEY, else one kept in the data folder. */
  dataKey?: string;
  log?: (line: string) => void;
}

export interface Emulator {
  url: string;
  port: number;
  services: EmulatorServices;
  /** Where the project's parts were found (for the ready banner). */
  project: ResolvedProject;
  close(): Promise<void>;
}

/** `/admin`, `/admin?env=…` or `/admin/…`: the SDK's wire endpoint. */
function isWirePath(requestUrl: string): boolean {
  if (!requestUrl.startsWith('/admin')) return false;
  const next = requestUrl.charAt('/admin'.length);
  return next === '' || next === '?' || next === '/';
}

export function resolvePort(explicit?: number): number {
  if (explicit !== undefined) return explicit;
  const fromEnv = Number(process.env.CLOUDBASE_EMULATOR_PORT);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_PORT;
}

/** The no-table-scan threshold: the option, else CLOUDBASE_EMULATOR_NOTABLESCAN (a document count), else off. */
export function resolveNoTableScan(explicit?: number): number | undefined {
  if (explicit !== undefined) return explicit;
  const raw = process.env.CLOUDBASE_EMULATOR_NOTABLESCAN;
  if (raw === undefined || raw === '' || raw === 'off') return undefined;
  const fromEnv = Number(raw);
  if (!Number.isInteger(fromEnv) || fromEnv < 0)
    throw new Error(`CLOUDBASE_EMULATOR_NOTABLESCAN must be a document count, got ${raw}`);
  return fromEnv;
}

export function resolveDataDir(explicit?: string): string {
  return resolveProject({ dataDir: explicit }).dataDir;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.log ?? (() => undefined);
  const project = resolveProject(options);
  const dataDir = project.dataDir;
  const inMemory = dataDir === ':memory:';
  const clock = new VirtualClock(inMemory ? undefined : path.join(dataDir, 'clock.json'));
  let baseUrl = '';
  const context: EmulatorContext = {
    envId: options.envId ?? 'local-dev',
    appId: options.appId ?? 'wx0000000000local',
    clock,
    baseUrl: () => baseUrl,
    functionSecrets: { SHOP_DATA_KEY: resolveDataKey(dataDir, options.dataKey) },
  };
  const cloudbasercPath = project.cloudbasercPath;
  const functionsDir = project.functionsDir;
  // Read before anything starts: a rules file that cannot be understood must stop the emulator, not open functions.
  const functionRules = loadFunctionRules(
    findFunctionRulesFile({ explicit: options.functionRulesPath, functionsDir, cloudbasercPath }),
  );
  // Bundles are content-addressed, so a persistent emulator reuses them across restarts; an in-memory one
  // (tests, benchmarks) keeps its own throwaway folder so parallel emulators never share one.
  const buildDir = inMemory
    ? mkdtempSync(path.join(os.tmpdir(), 'cloudbase-emulator-build-'))
    : path.join(dataDir, 'build');
  const db = await createDatabase({
    dataDir: inMemory ? ':memory:' : path.join(dataDir, 'db'),
    clock,
    schema: options.schema ?? (project.schemaPath ? loadSchema(project.schemaPath) : { collections: {} }),
    transactionTimeoutMs: options.transactionTimeoutMs,
    noTableScanAbove: resolveNoTableScan(options.noTableScanAbove),
  });
  const functions = await createFunctionRunner({
    functionsDir,
    cloudbasercPath,
    context,
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    buildDir,
    log,
    watch: options.watch,
  });
  const invoke = functions.invoke.bind(functions);
  const pay = createPayService({ context, invoke });
  const transfer = createTransferService({ context, invoke });
  const openapi = createOpenApiService({
    context,
    permissionsOf: (name) => functions.get(name)?.openapiPermissions ?? [],
  });
  const storage = createStorageService({ context, dir: inMemory ? ':memory:' : path.join(dataDir, 'storage') });
  const timers = createTimerScheduler({ clock, functions: () => functions.list(), invoke, log });
  const httpRoutes = loadHttpRoutes(cloudbasercPath);
  const staticDir = project.staticDir;
  // The seed module loads on first use: a project that never seeds never pays for (or breaks on) importing it.
  const seedSource: (() => SeedFunction) | undefined = options.seed
    ? () => options.seed as SeedFunction
    : project.seedModule
      ? () => loadSeedModule(project.seedModule as string)
      : undefined;

  const services: EmulatorServices = {
    context,
    db,
    functions,
    functionRules,
    pay,
    transfer,
    openapi,
    storage,
    timers,
    faults: new FaultRegistry(),
    killSender: (token, reason) => typeof token === 'string' && token !== '' && functions.killInvocation(token, reason),
    callerOfToken: (token) => (typeof token === 'string' && token ? functions.callerForApiToken(token) : undefined),
    async reset({ seed = false } = {}) {
      const seedFunction = seedSource;
      clock.resetToRealTime();
      services.faults.reset();
      timers.reset();
      pay.reset();
      transfer.reset();
      openapi.reset();
      storage.reset();
      await db.reset();
      if (!seed) return {};
      if (!seedFunction)
        throw new Error('no seed configured: name a seed module in cloudbase-emulator.json or pass --seed');
      return { seeded: await loadSeed(services, seedFunction()) };
    },
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log(`[emulator] ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'SYS_ERR', message: String(error) } });
      else res.destroy();
    });
  });
  // The SDK keeps connections alive across calls; keep ours open at least as long as its agent does.
  server.keepAliveTimeout = 60_000;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Every SDK call lands here: recognise the wire endpoint before paying for a URL parse.
    if (req.method === 'POST' && isWirePath(req.url ?? '')) return handleWire(req, res, services);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    if (pathname.startsWith('/_emulator/storage/upload/') && req.method === 'PUT') {
      storage.put(decodeURIComponent(pathname.slice('/_emulator/storage/upload/'.length)), await readBody(req));
      return sendBytes(res, 200, Buffer.alloc(0), 'application/xml');
    }
    if (pathname.startsWith(TRANSFER_PATH_PREFIX)) return transfer.handle(req, res, pathname);
    if (pathname.startsWith('/_emulator/')) {
      if (await handleDevApi(req, res, pathname, services)) return;
      return sendJson(res, 404, {
        error: { code: 'NOT_FOUND', message: `no emulator route ${req.method} ${pathname}` },
      });
    }
    const httpRoute = findHttpRoute(httpRoutes, pathname);
    if (httpRoute) return handleHttpAccess(req, res, url, httpRoute, services);
    if ((req.method === 'GET' || req.method === 'HEAD') && staticDir) return serveStatic(res, staticDir, pathname);
    sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.method} ${pathname}` } });
  }

  const port = resolvePort(options.port);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${actualPort}`;
  // The functions reach the simulated 商家转账 with the real client, keyed by what this emulator issued.
  context.functionSecrets = { ...transfer.functionEnv(baseUrl), ...context.functionSecrets };
  if (options.runTimers) timers.start();

  return {
    url: baseUrl,
    port: actualPort,
    services,
    project: { ...project, dataDir, staticDir },
    async close() {
      timers.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await functions.close();
      await db.close();
      if (inMemory) rmSync(buildDir, { recursive: true, force: true });
    },
  };
}
