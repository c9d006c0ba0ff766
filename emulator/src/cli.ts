/**
 * `npm run emulator`: the emulator alone. `npm start` (`--dev`): the same plus demo data on first start and
 * rebuilding functions when their sources change.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir, startEmulator } from './emulator';
import { loadDemoData } from './demo-data';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const dataDir = resolveDataDir();
  const log = batchedLines((text) => process.stdout.write(text));
  const maxInstances = Number(process.env.CLOUDBASE_EMULATOR_MAX_INSTANCES);
  const emulator = await startEmulator({
    dataDir,
    watch: dev,
    // `off` leaves timers to `POST /_emulator/timers/...` and clock jumps: a load test then measures only its load.
    runTimers: process.env.CLOUDBASE_EMULATOR_TIMERS !== 'off',
    log,
    maxInstancesPerFunction: Number.isInteger(maxInstances) && maxInstances > 0 ? maxInstances : undefined,
  });

  if (dev && dataDir !== ':memory:') {
    const marker = path.join(dataDir, 'seeded');
    if (!existsSync(marker)) {
      const report = await loadDemoData(emulator.services);
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(marker, new Date().toISOString());
      log(`demo data loaded: ${Object.entries(report.counts).map(([c, n]) => `${c}=${n}`).join(' ')}`);
      for (const notice of report.notices) log(notice);
    }
  }

  log(`emulator ready ${emulator.url}`);
  if (dev) {
    log(`  admin page        ${emulator.url}/`);
    log(`  wire endpoint     ${emulator.url}/admin  (wx-server-sdk serviceUrl)`);
    log(`  developer API     ${emulator.url}/_emulator/health`);
    log(`  functions         ${emulator.services.functions.list().map((f) => f.name).join(', ') || '(none)'}`);
  }

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * Lines written together once per event-loop turn: stdout to a pipe or file is a synchronous write on Linux, and
 * every invocation logs START, END and REPORT, so a burst of invocations would otherwise pay three system calls each.
 */
function batchedLines(write: (text: string) => void): (line: string) => void {
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending === '') setImmediate(flush);
    pending += `${line}\n`;
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
