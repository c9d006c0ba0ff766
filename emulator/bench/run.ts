/**
 * `npm run bench`: every benchmark of the project, one `name=value` line per figure on stdout.
 * Figures are printed, never asserted; progress goes to stderr so stdout stays machine-readable.
 * `npm run bench -- wire` runs only the benchmarks whose file name contains "wire"; `npm run bench -- --large`
 * measures the shop at 200k orders (scale.bench.ts), which takes long; `npm run bench -- scale --routes-only` times
 * only its admin routes (and heap) at both sizes.
 */
import path from 'node:path';
import { repoRoot } from './repo-root';

type Bench = () => Promise<Record<string, number>>;

const benches: Array<{ file: string }> = [
  { file: 'core/bench/commission.bench.ts' },
  { file: 'emulator/bench/wire.bench.ts' },
  { file: 'emulator/bench/start.bench.ts' },
  { file: 'emulator/bench/flash-sale.bench.ts' },
  { file: 'emulator/bench/settle.bench.ts' },
  { file: 'emulator/bench/scale.bench.ts' },
];

async function main(): Promise<void> {
  // `--large` is read by the benches that have a large mode (scale.bench.ts); the first other word filters.
  const filter = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  for (const { file } of benches) {
    if (filter && !file.includes(filter)) continue;
    process.stderr.write(`bench: ${file}\n`);

    const bench = (require(path.join(repoRoot, file)) as { default: Bench }).default;
    const figures = await bench();
    for (const [name, value] of Object.entries(figures)) process.stdout.write(`${name}=${format(value)}\n`);
  }
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // undici's `fetch failed` hides the reason (refused, reset, headers timeout) in `cause`.
    const cause =
      error instanceof Error && error.cause
        ? `\ncaused by: ${String((error.cause as Error).stack ?? error.cause)}`
        : '';
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}${cause}\n`);
    process.exit(1);
  },
);
