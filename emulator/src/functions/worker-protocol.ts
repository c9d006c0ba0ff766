/** Messages between the runner and a function instance (a worker thread). Values cross as JSON text. */

export interface InstanceWorkerData {
  bundleFile: string;
  /** The virtual clock when the instance starts, so module-scope code already sees virtual time. */
  clockOffsetMs: number;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  eventJson: string;
  context: Record<string, unknown>;
  /** Only the per-invocation variables; the instance keeps its own for the rest of its life. */
  invocationEnv: Record<string, string>;
  clockOffsetMs: number;
}

export type InstanceMessage =
  | { type: 'ready' }
  | { type: 'loadFailed'; error: string }
  | { type: 'log'; requestId: string; text: string }
  | { type: 'result'; requestId: string; ok: true; resultJson: string }
  | { type: 'result'; requestId: string; ok: false; error: string };

/**
 * Every variable that describes one invocation. The instance clears all of them before each invocation, so a
 * user's OPENID never survives into the next caller's invocation.
 */
export const PER_INVOCATION_ENV_KEYS = [
  'WX_CONTEXT_KEYS',
  'WX_OPENID',
  'WX_APPID',
  'WX_UNIONID',
  'WX_CLIENTIP',
  'WX_CLIENTIPV6',
  'WX_API_TOKEN',
  'WX_TRIGGER_API_TOKEN_V0',
  'TRIGGER_SRC',
  'TCB_SOURCE',
  'TCB_SEQID',
] as const;
