/**
 * `cloudbase-emulator [flags]`: runs a local CloudBase for the project around the working directory (or --project)
 * and prints a ready banner with what runs where. Flags override the environment, which overrides the project's
 * cloudbase-emulator.json; see emulator/README.md.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from './emulator';
import { loadHttpRoutes } from './config-files';
import { loadSeed } from './seed';
import { loadSeedModule } from './project';

const HELP = `Usage: cloudbase-emulator [options]

Runs a local CloudBase (database, cloud functions, timers, cloudPay, storage, HTTP access, static hosting) for
a project with a cloudbaserc.json. Point wx-server-sdk or @cloudbase/node-sdk at <url>/admin (serviceUrl).

Options:
  --project <dir>          project folder (default: nearest folder with cloudbaserc.json)  env CLOUDBASE_EMULATOR_PROJECT
  --functions <dir>        function sources (default: cloudbaserc functionRoot)           env CLOUDBASE_EMULATOR_FUNCTIONS
  --data <dir|:memory:>    data folder (default: <project>/.cloudbase-local)              env CLOUDBASE_EMULATOR_DATA
  --port <n>               port, 0 for any free one (default 9100)                        env CLOUDBASE_EMULATOR_PORT
  --schema <file>          collections and indexes: {"collections": {"name": {"indexes": [...]}}}
  --seed <module>          JS/TS module exporting seed({now}) => {collections, notices?}
  --seed-on-first-start    load the seed when the data folder is new
  --static <dir>           folder served by static hosting
  --watch                  rebuild functions when their sources change
  --no-timers              fire timers only through POST /_emulator/timers/... and clock jumps
                                                                                          env CLOUDBASE_EMULATOR_TIMERS=off
  --max-instances <n>      instances per function                                         env CLOUDBASE_EMULATOR_MAX_INSTANCES
  --no-table-scan <n>      fail any query that would read every document of a collection
                           holding more than n documents (MongoDB's notablescan)         env CLOUDBASE_EMULATOR_NOTABLESCAN=<n>
  --dev                    same as --watch --seed-on-first-start
  -h, --help               this text
`;

interface CliFlags {
  project?: string;
  functions?: string;
  data?: string;
  port?: string;
  schema?: string;
  seed?: string;
  'seed-on-first-start'?: boolean;
  static?: string;
  watch?: boolean;
  'no-timers'?: boolean;
  'max-instances'?: string;
  'no-table-scan'?: string;
  dev?: boolean;
  help?: boolean;
}

function parseFlags(argv: string[]): CliFlags {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: 'string' },
      functions: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      schema: { type: 'string' },
      seed: { type: 'string' },
      'seed-on-first-start': { type: 'boolean' },
      static: { type: 'string' },
      watch: { type: 'boolean' },
      'no-timers': { type: 'boolean' },
      'max-instances': { type: 'string' },
      'no-table-scan': { type: 'string' },
      dev: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  return values as CliFlags;
}

function integerFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.help) {
    process.stdout.write(HELP);
    return;
  }
  const cwd = process.cwd();
  const fromCwd = (value: string | undefined) =>
    value === undefined || value === ':memory:' ? value : path.resolve(cwd, value);
  const projectDir = fromCwd(flags.project);
  const watch = flags.watch === true || flags.dev === true;
  const seedOnFirstStart = flags['seed-on-first-start'] === true || flags.dev === true;
  const maxInstances =
    integerFlag(flags['max-instances'], 'max-instances') ?? Number(process.env.CLOUDBASE_EMULATOR_MAX_INSTANCES);
  const log = batchedLines((text) => process.stdout.write(text));
  const seedModule = fromCwd(flags.seed);
  const emulator = await startEmulator({
    projectDir,
    functionsDir: fromCwd(flags.functions),
    dataDir: fromCwd(flags.data),
    port: integerFlag(flags.port, 'port'),
    staticDir: fromCwd(flags.static),
    schemaPath: fromCwd(flags.schema),
    seedModule,
    watch,
    // Off leaves timers to `POST /_emulator/timers/...` and clock jumps: a load test then measures only its load.
    runTimers: flags['no-timers'] !== true && process.env.CLOUDBASE_EMULATOR_TIMERS !== 'off',
    log,
    maxInstancesPerFunction: Number.isInteger(maxInstances) && maxInstances > 0 ? maxInstances : undefined,
    noTableScanAbove: integerFlag(flags['no-table-scan'], 'no-table-scan'),
  });

  const { dataDir } = emulator.project;
  if (seedOnFirstStart && dataDir !== ':memory:') await seedOnce(emulator, dataDir, log);

  for (const line of readyBanner(emulator, {
    timersRunning: flags['no-timers'] !== true && process.env.CLOUDBASE_EMULATOR_TIMERS !== 'off',
    watch,
  }))
    log(line);

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

/** The seed goes in once per data folder: a marker file remembers it, so a restart keeps what the developer changed. */
async function seedOnce(emulator: Emulator, dataDir: string, log: (line: string) => void): Promise<void> {
  const marker = path.join(dataDir, 'seeded');
  if (existsSync(marker)) return;
  const seedModule = emulator.project.seedModule;
  if (!seedModule) {
    log('no seed module configured (--seed or "seed" in cloudbase-emulator.json): starting empty');
    return;
  }
  const report = await loadSeed(emulator.services, loadSeedModule(seedModule));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(marker, new Date().toISOString());
  log(
    `seed loaded: ${Object.entries(report.counts)
      .map(([c, n]) => `${c}=${n}`)
      .join(' ')}`,
  );
  for (const notice of report.notices) log(notice);
}

/** What runs where, as a two-column table under the `emulator ready <url>` line tools wait for. */
export function readyBanner(
  emulator: Emulator,
  { timersRunning, watch }: { timersRunning: boolean; watch: boolean },
): string[] {
  const { url, project } = emulator;
  const functions = emulator.services.functions.list();
  const timers = functions.flatMap((fn) =>
    fn.triggers.map((trigger) => `${fn.name}/${trigger.name} (${trigger.config})`),
  );
  const routes = loadHttpRoutes(project.cloudbasercPath);
  const rows: Array<[string, string]> = [
    ['project', project.projectDir],
    ['wire endpoint', `${url}/admin  (serviceUrl for wx-server-sdk and @cloudbase/node-sdk)`],
    ['functions', `${functions.length} from ${project.functionsDir}${watch ? ' (rebuilt on change)' : ''}`],
    ['', `call: POST ${url}/_emulator/functions/<name>  ${functions.map((fn) => fn.name).join(', ')}`],
    [
      'timers',
      timers.length === 0
        ? '(none)'
        : `${timersRunning ? 'firing on schedule' : 'manual: POST /_emulator/timers/<fn>/<trigger>'}`,
    ],
    ...timers.map((timer): [string, string] => ['', timer]),
    [
      'HTTP access',
      routes.length === 0 ? '(none)' : routes.map((route) => `${url}${route.path} -> ${route.functionName}`).join(', '),
    ],
    ['static hosting', project.staticDir ? `${url}/  from ${project.staticDir}` : '(off: --static <dir>)'],
    ['developer API', `${url}/_emulator/health, /_emulator/reset, /_emulator/clock, /_emulator/db/<collection>, ...`],
    ['data folder', project.dataDir === ':memory:' ? 'in memory (nothing kept)' : project.dataDir],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`emulator ready ${url}`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
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

/** The command line's entry point (the `cloudbase-emulator` bin calls it; so does `tsx emulator/src/cli.ts`). */
export function run(): void {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

if (require.main === module) run();
