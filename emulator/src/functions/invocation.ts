/** Turns an invoke request into the message an instance runs: the event as SCF delivers it, context and env. */
import type { Caller, EmulatorContext } from '../types';
import type { FunctionDefinition } from './discovery';
import { invocationEnv } from './instance-env';
import type { InvokeMessage } from './worker-protocol';

export interface InvocationRequest {
  definition: FunctionDefinition;
  event: unknown;
  caller: Caller;
  requestId: string;
  apiToken: string;
  instanceEnv: Record<string, string>;
}

export function buildInvokeMessage(request: InvocationRequest, emulator: EmulatorContext): InvokeMessage {
  const { definition, caller, requestId } = request;
  const env = invocationEnv(caller, emulator.appId, requestId, request.apiToken);
  return {
    type: 'invoke',
    requestId,
    eventJson: JSON.stringify(eventFor(request.event, caller, emulator.appId)) ?? 'null',
    context: {
      request_id: requestId,
      requestId,
      function_name: definition.info.name,
      function_version: '$LATEST',
      namespace: emulator.envId,
      memory_limit_in_mb: definition.memorySizeMb,
      time_limit_in_ms: definition.info.timeoutMs,
      environ: '',
      // node-sdk prefers these over process.env when user code passes `context` to init().
      environment: JSON.stringify({ ...request.instanceEnv, ...env }),
    },
    invocationEnv: env,
    clockOffsetMs: emulator.clock.offset,
  };
}

/**
 * A mini-program call gets `userInfo: {appId, openId}` injected by the platform. Whatever userInfo the client
 * sent is replaced, because code that trusts event.userInfo.openId must never see a forged one.
 */
function eventFor(event: unknown, caller: Caller, appId: string): unknown {
  if (caller.source !== 'wx_client') return event;
  const data = typeof event === 'object' && event !== null && !Array.isArray(event) ? event : {};
  return { ...data, userInfo: { appId: caller.appid ?? appId, openId: caller.openid } };
}
