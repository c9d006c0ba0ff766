/**
 * The events cloudPay sends to the callback functions, and their delivery. Events are camelCase, as the
 * platform hands them to the function already decoded; the function must answer `{errcode: 0}`.
 */
import type { FunctionRunner } from '../types';
import type { CallbackRecord, Merchant, Refund, Trade } from './pay-ledger';
import { randomHex } from '../random';

export interface DeliveryOptions {
  deliveries?: number;
  /** All deliveries at once, as when the platform retries while the first attempt is still running. */
  concurrent?: boolean;
}

/** Each delivery's return value, or `{error: {code, message}}` when the invocation failed. */
export type DeliveryResult = unknown;

export function paymentNotification(
  merchant: Merchant,
  trade: Trade,
  result: 'SUCCESS' | 'FAIL',
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    returnCode: 'SUCCESS',
    appid: merchant.appId,
    mchId: merchant.mchId,
    subAppid: merchant.appId,
    subMchId: trade.subMchId,
    nonceStr: randomHex(8),
    resultCode: result,
    openid: trade.openid,
    subOpenid: trade.openid,
    isSubscribe: 'N',
    subIsSubscribe: 'N',
    tradeType: trade.tradeType,
    bankType: 'OTHERS',
    totalFee: trade.totalFee,
    feeType: 'CNY',
    cashFee: trade.totalFee,
    outTradeNo: trade.outTradeNo,
  };
  if (result === 'SUCCESS') Object.assign(event, { transactionId: trade.transactionId, timeEnd: trade.timeEnd });
  else Object.assign(event, { errCode: 'NOTENOUGH', errCodeDes: '余额不足' });
  if (trade.attach !== undefined) event.attach = trade.attach;
  return event;
}

/** WeChat Pay v2's refund notification with `req_info` already decrypted, flat (the cloud shape is undocumented). */
export function refundNotification(merchant: Merchant, trade: Trade, refund: Refund): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    appid: merchant.appId,
    mchId: merchant.mchId,
    subMchId: trade.subMchId,
    nonceStr: randomHex(8),
    transactionId: trade.transactionId,
    outTradeNo: trade.outTradeNo,
    refundId: refund.refundId,
    outRefundNo: refund.outRefundNo,
    totalFee: trade.totalFee,
    refundFee: refund.refundFee,
    settlementRefundFee: refund.refundFee,
    refundStatus: refund.status,
    successTime: refund.successTime,
    refundRecvAccout: '支付用户零钱',
    refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
    refundRequestSource: 'API',
  };
}

export async function deliver(
  invoke: FunctionRunner['invoke'],
  functionName: string,
  event: Record<string, unknown>,
  log: CallbackRecord[],
  now: () => number,
  { deliveries = 1, concurrent = false }: DeliveryOptions,
): Promise<DeliveryResult[]> {
  const once = async (): Promise<DeliveryResult> => {
    const outcome = await invoke(functionName, event, { source: 'wx_paycallback' });
    const result = outcome.ok ? outcome.result : { error: { code: outcome.code, message: outcome.message } };
    log.push({ at: now(), acknowledged: isAcknowledgement(result) });
    return result;
  };
  if (concurrent) return Promise.all(Array.from({ length: deliveries }, once));
  const results: DeliveryResult[] = [];
  for (let attempt = 0; attempt < deliveries; attempt++) results.push(await once());
  return results;
}

function isAcknowledgement(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { errcode?: unknown }).errcode === 0;
}
