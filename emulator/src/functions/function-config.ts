/** A function's config.json (WeChat DevTools format): timer triggers and the open APIs it may call. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TimerTrigger } from '../types';

export interface FunctionConfigJson {
  triggers: unknown[];
  openapiPermissions: string[];
}

export function readFunctionConfig(functionDir: string): FunctionConfigJson {
  const file = path.join(functionDir, 'config.json');
  if (!existsSync(file)) return { triggers: [], openapiPermissions: [] };
  const config = JSON.parse(readFileSync(file, 'utf8')) as {
    triggers?: unknown;
    permissions?: { openapi?: unknown };
  };
  const openapi = config.permissions?.openapi;
  return {
    triggers: Array.isArray(config.triggers) ? config.triggers : [],
    openapiPermissions: Array.isArray(openapi) ? openapi.filter((api): api is string => typeof api === 'string') : [],
  };
}

/** Keeps well-formed timer triggers; the rest are reported so a typo does not silently disable a schedule. */
export function validTimerTriggers(
  raw: unknown[],
  onInvalid: (trigger: unknown, reason: string) => void,
): TimerTrigger[] {
  const triggers: TimerTrigger[] = [];
  for (const candidate of raw) {
    const trigger = candidate as Partial<Record<keyof TimerTrigger, unknown>>;
    if (typeof trigger.name !== 'string' || trigger.type !== 'timer' || typeof trigger.config !== 'string') {
      onInvalid(candidate, 'expected {name, type: "timer", config}');
    } else if (trigger.config.trim().split(/\s+/).length !== 7) {
      onInvalid(candidate, 'cron must have 7 fields: second minute hour day month weekday year');
    } else {
      triggers.push({ name: trigger.name, type: 'timer', config: trigger.config.trim() });
    }
  }
  return triggers;
}
