/**
 * `npm run seed:large -- --orders N [--data <dir>]`: fills the emulator's data folder (default: the project's,
 * `.cloudbase-local`) with a large shop of about N orders (see large-shop.ts), replacing what was there. Stop the
 * emulator first; start it again with `npm start` and try the admin page at size. `check:ledger` stays at 0, and the
 * dashboard's figures are computed from the loaded facts (`loadFigures`).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../../emulator/src/emulator';
import { buildTemplate, familyClones, loadFigures } from './large-shop';

const repo = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { orders: { type: 'string' }, data: { type: 'string' } } });
  const orders = Number(values.orders ?? 200_000);
  if (!Number.isInteger(orders) || orders < 10) throw new Error('--orders must be an integer of at least 10');
  const template = await buildTemplate(repo);
  const clones = Math.ceil(orders / template.ordersPerFamily);
  process.stderr.write(`seed:large: ${clones} clones of a family of ${template.ordersPerFamily} orders\n`);
  const emulator = await startEmulator({
    projectDir: repo,
    port: 0,
    runTimers: false,
    ...(values.data ? { dataDir: path.resolve(values.data) } : {}),
  });
  try {
    await emulator.services.reset();
    for (const [name, docs] of Object.entries(template.shared)) {
      if (docs.length > 0) await emulator.services.db.seed(name, docs);
    }
    const pending = new Map<string, unknown[]>();
    const flush = async (name: string) => {
      const docs = pending.get(name) ?? [];
      if (docs.length > 0) await emulator.services.db.seed(name, docs as Record<string, unknown>[]);
      pending.set(name, []);
    };
    let done = 0;
    for (const [name, docs] of familyClones(template, clones, 365 * 86_400_000)) {
      const batch = pending.get(name) ?? [];
      batch.push(...docs);
      pending.set(name, batch);
      if (batch.length >= 5000) await flush(name);
      if (name === 'orders' && ++done % 1000 === 0) process.stderr.write(`seed:large: ${done} of ${clones} clones\n`);
    }
    for (const name of pending.keys()) await flush(name);
    const figures = await loadFigures(emulator);
    process.stderr.write(`seed:large: ${figures.documents} figures documents computed from the facts\n`);
    process.stdout.write(`seed:large orders=${clones * template.ordersPerFamily} data=${emulator.project.dataDir}\n`);
  } finally {
    await emulator.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`seed:large failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
