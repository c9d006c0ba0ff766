/**
 * One wx-server-sdk client process for the wire benchmark. The SDK keeps the first server it was pointed at for
 * the life of the process (a second `cloud.init` does not move it), so each server gets a client of its own.
 * Commands arrive over IPC: `fill` (insert the documents), `mixes` (time n mixes), `throughput` (concurrent mixes).
 */
import { mixOnce, productDocument, DOCUMENTS } from './mix';

process.env.TENCENTCLOUD = 'true';
process.env.TENCENTCLOUD_SECRETID ??= 'bench';
process.env.TENCENTCLOUD_SECRETKEY ??= 'bench';
process.env.SILENCE = 'true';

const cloud = require('wx-server-sdk');
cloud.init({ env: 'local-dev', serviceUrl: `${process.env.MIX_TARGET_URL}/admin` });
const db = cloud.database();
let ids: string[] = Array.from({ length: DOCUMENTS }, (_, i) => `canned-${i}`);

type Command =
  | { type: 'fill' }
  | { type: 'mixes'; count: number; offset: number }
  | { type: 'throughput'; callers: number; durationMs: number };

process.on('message', (command: Command) => {
  run(command).then(
    (reply) => process.send?.({ ok: true, reply }),
    (error: unknown) => process.send?.({ ok: false, error: String(error instanceof Error ? error.stack : error) }),
  );
});

async function run(command: Command): Promise<unknown> {
  if (command.type === 'fill') {
    ids = [];
    for (let start = 0; start < DOCUMENTS; start += 500) {
      const { _ids } = await db
        .collection('products')
        .add({ data: Array.from({ length: 500 }, (_, i) => productDocument(start + i)) });
      ids.push(..._ids);
    }
    return ids.length;
  }
  if (command.type === 'mixes') {
    const latencies: number[] = [];
    for (let i = 0; i < command.count; i++) {
      const started = performance.now();
      await mixOnce(db, ids, command.offset + i);
      latencies.push(performance.now() - started);
    }
    return latencies;
  }
  const deadline = performance.now() + command.durationMs;
  const started = performance.now();
  let mixes = 0;
  await Promise.all(
    Array.from({ length: command.callers }, async (_, c) => {
      for (let i = c; performance.now() < deadline; i += command.callers) {
        await mixOnce(db, ids, i);
        mixes++;
      }
    }),
  );
  return (mixes * 4 * 1000) / (performance.now() - started);
}
