/** emulator.startMs: `npm run emulator` from spawn until /_emulator/health answers (median of 5 starts). */
import { freePort, median, spawnServer } from './processes';

export default async function bench(): Promise<Record<string, number>> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const port = await freePort();
    const server = await spawnServer(
      'emulator/src/cli.ts',
      {
        CLOUDBASE_EMULATOR_PORT: String(port),
        CLOUDBASE_EMULATOR_DATA: ':memory:',
      },
      port,
    );
    samples.push(server.startMs);
    await server.stop();
  }
  return { 'emulator.startMs': Math.round(median(samples)) };
}
