/**
 * WeChat Pay through cloudPay (wx-server-sdk's typings leave it out). The merchant number comes from the
 * function's environment (cloudbaserc.json envVariables ← .env), never from code.
 */
import { randomBytes } from 'node:crypto';
import { cloud } from './cloud';

interface CloudPay {
  unifiedOrder(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryOrder(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  closeOrder(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  refund(params: Record<string, unknown>): Promise<Record<string, unknown>>;
}

function cloudPay(): CloudPay {
  return (cloud as unknown as { cloudPay: CloudPay }).cloudPay;
}

function merchant(): { subMchId: string; envId: string } {
  return {
    subMchId: process.env.WXPAY_SUB_MCH_ID || 'local-sub-mch',
    envId: String(cloud.getWXContext().ENV ?? ''),
  };
}

const nonce = () => randomBytes(12).toString('hex');

export const PAY_CALLBACK_FUNCTION = 'payCallback';
export const REFUND_CALLBACK_FUNCTION = 'refundCallback';

export interface PaymentRequest {
  outTradeNo: string;
  totalFen: number;
  description: string;
  openid: string;
}

/** The parameters the mini program spreads into `wx.requestPayment`. Re-asking for the same trade is allowed. */
export async function requestPayment(request: PaymentRequest): Promise<Record<string, unknown>> {
  const reply = await cloudPay().unifiedOrder({
    ...merchant(),
    functionName: PAY_CALLBACK_FUNCTION,
    nonceStr: nonce(),
    body: request.description.slice(0, 120),
    outTradeNo: request.outTradeNo,
    totalFee: request.totalFen,
    spbillCreateIp: '127.0.0.1',
    tradeType: 'JSAPI',
    subOpenid: request.openid,
  });
  if (reply.returnCode !== 'SUCCESS' || reply.resultCode !== 'SUCCESS' || !reply.payment) {
    throw new Error(`unifiedOrder refused ${request.outTradeNo}: ${String(reply.errCodeDes ?? reply.returnMsg ?? 'unknown')}`);
  }
  return reply.payment as Record<string, unknown>;
}

export type TradeState = 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | string;

export async function queryTrade(outTradeNo: string): Promise<{ tradeState: TradeState; transactionId?: string; totalFee?: number }> {
  const reply = await cloudPay().queryOrder({ ...merchant(), nonceStr: nonce(), outTradeNo });
  return {
    tradeState: String(reply.tradeState ?? 'NOTPAY'),
    transactionId: reply.transactionId as string | undefined,
    totalFee: reply.totalFee as number | undefined,
  };
}

export async function closeTrade(outTradeNo: string): Promise<void> {
  await cloudPay().closeOrder({ ...merchant(), nonceStr: nonce(), outTradeNo });
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  totalFen: number;
  refundFen: number;
  reason: string;
}

/** Accepted ≠ done: the refund callback completes it. Idempotent by outRefundNo on WeChat's side. */
export async function requestRefund(request: RefundRequest): Promise<void> {
  const reply = await cloudPay().refund({
    ...merchant(),
    functionName: REFUND_CALLBACK_FUNCTION,
    nonceStr: nonce(),
    outTradeNo: request.outTradeNo,
    outRefundNo: request.outRefundNo,
    totalFee: request.totalFen,
    refundFee: request.refundFen,
    refundDesc: request.reason.slice(0, 80),
  });
  if (reply.returnCode !== 'SUCCESS' || reply.resultCode !== 'SUCCESS') {
    throw new Error(`refund refused ${request.outRefundNo}: ${String(reply.errCodeDes ?? reply.returnMsg ?? 'unknown')}`);
  }
}
