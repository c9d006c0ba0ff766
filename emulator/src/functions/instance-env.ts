/**
 * The environment variables of an instance, as SCF sets them for a CloudBase function, and the per-invocation
 * identity variables wx-server-sdk reads (`getWXContext()`, `wxCloudApiToken`).
 */
import type { Caller, EmulatorContext } from '../types';
import type { FunctionDefinition } from './discovery';

/** Host variables an instance may see; the rest of the emulator's environment stays out, as in production. */
const INHERITED_HOST_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_ENV'];

/** Dummy credentials: the SDK only checks they exist (without them it crashes on an unhandled rejection). */
const DUMMY_CREDENTIALS = {
  TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
  TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
  TENCENTCLOUD_SESSIONTOKEN: 'local-emulator-session-token',
};

/** Variables fixed for the life of an instance: platform identity, where the "platform" is, and user settings. */
export function platformEnv(definition: FunctionDefinition, context: EmulatorContext): Record<string, string> {
  return {
    ...DUMMY_CREDENTIALS,
    // Outside Tencent Cloud node-sdk probes http://metadata.tencentyun.com before every request (~65 ms each,
    // never cached on failure). TENCENTCLOUD_RUNENV=SCF already skips the probe; this keeps it off should a
    // function (or a future change here) drop the SCF marker.
    TENCENTCLOUD: 'true',
    // What SCF sets: node-sdk then tags requests `x-tcb-source: <source>,scf`, uses no keep-alive agent, and
    // needs TENCENTCLOUD_REGION and SCF_NAMESPACE (it logs an error per request without them).
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: context.envId,
    SCF_FUNCTIONNAME: definition.info.name,
    TCB_ENV: context.envId,
    TCB_CONTEXT_KEYS: 'TCB_CONTEXT_CNFG,TCB_ENV,TCB_SOURCE,TCB_SEQID',
    // Sends every SDK request (database, callFunction, storage, openapi) to the emulator.
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${context.baseUrl()}/admin` }),
    ...withSecrets(definition.info.envVariables, context.functionSecrets ?? {}),
  };
}

/** `{{env.X}}` placeholders of cloudbaserc.json fill to '' where X is unset; such a blank must not hide a secret. */
function withSecrets(
  variables: Record<string, string>,
  secrets: Readonly<Record<string, string>>,
): Record<string, string> {
  const merged = { ...variables };
  for (const [key, value] of Object.entries(secrets)) if (!merged[key]) merged[key] = value;
  return merged;
}

export function hostEnv(): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const key of INHERITED_HOST_VARIABLES) {
    const value = process.env[key];
    if (value !== undefined) inherited[key] = value;
  }
  return inherited;
}

export function invocationEnv(
  caller: Caller,
  appId: string,
  requestId: string,
  apiToken: string,
): Record<string, string> {
  const identity: Record<string, string | undefined> = {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN',
    WX_APPID: caller.appid ?? appId,
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: caller.clientIp,
    TCB_SOURCE: caller.source,
    TCB_SEQID: requestId,
  };
  if (caller.source === 'wx_trigger') {
    // A timer run has no user; node-sdk takes the token from WX_TRIGGER_API_TOKEN_V0 when TRIGGER_SRC=timer.
    Object.assign(identity, { TRIGGER_SRC: 'timer', WX_TRIGGER_API_TOKEN_V0: apiToken });
  } else {
    Object.assign(identity, { WX_OPENID: caller.openid, WX_API_TOKEN: apiToken });
  }
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(identity)) if (value !== undefined && value !== '') defined[key] = value;
  return defined;
}
