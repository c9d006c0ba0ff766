/**
 * The conformance suites' harness: one in-memory emulator per test file (on the tiny fixture project, so nothing
 * of the shop is involved) and both server SDKs pointed at its wire endpoint `<url>/admin` with `serviceUrl`:
 * `wx-server-sdk` (cloud functions) and `@cloudbase/node-sdk` (admin side). Each client hides its SDK's call
 * shapes (`add({data})` vs `add(doc)`, `{list}` vs `{data}`), so one table of cases runs through both.
 */
import path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';

export type Doc = Record<string, any>;

export interface Client {
  name: 'wx-server-sdk' | '@cloudbase/node-sdk';
  db: any;
  _: any;
  $: any;
  find(collection: string, where?: Doc, orderBy?: [string, 'asc' | 'desc']): Promise<Doc[]>;
  aggregate(collection: string, build: (pipeline: any) => any): Promise<Doc[]>;
  add(collection: string, data: Doc): Promise<string>;
  get(collection: string, id: string): Promise<Doc>;
  update(collection: string, id: string, data: Doc): Promise<number>;
  set(collection: string, id: string, data: Doc): Promise<number>;
  /** The code an SDK error carries: wx-server-sdk's numeric errCode, node-sdk's string code. */
  errorCode(error: any): string | number;
}

export interface Conformance {
  emulator: Emulator;
  clients: Client[];
  seed(collection: string, docs: Doc[]): Promise<void>;
}

const tinyProject = path.resolve(__dirname, '../fixtures/tiny-project');

function wxClient(url: string): Client {
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID ??= 'local-secret-id';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'local-secret-key';
  process.env.SILENCE = 'true';
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'local-dev', serviceUrl: `${url}/admin` });
  const db = cloud.database();
  return {
    name: 'wx-server-sdk',
    db,
    _: db.command,
    $: db.command.aggregate,
    async find(collection, where = {}, orderBy = ['_id', 'asc']) {
      return (
        await db
          .collection(collection)
          .where(where)
          .orderBy(...orderBy)
          .get()
      ).data;
    },
    async aggregate(collection, build) {
      return (await build(db.collection(collection).aggregate()).end()).list;
    },
    async add(collection, data) {
      return (await db.collection(collection).add({ data }))._id;
    },
    async get(collection, id) {
      return (await db.collection(collection).doc(id).get()).data;
    },
    async update(collection, id, data) {
      return (await db.collection(collection).doc(id).update({ data })).stats.updated;
    },
    async set(collection, id, data) {
      return (await db.collection(collection).doc(id).set({ data })).stats.updated;
    },
    errorCode: (error) => error.errCode,
  };
}

function nodeClient(url: string): Client {
  const tcb = require('@cloudbase/node-sdk');
  const app = tcb.init({
    env: 'local-dev',
    serviceUrl: `${url}/admin`,
    secretId: 'local-secret-id',
    secretKey: 'local-secret-key',
  });
  const db = app.database();
  return {
    name: '@cloudbase/node-sdk',
    db,
    _: db.command,
    $: db.command.aggregate,
    async find(collection, where = {}, orderBy = ['_id', 'asc']) {
      return (
        await db
          .collection(collection)
          .where(where)
          .orderBy(...orderBy)
          .get()
      ).data;
    },
    async aggregate(collection, build) {
      return (await build(db.collection(collection).aggregate()).end()).data;
    },
    async add(collection, data) {
      return (await db.collection(collection).add(data)).id;
    },
    async get(collection, id) {
      return (await db.collection(collection).doc(id).get()).data[0];
    },
    async update(collection, id, data) {
      return (await db.collection(collection).doc(id).update(data)).updated;
    },
    async set(collection, id, data) {
      return (await db.collection(collection).doc(id).set(data)).updated;
    },
    errorCode: (error) => error.code,
  };
}

/** Starts the emulator in beforeAll and hands back the clients once it runs. */
export function useConformance(): Conformance {
  const state: Partial<Conformance> = {};
  beforeAll(async () => {
    const emulator = await startEmulator({
      port: 0,
      dataDir: ':memory:',
      projectDir: tinyProject,
      schema: { collections: {} },
    });
    state.emulator = emulator;
    state.clients = [wxClient(emulator.url), nodeClient(emulator.url)];
    state.seed = (collection, docs) => emulator.services.db.seed(collection, docs);
  });
  afterAll(async () => {
    await state.emulator?.close();
  });
  return state as Conformance;
}

export const ids = (docs: Doc[]): string[] => docs.map((doc) => doc._id as string);
