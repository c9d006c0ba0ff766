/**
 * A flash sale: 500 shoppers call placeOrder at once for a product with 100 in stock, through the emulator's
 * function runner and the real wx-server-sdk, against an emulator in its own process (as `npm run emulator` runs).
 * The function pool is started first (two calls per instance), as a live sale's instances would be running; their
 * code is still JIT-cold. Prints orders taken, units oversold (must be 0), orders per second over the whole burst,
 * the 99th percentile latency of a call and the pool size.
 *
 * The pool has two instances per core. On CloudBase each instance has its own slice of a machine; here they all
 * share this one, and every extra instance is one more V8 isolate compiling and collecting the same SDK code on the
 * same cores: on 2 cores, 4 instances took ~200 orders/s where 16 took ~150 (README, benchmarks).
 * Timers stay off during the burst: on CloudBase a timer's instance does not run on the shop's placeOrder cores.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { freePort, percentile, postJson, spawnServer } from './processes';

const SHOPPERS = 500;
const STOCK = 100;
const INSTANCES = 2 * availableParallelism();
const ADDRESS = {
  userName: '抢购用户',
  telNumber: '13800138000',
  provinceName: '广东省',
  cityName: '深圳市',
  countyName: '南山区',
  detailInfo: '科技园',
};

export default async function bench(): Promise<Record<string, number>> {
  const port = await freePort();
  const emulator = await spawnServer(
    'emulator/src/cli.ts',
    {
      CLOUDBASE_EMULATOR_PORT: String(port),
      CLOUDBASE_EMULATOR_DATA: ':memory:',
      CLOUDBASE_EMULATOR_MAX_INSTANCES: String(INSTANCES),
      CLOUDBASE_EMULATOR_TIMERS: 'off',
    },
    port,
  );
  const post = (route: string, body: unknown) => postJson<any>(`${emulator.url}${route}`, body);
  try {
    await post('/_emulator/reset', { seed: true });
    await seedFlashProduct(emulator.url);
    // Start every instance with real orders of another product (same code path as the sale's winners).
    await Promise.all(
      Array.from({ length: INSTANCES * 2 }, (_, i) =>
        post('/_emulator/functions/placeOrder', {
          data: { requestId: randomUUID(), items: [{ productId: 'p-warmup', quantity: 1 }], address: ADDRESS },
          openid: `o-warm-${i}`,
        }),
      ),
    );
    const latencies: number[] = [];
    let orders = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SHOPPERS }, async (_, i) => {
        const sent = performance.now();
        const reply = await post('/_emulator/functions/placeOrder', {
          data: { requestId: randomUUID(), items: [{ productId: 'p-flash', quantity: 1 }], address: ADDRESS },
          openid: `o-flash-${i}`,
        });
        latencies.push(performance.now() - sent);
        if (reply.result?.ok === true) orders++;
        else if (reply.result?.error?.code !== 'OUT_OF_STOCK')
          throw new Error(`unexpected answer ${JSON.stringify(reply)}`);
      }),
    );
    const elapsedMs = performance.now() - started;
    const product = (
      (await (await fetch(`${emulator.url}/_emulator/db/products`)).json()) as {
        data: Array<{ _id: string; stock: number }>;
      }
    ).data.find((p) => p._id === 'p-flash');
    const oversold = Math.max(0, orders - STOCK) + Math.max(0, -(product?.stock ?? 0));
    return {
      'flashSale.orders': orders,
      'flashSale.oversold': oversold,
      'flashSale.ordersPerSecond': Math.round((SHOPPERS / elapsedMs) * 1000),
      'flashSale.p99Ms': Math.round(percentile(latencies, 99)),
      'flashSale.instances': INSTANCES,
    };
  } finally {
    await emulator.stop();
  }
}

async function seedFlashProduct(url: string): Promise<void> {
  const base = {
    categoryId: 'cat-snack',
    sales: 0,
    sort: 0,
    onShelf: true,
    images: [],
    description: '',
    createdAt: Date.now(),
  };
  const response = await fetch(`${url}/_emulator/db/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      documents: [
        { _id: 'p-flash', title: '秒杀 限量 100 件', priceFen: 990, stock: STOCK, ...base },
        { _id: 'p-warmup', title: '预热', priceFen: 100, stock: 1_000_000, ...base },
      ],
    }),
  });
  if (!response.ok) throw new Error(`seeding the flash product failed: ${response.status}`);
}
