/**
 * The only module that reaches the backend. Production: `wx.cloud.callFunction`; with `config.useLocalEmulator`:
 * `wx.request` to the emulator's `/_emulator/functions/<name>` as `config.localOpenid`. Every function answers
 * `{ok:true,data}` or `{ok:false,error:{code,message}}`; a failure becomes a CloudError and, unless the caller
 * asks for silence, a toast in Chinese.
 */
import {
  ERROR_MESSAGES,
  ROUTED_FUNCTIONS,
  type Envelope,
  type FunctionName,
  type RouteName,
  type RouteOutput,
} from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';
import { config } from '../config';

export type { FunctionName };

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

/** The message to show for a failure: the server's if it is Chinese, else the code's (an unknown code: INTERNAL's). */
export function chineseMessage(code: string, message: string | undefined): string {
  if (message && HAS_CHINESE.test(message)) return message;
  return (ERROR_MESSAGES as Readonly<Record<string, string | undefined>>)[code] ?? ERROR_MESSAGES.INTERNAL;
}

export interface CallOptions {
  /** No toast on failure (the caller handles it, or the failure is meant to be invisible). */
  silent?: boolean;
}

function viaEmulator(name: FunctionName, data: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.emulatorUrl}/_emulator/functions/${name}`,
      method: 'POST',
      header: { 'content-type': 'application/json' },
      data: { data, openid: config.localOpenid },
      success: (res) => {
        const body = res.data as { result?: unknown; error?: { code: string; message: string } };
        if (res.statusCode === 200 && body && 'result' in body) resolve(body.result);
        else
          reject(
            new CloudError(
              body?.error?.code ?? 'INTERNAL',
              chineseMessage(body?.error?.code ?? 'INTERNAL', body?.error?.message),
            ),
          );
      },
      fail: () => reject(new CloudError('NETWORK', ERROR_MESSAGES.NETWORK)),
    });
  });
}

async function viaCloud(name: FunctionName, data: object): Promise<unknown> {
  try {
    const res = await wx.cloud.callFunction({ name, data });
    return res.result;
  } catch {
    throw new CloudError('NETWORK', ERROR_MESSAGES.NETWORK);
  }
}

/** POSTs to one of the emulator's developer routes (local mode only: simulated payment). */
export function emulatorRoute<T = unknown>(route: string, body: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.emulatorUrl}${route}`,
      method: 'POST',
      header: { 'content-type': 'application/json' },
      data: body,
      success: (res) =>
        res.statusCode === 200 ? resolve(res.data as T) : reject(new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL)),
      fail: () => reject(new CloudError('NETWORK', ERROR_MESSAGES.NETWORK)),
    });
  });
}

export function toast(message: string): void {
  wx.showToast({ title: message, icon: 'none', duration: 2500 });
}

/**
 * The arguments after the route: its input (left out when the route needs none) and the call options. Typed by the
 * contract, so a field the route does not take, a missing one or a wrong value fails `tsc`, as it would fail the
 * server's strict schema.
 */
export type RouteArgs<F extends FunctionName, R extends RouteName<F>> =
  Record<string, never> extends RouteInput<F, R>
    ? [input?: RouteInput<F, R>, options?: CallOptions]
    : [input: RouteInput<F, R>, options?: CallOptions];

/** What goes over the wire: routed functions (tcb-router) name the route in `$url`, the others take the input as it is. */
function eventOf(name: FunctionName, route: string, input: object | undefined): object {
  return (ROUTED_FUNCTIONS as readonly string[]).includes(name) ? { $url: route, ...input } : { ...input };
}

/**
 * Calls `route` of function `name` (`'main'` for a function without routes) with its input; resolves to the
 * envelope's data, typed as the contract says the server answers, or rejects with a CloudError (toasted unless
 * silent).
 */
export async function callCloud<F extends FunctionName, R extends RouteName<F>>(
  name: F,
  route: R,
  ...[input, options = {}]: RouteArgs<F, R>
): Promise<RouteOutput<F, R>> {
  const data = eventOf(name, route, input as object | undefined);
  try {
    const result = (await (config.useLocalEmulator ? viaEmulator(name, data) : viaCloud(name, data))) as
      Envelope<RouteOutput<F, R>> | undefined;
    if (result && result.ok === true) return result.data;
    const code = result && result.ok === false ? result.error.code : 'INTERNAL';
    throw new CloudError(code, chineseMessage(code, result && result.ok === false ? result.error.message : undefined));
  } catch (error) {
    const failure = error instanceof CloudError ? error : new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL);
    if (!options.silent) toast(failure.message);
    throw failure;
  }
}
