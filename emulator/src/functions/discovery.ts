/**
 * Finds the cloud functions of a folder and merges their settings: every `<name>/` with an index.ts or index.js
 * is a function, except folders starting with `_` or `.` (shared code). config.json gives triggers and open-API
 * permissions; cloudbaserc.json gives timeout, memory and env variables (and triggers when config.json has none).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FunctionInfo } from '../types';
import { loadCloudbasercFunctions } from './cloudbaserc';
import { readFunctionConfig, validTimerTriggers } from './function-config';

/** Production defaults when nothing is configured. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 256;

export interface FunctionDefinition {
  info: FunctionInfo;
  entryFile: string;
  memorySizeMb: number;
}

export function discoverFunctions(
  functionsDir: string,
  cloudbasercPath: string | undefined,
  warn: (line: string) => void,
): Map<string, FunctionDefinition> {
  const definitions = new Map<string, FunctionDefinition>();
  if (!existsSync(functionsDir)) return definitions;
  const rcSettings = loadCloudbasercFunctions(cloudbasercPath);
  for (const folder of readdirSync(functionsDir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('_') || folder.name.startsWith('.')) continue;
    const dir = path.join(functionsDir, folder.name);
    const entryFile = ['index.ts', 'index.js'].map((file) => path.join(dir, file)).find((file) => existsSync(file));
    if (!entryFile) continue;

    const name = folder.name;
    const config = readFunctionConfig(dir);
    const rc = rcSettings.get(name);
    const rawTriggers = config.triggers.length > 0 ? config.triggers : (rc?.triggers ?? []);
    const triggers = validTimerTriggers(rawTriggers, (trigger, reason) =>
      warn(`[functions] ${name}: ignoring trigger ${JSON.stringify(trigger)}: ${reason}`),
    );
    definitions.set(name, {
      entryFile,
      memorySizeMb: rc?.memorySizeMb ?? DEFAULT_MEMORY_MB,
      info: {
        name,
        timeoutMs: (rc?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
        triggers,
        openapiPermissions: config.openapiPermissions,
        envVariables: rc?.envVariables ?? {},
      },
    });
  }
  return definitions;
}
