/**
 * WeChat Pay through cloudPay (wx-server-sdk's typings leave it out). The merchant number comes from the
 * function's environment (cloudbaserc.json envVariables ← .env), never from code.
 */
import { randomBytes } from 'node:crypto';
import type { PaymentParams } from '../../../contract/src';
import { cloud } from './cloud';

interface CloudPay {
  unifiedOrder(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryOrder(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  closeOrder(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  refund(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryRefund(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  downloadBill(params: Record<string, unknown>): Promise<Record<string, unknown>>;
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
export async function requestPayment(request: PaymentRequest): Promise<PaymentParams> {
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
    throw new Error(
      `unifiedOrder refused ${request.outTradeNo}: ${String(reply.errCodeDes ?? reply.returnMsg ?? 'unknown')}`,
    );
  }
  // cloudPay.unifiedOrder's reply is untyped; its `payment` is exactly what wx.requestPayment takes.
  return reply.payment as PaymentParams;
}

export type TradeState = 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | string;

export interface TradeQuery {
  tradeState: TradeState;
  transactionId?: string;
  totalFee?: number;
  /** The payer as WeChat Pay knows them (sub_openid: the openid under this mini program). */
  payerOpenid?: string;
}

/** What WeChat Pay says about a trade. Throws when WeChat cannot be asked (the caller retries later). */
export async function queryTrade(outTradeNo: string): Promise<TradeQuery> {
  const reply = await cloudPay().queryOrder({ ...merchant(), nonceStr: nonce(), outTradeNo });
  if (reply.returnCode !== 'SUCCESS')
    throw new Error(`queryOrder ${outTradeNo} failed: ${String(reply.returnMsg ?? 'unknown')}`);
  return {
    tradeState: String(reply.tradeState ?? 'NOTPAY'),
    transactionId: reply.transactionId as string | undefined,
    totalFee: reply.totalFee as number | undefined,
    payerOpenid: (reply.subOpenid ?? reply.openid) as string | undefined,
  };
}

export interface RefundQuery {
  outTradeNo: string;
  outRefundNo: string;
  refundFee: number;
  /** SUCCESS, PROCESSING, REFUNDCLOSE or CHANGE. */
  status: string;
}

/** What WeChat Pay says about one refund; undefined when it knows no such refund. Throws when it cannot be asked. */
export async function queryRefundOf(outRefundNo: string): Promise<RefundQuery | undefined> {
  const reply = await cloudPay().queryRefund({ ...merchant(), nonceStr: nonce(), outRefundNo });
  if (reply.returnCode !== 'SUCCESS')
    throw new Error(`queryRefund ${outRefundNo} failed: ${String(reply.returnMsg ?? 'unknown')}`);
  // REFUNDNOTEXIST (the SDK overwrites err_code with its own 0, so the business result is what tells).
  if (reply.resultCode !== 'SUCCESS') return undefined;
  const numbers = asList(reply.outRefundNoList);
  const index = numbers.indexOf(outRefundNo);
  if (index < 0) return undefined;
  return {
    outTradeNo: String(reply.outTradeNo ?? ''),
    outRefundNo,
    refundFee: Number(asList(reply.refundFeeList)[index]),
    status: String(asList(reply.refundStatusList)[index] ?? ''),
  };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The bill of one China day (yyyyMMdd) as WeChat's text, or undefined for a day without transactions
 * ("No Bill Exist"). Throws on any other refusal.
 */
export async function downloadDayBill(billDate: string): Promise<string | undefined> {
  const reply = await cloudPay().downloadBill({ ...merchant(), nonceStr: nonce(), billDate, billType: 'ALL' });
  if (typeof reply.data === 'string') return reply.data;
  if (reply.returnMsg === 'No Bill Exist') return undefined;
  throw new Error(`downloadBill ${billDate} refused: ${String(reply.returnMsg ?? reply.errCodeDes ?? 'unknown')}`);
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
    throw new Error(
      `refund refused ${request.outRefundNo}: ${String(reply.errCodeDes ?? reply.returnMsg ?? 'unknown')}`,
    );
  }
}
