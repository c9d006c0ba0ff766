/**
 * The per-function settings of cloudbaserc.json (CLI config "version 2.0"): timeout, memory, env variables and
 * timer triggers. `{{env.X}}` placeholders are filled from process.env, as `tcb` fills them from .env files.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface RcFunctionSettings {
  timeoutSeconds?: number;
  memorySizeMb?: number;
  envVariables: Record<string, string>;
  triggers: unknown[];
}

interface RcFunctionEntry {
  name?: unknown;
  timeout?: unknown;
  memorySize?: unknown;
  envVariables?: unknown;
  triggers?: unknown;
}

export function fillEnvPlaceholders(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(/\{\{\s*env\.([A-Za-z0-9_]+)\s*\}\}/g, (_placeholder, key: string) => env[key] ?? '');
}

export function loadCloudbasercFunctions(file: string | undefined): Map<string, RcFunctionSettings> {
  const settings = new Map<string, RcFunctionSettings>();
  if (!file || !existsSync(file)) return settings;
  const rc = JSON.parse(readFileSync(file, 'utf8')) as { functions?: unknown };
  if (!Array.isArray(rc.functions)) return settings;
  for (const entry of rc.functions as RcFunctionEntry[]) {
    if (typeof entry.name !== 'string') continue;
    settings.set(entry.name, {
      timeoutSeconds: positiveNumber(entry.timeout),
      memorySizeMb: positiveNumber(entry.memorySize),
      envVariables: stringRecord(entry.envVariables),
      triggers: Array.isArray(entry.triggers) ? entry.triggers : [],
    });
  }
  return settings;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Values are templated one by one so a value containing quotes cannot break the JSON around it. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, raw]) => [key, fillEnvPlaceholders(String(raw))]),
  );
}
