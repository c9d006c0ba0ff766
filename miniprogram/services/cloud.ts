/**
 * The only module that reaches the backend. Production: `wx.cloud.callFunction`; with `config.useLocalEmulator`:
 * `wx.request` to the emulator's `/_emulator/functions/<name>` as `config.localOpenid`. Every function answers
 * `{ok:true,data}` or `{ok:false,error:{code,message}}`; a failure becomes a CloudError and, unless the caller
 * asks for silence, a toast in Chinese.
 */
import { config } from '../config';

export type FunctionName =
  | 'shop'
  | 'placeOrder'
  | 'bindInviter'
  | 'distributorCenter'
  | 'orders'
  | 'requestWithdrawal';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Chinese wording for each error code, used when the server's message is not already Chinese. */
export const ERROR_MESSAGES: Record<string, string> = {
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  OUT_OF_STOCK: '商品库存不足',
  PRODUCT_UNAVAILABLE: '商品已下架或不存在',
  ILLEGAL_TRANSITION: '当前状态下无法进行该操作',
  NOT_A_DISTRIBUTOR: '成为分销员后才能推广',
  BINDING_REFUSED: '无法绑定该邀请人',
  BELOW_WITHDRAWAL_MINIMUM: '提现金额低于最低提现金额',
  ABOVE_WITHDRAWAL_MAXIMUM: '提现金额超过单次提现上限',
  DAILY_WITHDRAWAL_CAP_REACHED: '今日提现金额已达上限，请明天再试',
  WITHDRAWAL_BLOCKED_BY_DEBT: '您有待抵扣的退款佣金，抵扣完成前暂不能提现',
  INSUFFICIENT_BALANCE: '可提现余额不足',
  COUPON_NOT_APPLICABLE: '该优惠券不可用于本订单',
  REFUND_EXCEEDS_PURCHASE: '申请售后的数量超过可退数量',
  AFTER_SALES_WINDOW_CLOSED: '已超过售后期限',
  NOT_FOUND: '未找到相关内容',
  FORBIDDEN: '没有权限进行该操作',
  UNAUTHENTICATED: '请先登录',
  CONFLICT: '数据已被修改，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '请求重复提交且内容不一致，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  NETWORK: '网络不给力，请稍后重试',
};

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

/** The message to show for a failure: the server's if it is Chinese, else the code's. */
export function chineseMessage(code: string, message: string | undefined): string {
  if (message && HAS_CHINESE.test(message)) return message;
  return ERROR_MESSAGES[code] ?? ERROR_MESSAGES.INTERNAL!;
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
        else reject(new CloudError(body?.error?.code ?? 'INTERNAL', chineseMessage(body?.error?.code ?? 'INTERNAL', body?.error?.message)));
      },
      fail: () => reject(new CloudError('NETWORK', ERROR_MESSAGES.NETWORK!)),
    });
  });
}

async function viaCloud(name: FunctionName, data: object): Promise<unknown> {
  try {
    const res = await wx.cloud.callFunction({ name, data });
    return res.result;
  } catch {
    throw new CloudError('NETWORK', ERROR_MESSAGES.NETWORK!);
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
      success: (res) => (res.statusCode === 200 ? resolve(res.data as T) : reject(new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL!))),
      fail: () => reject(new CloudError('NETWORK', ERROR_MESSAGES.NETWORK!)),
    });
  });
}

export function toast(message: string): void {
  wx.showToast({ title: message, icon: 'none', duration: 2500 });
}

/** Calls `name` with `data`; resolves to the envelope's data or rejects with a CloudError (toasted unless silent). */
export async function callCloud<T>(name: FunctionName, data: object = {}, options: CallOptions = {}): Promise<T> {
  try {
    const result = (await (config.useLocalEmulator ? viaEmulator(name, data) : viaCloud(name, data))) as Envelope<T> | undefined;
    if (result && result.ok === true) return result.data;
    const code = result && result.ok === false ? result.error.code : 'INTERNAL';
    throw new CloudError(code, chineseMessage(code, result && result.ok === false ? result.error.message : undefined));
  } catch (error) {
    const failure = error instanceof CloudError ? error : new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL!);
    if (!options.silent) toast(failure.message);
    throw failure;
  }
}
