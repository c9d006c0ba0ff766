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
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const maxInstances = Number(process.env.CLOUDBASE_EMULATOR_MAX_INSTANCES);
  const emulator = await startEmulator({
    dataDir,
    watch: dev,
    runTimers: true,
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

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
