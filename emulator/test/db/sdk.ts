/**
 * Connects the real wx-server-sdk (a per-process singleton; jest gives each test file its own) to a fresh
 * in-memory engine behind the wire fixture.
 */
import { VirtualClock } from '../../src/clock';
import { createDatabase, type DatabaseOptions, type LocalDatabase } from '../../src/db';
import type { DatabaseSchema } from '../../src/types';
import { startWireServer, type WireServer } from './wire-server';

export type SdkDatabase = any;

export interface SdkHarness {
  cloud: any;
  db: SdkDatabase;
  engine: LocalDatabase;
  server: WireServer;
  clock: VirtualClock;
  /** A second engine with other options, wired to the same SDK. */
  swapEngine(options: Partial<DatabaseOptions>): Promise<LocalDatabase>;
  close(): Promise<void>;
}

export async function connectSdk(schema: DatabaseSchema, options: Partial<DatabaseOptions> = {}): Promise<SdkHarness> {
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID = 'x';
  process.env.TENCENTCLOUD_SECRETKEY = 'y';
  process.env.SILENCE = 'true';
  const clock = new VirtualClock();
  const engines: LocalDatabase[] = [];
  const open = async (extra: Partial<DatabaseOptions>) => {
    const engine = await createDatabase({ dataDir: ':memory:', clock, schema, ...options, ...extra });
    engines.push(engine);
    return engine;
  };
  const engine = await open({});
  const server = await startWireServer(engine);

  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'test-env', serviceUrl: `${server.url}/admin` });
  return {
    cloud,
    db: cloud.database(),
    engine,
    server,
    clock,
    async swapEngine(extra) {
      const next = await open(extra);
      server.use(next);
      return next;
    },
    async close() {
      await server.close();
      for (const opened of engines) await opened.close();
    },
  };
}

/** The rejection of a promise that must fail. */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
