/**
 * Test steps a shopper or distributor takes through the real functions on the emulator, as the mini program would
 * call them. Each returns the function's envelope data and fails the test loudly on an unexpected failure.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorHandle } from '../../../emulator/test/support/emulator';

export const ADDRESS = {
  userName: '张三',
  telNumber: '13800138000',
  provinceName: '广东省',
  cityName: '广州市',
  countyName: '海珠区',
  detailInfo: '新港中路397号',
  postalCode: '510000',
};

export async function ok<T = any>(emu: EmulatorHandle, fn: string, data: unknown, openid: string): Promise<T> {
  const { status, body } = await emu.call(fn, data, openid);
  if (status !== 200 || body.result?.ok !== true) {
    throw new Error(`${fn} ${JSON.stringify(data)} as ${openid} failed: ${status} ${JSON.stringify(body)}`);
  }
  return body.result.data as T;
}

/** The envelope's error of a call that is expected to fail. */
export async function refused(
  emu: EmulatorHandle,
  fn: string,
  data: unknown,
  openid: string,
): Promise<{ code: string; message: string }> {
  const { status, body } = await emu.call(fn, data, openid);
  if (status !== 200 || body.result?.ok !== false)
    throw new Error(`${fn} was expected to refuse but answered ${JSON.stringify(body)}`);
  return body.result.error;
}

export async function becomeDistributor(emu: EmulatorHandle, openid: string): Promise<string> {
  const summary = await ok<{ inviteCode: string }>(emu, 'distributorCenter', { $url: 'summary' }, openid);
  return summary.inviteCode;
}

export async function posterScene(emu: EmulatorHandle, openid: string, productId: string): Promise<string> {
  const share = await ok<{ code: string }>(emu, 'distributorCenter', { $url: 'shareCode', productId }, openid);
  return share.code;
}

export async function placeOrder(
  emu: EmulatorHandle,
  openid: string,
  items: Array<{ productId: string; quantity: number }>,
  extra: Record<string, unknown> = {},
): Promise<{
  orderId: string;
  orderNo: string;
  totalFen: number;
  outTradeNo: string;
  payment: Record<string, unknown>;
}> {
  return ok(emu, 'placeOrder', { requestId: randomUUID(), items, address: ADDRESS, ...extra }, openid);
}

export async function pay(
  emu: EmulatorHandle,
  outTradeNo: string,
  deliveries = 1,
  concurrent = false,
): Promise<unknown[]> {
  const { status, body } = await emu.request('POST', `/_emulator/pay/${outTradeNo}`, { deliveries, concurrent });
  if (status !== 200) throw new Error(`payment of ${outTradeNo} failed: ${status} ${JSON.stringify(body)}`);
  return body.deliveries;
}

export async function documents<T = any>(emu: EmulatorHandle, collection: string): Promise<T[]> {
  return (await emu.request('GET', `/_emulator/db/${collection}`)).body.data as T[];
}

export async function advanceClock(emu: EmulatorHandle, ms: number): Promise<number> {
  return (await emu.request('POST', '/_emulator/clock', { advanceMs: ms })).body.now;
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/**
 * Runs a function the way the platform itself does (a WeChat Pay callback delivery with this event), past the
 * function security rules, which bind only clients. With `asUser` the call carries that user's OPENID: a client
 * call as it would arrive if the environment's rules were misconfigured.
 */
export async function invokeAsPlatform(
  emu: EmulatorHandle,
  fn: string,
  event: unknown,
  asUser?: string,
): Promise<unknown> {
  const caller = asUser ? { source: 'wx_client' as const, openid: asUser } : { source: 'wx_paycallback' as const };
  const outcome = await emu.emulator.services.functions.invoke(fn, event, caller);
  if (!outcome.ok) throw new Error(`${fn} failed: ${outcome.code} ${outcome.message}`);
  return outcome.result;
}
