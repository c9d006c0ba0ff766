/**
 * The CloudBase project an emulator serves: found from a folder (the nearest one at or above it holding a
 * `cloudbaserc.json`), its functions folder, database schema, seed module, static site and data folder.
 *
 * Precedence for each setting: an explicit option (CLI flag) > an environment variable > the project's optional
 * `cloudbase-emulator.json` (or, for a project that keeps its top level tidy, the `cloudbaseEmulator` key of its
 * package.json, as jest and prettier allow) > what cloudbaserc.json says > a default. Nothing here knows any
 * particular project.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_CONFIG_FILE = 'cloudbase-emulator.json';
/** The package.json key that may hold the same settings instead of a file of their own. */
export const PACKAGE_JSON_KEY = 'cloudbaseEmulator';

/** `cloudbase-emulator.json`: paths relative to the project folder. Every key is optional. */
export interface ProjectConfig {
  /** Folder of function sources (default: cloudbaserc.json's `functionRoot`, else `functions`). */
  functions?: string;
  /** Database schema: `{"collections": {"name": {"indexes": [...]}}}` (default: none, collections are created on use). */
  schema?: string;
  /** A JS/TS module whose default (or `seed`) export returns `{collections, notices?}`: what `reset {seed:true}` loads. */
  seed?: string;
  /** Folder served by static hosting (default: none). */
  static?: string;
  /** Data folder (default: `.cloudbase-local`). */
  data?: string;
  port?: number;
}

export interface ProjectOverrides {
  projectDir?: string;
  functionsDir?: string;
  cloudbasercPath?: string;
  schemaPath?: string;
  seedModule?: string;
  staticDir?: string;
  dataDir?: string;
}

export interface ResolvedProject {
  projectDir: string;
  cloudbasercPath: string;
  functionsDir: string;
  schemaPath: string | undefined;
  seedModule: string | undefined;
  staticDir: string | undefined;
  /** A folder, or ':memory:'. */
  dataDir: string;
  port: number | undefined;
}

/** The nearest folder at or above `start` with a cloudbaserc.json; `start` itself when there is none. */
export function findProjectDir(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'cloudbaserc.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export function resolveProject(
  overrides: ProjectOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedProject {
  const projectDir = path.resolve(overrides.projectDir ?? env.CLOUDBASE_EMULATOR_PROJECT ?? findProjectDir());
  const inProject = (relative: string | undefined): string | undefined =>
    relative === undefined ? undefined : path.resolve(projectDir, relative);
  const config =
    readJson<ProjectConfig>(path.join(projectDir, PROJECT_CONFIG_FILE)) ??
    readJson<Record<string, ProjectConfig | undefined>>(path.join(projectDir, 'package.json'))?.[PACKAGE_JSON_KEY] ??
    {};
  const cloudbasercPath = overrides.cloudbasercPath ?? path.join(projectDir, 'cloudbaserc.json');
  const rc = readJson<{ functionRoot?: unknown }>(cloudbasercPath);
  const rcFunctionRoot =
    typeof rc?.functionRoot === 'string' ? path.resolve(path.dirname(cloudbasercPath), rc.functionRoot) : undefined;
  const dataDir = overrides.dataDir ?? env.CLOUDBASE_EMULATOR_DATA ?? inProject(config.data ?? '.cloudbase-local');
  const envPort = Number(env.CLOUDBASE_EMULATOR_PORT);
  return {
    projectDir,
    cloudbasercPath,
    functionsDir:
      overrides.functionsDir ??
      env.CLOUDBASE_EMULATOR_FUNCTIONS ??
      inProject(config.functions) ??
      rcFunctionRoot ??
      path.join(projectDir, 'functions'),
    schemaPath: overrides.schemaPath ?? inProject(config.schema),
    seedModule: overrides.seedModule ?? inProject(config.seed),
    staticDir: overrides.staticDir ?? inProject(config.static),
    dataDir: dataDir === ':memory:' ? dataDir : path.resolve(dataDir as string),
    port: Number.isInteger(envPort) && envPort > 0 ? envPort : config.port,
  };
}

export interface SeedData {
  collections: Record<string, Array<Record<string, unknown>>>;
  /** Lines a person must see once, such as a generated password. */
  notices?: string[];
}

export type SeedFunction = (context: { now: number }) => SeedData | Promise<SeedData>;

/** The seed function a module exports (as `module.exports`, `default` or `seed`). */
export function loadSeedModule(file: string): SeedFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named at run time
  const loaded = require(file) as unknown;
  const exports = loaded as { default?: unknown; seed?: unknown };
  const seed =
    typeof loaded === 'function' ? loaded : typeof exports.default === 'function' ? exports.default : exports.seed;
  if (typeof seed !== 'function') throw new Error(`${file} must export a seed function (default or "seed")`);
  return seed as SeedFunction;
}
