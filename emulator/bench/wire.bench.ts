/**
 * emulator.opRatioVsEcho: median latency of a fixed mix (add, doc get, indexed where+orderBy+limit, `_.inc`
 * update) through the real wx-server-sdk against the emulator holding 10,000 products, divided by the same mix
 * against the canned-reply server, in alternating blocks of the same run.
 * emulator.opsPerSecond: the same mix from 16 concurrent callers against the emulator.
 * Each server runs in its own process and is driven by its own SDK client process (see mix-client.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './repo-root';
import { freePort, median, spawnServer, type SpawnedServer } from './processes';

const BLOCKS = 10;
const MIXES_PER_BLOCK = 100;

interface Client {
  ask<T>(command: Record<string, unknown>): Promise<T>;
  stop(): void;
}

function startClient(target: SpawnedServer): Client {
  const child: ChildProcess = fork(path.join(__dirname, 'mix-client.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, MIX_TARGET_URL: target.url },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    ask: <T>(command: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        child.once('message', (message: { ok: boolean; reply?: T; error?: string }) =>
          message.ok ? resolve(message.reply as T) : reject(new Error(message.error)),
        );
        child.send(command);
      }),
    stop: () => child.kill(),
  };
}

export default async function bench(): Promise<Record<string, number>> {
  const [emulatorPort, cannedPort] = [await freePort(), await freePort()];
  const emulator = await spawnServer(
    'emulator/src/cli.ts',
    {
      CLOUDBASE_EMULATOR_PORT: String(emulatorPort),
      CLOUDBASE_EMULATOR_DATA: ':memory:',
    },
    emulatorPort,
  );
  const canned = await spawnServer('emulator/bench/canned-server.ts', { CANNED_PORT: String(cannedPort) }, cannedPort);
  const onEmulator = startClient(emulator);
  const onCanned = startClient(canned);
  try {
    await onEmulator.ask({ type: 'fill' });
    const emulatorLatencies: number[] = [];
    const cannedLatencies: number[] = [];
    for (let block = 0; block < BLOCKS + 1; block++) {
      const offset = block * MIXES_PER_BLOCK;
      const fromEmulator = await onEmulator.ask<number[]>({ type: 'mixes', count: MIXES_PER_BLOCK, offset });
      const fromCanned = await onCanned.ask<number[]>({ type: 'mixes', count: MIXES_PER_BLOCK, offset });
      // The first block warms connections and JIT on both sides and is not counted.
      if (block > 0) {
        emulatorLatencies.push(...fromEmulator);
        cannedLatencies.push(...fromCanned);
      }
    }
    const opsPerSecond = await onEmulator.ask<number>({ type: 'throughput', callers: 16, durationMs: 3000 });
    return {
      'emulator.opRatioVsEcho': median(emulatorLatencies) / median(cannedLatencies),
      'emulator.mixMedianMs': median(emulatorLatencies),
      'emulator.echoMixMedianMs': median(cannedLatencies),
      'emulator.opsPerSecond': Math.round(opsPerSecond),
    };
  } finally {
    onEmulator.stop();
    onCanned.stop();
    await Promise.all([emulator.stop(), canned.stop()]);
  }
}
