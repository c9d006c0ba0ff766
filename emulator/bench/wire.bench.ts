/**
 * emulator.opRatioVsEcho: median latency of a fixed mix (add, doc get, indexed where+orderBy+limit, `_.inc`
 * update) through the real wx-server-sdk against the emulator holding 10,000 products, divided by the same mix
 * against the canned-reply server, measured in alternating blocks of the same run.
 * emulator.opsPerSecond: the same mix from 16 concurrent callers against the emulator.
 * Both servers run as their own processes, as the emulator does for developers.
 */
import { freePort, median, spawnServer, type SpawnedServer } from './processes';

const DOCUMENTS = 10_000;
const CATEGORIES = 50;
const BLOCKS = 10;
const MIXES_PER_BLOCK = 100;

export default async function bench(): Promise<Record<string, number>> {
  const [emulatorPort, cannedPort] = [await freePort(), await freePort()];
  const emulator = await spawnServer('emulator/src/cli.ts', {
    CLOUDBASE_EMULATOR_PORT: String(emulatorPort),
    CLOUDBASE_EMULATOR_DATA: ':memory:',
  }, emulatorPort);
  const canned = await spawnServer('emulator/bench/canned-server.ts', { CANNED_PORT: String(cannedPort) }, cannedPort);
  try {
    const cloud = sdk();
    const ids = await fill(cloud, emulator);
    const onEmulator: number[] = [];
    const onCanned: number[] = [];
    for (let block = 0; block < BLOCKS + 1; block++) {
      for (const [server, samples] of [[emulator, onEmulator], [canned, onCanned]] as const) {
        const db = database(cloud, server);
        for (let i = 0; i < MIXES_PER_BLOCK; i++) {
          const started = performance.now();
          await mix(db, ids, i);
          // The first block warms connections and JIT on both sides and is not counted.
          if (block > 0) samples.push(performance.now() - started);
        }
      }
    }
    const opsPerSecond = await throughput(database(cloud, emulator), ids);
    return {
      'emulator.opRatioVsEcho': median(onEmulator) / median(onCanned),
      'emulator.mixMedianMs': median(onEmulator),
      'emulator.echoMixMedianMs': median(onCanned),
      'emulator.opsPerSecond': Math.round(opsPerSecond),
    };
  } finally {
    await Promise.all([emulator.stop(), canned.stop()]);
  }
}

function sdk(): any {
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID ??= 'bench';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'bench';
  process.env.SILENCE = 'true';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('wx-server-sdk');
}

function database(cloud: any, server: SpawnedServer): any {
  cloud.init({ env: 'local-dev', serviceUrl: `${server.url}/admin` });
  return cloud.database();
}

async function fill(cloud: any, emulator: SpawnedServer): Promise<string[]> {
  const db = database(cloud, emulator);
  const ids: string[] = [];
  for (let start = 0; start < DOCUMENTS; start += 500) {
    const batch = Array.from({ length: 500 }, (_, i) => product(start + i));
    const { _ids } = await db.collection('products').add({ data: batch });
    ids.push(..._ids);
  }
  return ids;
}

function product(n: number): Record<string, unknown> {
  return {
    title: `商品 ${n}`,
    categoryId: `c${n % CATEGORIES}`,
    priceFen: 1000 + (n % 977) * 10,
    stock: 1000,
    sort: n % 1000,
    onShelf: n % 10 !== 0,
  };
}

async function mix(db: any, ids: string[], i: number): Promise<void> {
  const products = db.collection('products');
  const id = ids[(i * 7919) % ids.length]!;
  await products.add({ data: product(DOCUMENTS + i) });
  await products.doc(id).get();
  await products.where({ onShelf: true, categoryId: `c${i % CATEGORIES}` }).orderBy('sort', 'desc').limit(10).get();
  await products.doc(id).update({ data: { stock: db.command.inc(-1) } });
}

async function throughput(db: any, ids: string[]): Promise<number> {
  const callers = 16;
  const durationMs = 3000;
  const deadline = performance.now() + durationMs;
  let mixes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, c) => {
      for (let i = c; performance.now() < deadline; i += callers) {
        await mix(db, ids, i);
        mixes++;
      }
    }),
  );
  return (mixes * 4 * 1000) / (performance.now() - started);
}
