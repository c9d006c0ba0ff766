/**
 * The merchant's side of cloudPay: trades and refunds, and the five order APIs over them. Replies are WeChat Pay
 * v2 shaped and snake_case (the SDK camelCases them): transport-level success is `return_code`, the business
 * outcome `result_code` with `err_code`/`err_code_des` when it is FAIL.
 */
import { createHash } from 'node:crypto';
import { compactChinaTime, readableChinaTime } from './china-time';
import { randomDigits, randomHex } from '../random';
import { buildBill, parseBillRequest, type BillReply } from './pay-bill';
import type { CallbackRecord, Merchant, PayFields, Refund, Trade, TradeState } from './pay-state';

export type { CallbackRecord, Merchant, PayFields, Refund, Trade, TradeState };

/** Signs `payment` the way WeChat Pay v2 does, with a key that only exists here. */
const EMULATOR_SIGN_KEY = 'cloudbase-emulator-pay-key';

const OUT_TRADE_NO = /^[0-9A-Za-z_-]{1,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

const STATE_DESCRIPTIONS: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款',
};

export class PayLedger {
  private readonly trades = new Map<string, Trade>();
  private readonly refunds = new Map<string, Refund>();

  constructor(
    private readonly merchant: Merchant,
    private readonly now: () => number,
  ) {}

  trade(outTradeNo: string): Trade | undefined {
    return this.trades.get(outTradeNo);
  }

  refund(outRefundNo: string): Refund | undefined {
    return this.refunds.get(outRefundNo);
  }

  clear(): void {
    this.trades.clear();
    this.refunds.clear();
  }

  unifiedOrder(request: PayFields, callerOpenid: string | undefined): PayFields {
    const reply = this.replier(request);
    const missing = missingFields(request, [
      'body',
      'out_trade_no',
      'total_fee',
      'spbill_create_ip',
      'sub_mch_id',
      'nonce_str',
      'trade_type',
      'env_id',
      'function_name',
    ]);
    if (missing) return reply.fail('PARAM_ERROR', `缺少参数 ${missing}`);
    const outTradeNo = String(request.out_trade_no);
    if (!OUT_TRADE_NO.test(outTradeNo)) {
      return reply.fail('PARAM_ERROR', 'out_trade_no 须为不超过32位的数字、大小写字母、_或-');
    }
    const totalFee = positiveInteger(request.total_fee);
    if (totalFee === undefined) return reply.fail('PARAM_ERROR', 'total_fee 须为大于0的整数（单位：分）');
    const openid = text(request.sub_openid) ?? text(request.openid) ?? callerOpenid;
    const tradeType = String(request.trade_type);
    if (tradeType === 'JSAPI' && !openid) return reply.fail('PARAM_ERROR', 'JSAPI支付必须传openid');

    const existing = this.trades.get(outTradeNo);
    if (existing?.state === 'SUCCESS' || existing?.state === 'REFUND') return reply.fail('ORDERPAID', '该订单已支付');
    if (existing?.state === 'CLOSED') return reply.fail('ORDERCLOSED', '该订单已关闭');
    if (existing && existing.totalFee !== totalFee) return reply.fail('INVALID_REQUEST', '201 商户订单号重复');
    const trade = existing ?? {
      outTradeNo,
      totalFee,
      body: String(request.body),
      attach: text(request.attach),
      subMchId: String(request.sub_mch_id),
      functionName: String(request.function_name),
      envId: String(request.env_id),
      tradeType,
      openid,
      prepayId: `wx${compactChinaTime(this.now())}${randomHex(10)}`,
      createdAt: this.now(),
      state: 'NOTPAY' as const,
      callbacks: [],
    };
    this.trades.set(outTradeNo, trade);
    return reply.ok({ trade_type: trade.tradeType, prepay_id: trade.prepayId, payment: this.payment(trade.prepayId) });
  }

  queryOrder(request: PayFields): PayFields {
    const reply = this.replier(request);
    const trade = this.findTrade(request);
    if (!trade) return reply.fail('ORDERNOTEXIST', '订单不存在');
    const paid = trade.transactionId !== undefined;
    return reply.ok({
      openid: trade.openid,
      sub_openid: trade.openid,
      is_subscribe: 'N',
      trade_type: trade.tradeType,
      trade_state: trade.state,
      trade_state_desc: STATE_DESCRIPTIONS[trade.state],
      total_fee: trade.totalFee,
      fee_type: 'CNY',
      out_trade_no: trade.outTradeNo,
      attach: trade.attach,
      ...(paid
        ? {
            bank_type: 'OTHERS',
            cash_fee: trade.totalFee,
            transaction_id: trade.transactionId,
            time_end: trade.timeEnd,
          }
        : {}),
    });
  }

  closeOrder(request: PayFields): PayFields {
    const reply = this.replier(request);
    const trade = this.findTrade(request);
    if (!trade) return reply.fail('ORDERNOTEXIST', '订单不存在');
    if (trade.state === 'SUCCESS' || trade.state === 'REFUND')
      return reply.fail('ORDERPAID', '订单已支付，不能发起关单');
    if (trade.state === 'CLOSED') return reply.fail('ORDERCLOSED', '订单已关闭，无法重复关闭');
    trade.state = 'CLOSED';
    return reply.ok({});
  }

  /** Accepts (or, for a repeated out_refund_no, re-acknowledges) a refund; the caller schedules its callback. */
  /** New refunds still to refuse with NOTENOUGH (the merchant account short of funds), as a test asked. */
  refundRefusals = 0;

  refundOrder(request: PayFields): { reply: PayFields; accepted?: Refund } {
    const reply = this.replier(request);
    const missing = missingFields(request, ['out_refund_no', 'total_fee', 'refund_fee', 'sub_mch_id', 'nonce_str']);
    if (missing) return { reply: reply.fail('PARAM_ERROR', `缺少参数 ${missing}`) };
    const outRefundNo = String(request.out_refund_no);
    if (!OUT_REFUND_NO.test(outRefundNo)) return { reply: reply.fail('PARAM_ERROR', 'out_refund_no 格式错误') };
    const trade = this.findTrade(request);
    if (!trade) return { reply: reply.fail('ORDERNOTEXIST', '订单不存在') };
    if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') {
      return { reply: reply.fail('TRADE_STATE_ERROR', '订单状态错误，未支付的订单不能退款') };
    }
    const refundFee = positiveInteger(request.refund_fee);
    if (refundFee === undefined) return { reply: reply.fail('PARAM_ERROR', 'refund_fee 须为大于0的整数（单位：分）') };
    if (positiveInteger(request.total_fee) !== trade.totalFee) {
      return { reply: reply.fail('INVALID_REQUEST', '订单金额与支付金额不一致') };
    }

    const previous = this.refunds.get(outRefundNo);
    if (previous) {
      if (previous.outTradeNo !== trade.outTradeNo || previous.refundFee !== refundFee) {
        return { reply: reply.fail('INVALID_REQUEST', '退款单号已用于不同的退款请求') };
      }
      return { reply: reply.ok(this.refundFields(trade, previous)) };
    }
    if (this.refundRefusals > 0) {
      this.refundRefusals--;
      return { reply: reply.fail('NOTENOUGH', '基本账户余额不足，请充值后重新发起') };
    }
    const alreadyRefunded = this.refundsOf(trade).reduce((sum, refund) => sum + refund.refundFee, 0);
    if (alreadyRefunded + refundFee > trade.totalFee) {
      return { reply: reply.fail('INVALID_REQUEST', '申请退款金额超过订单可退金额') };
    }
    const accepted: Refund = {
      outRefundNo,
      refundId: `50${randomDigits(27)}`,
      outTradeNo: trade.outTradeNo,
      refundFee,
      functionName: text(request.function_name),
      status: 'PROCESSING',
      callbacks: [],
    };
    this.refunds.set(outRefundNo, accepted);
    trade.state = 'REFUND';
    return { reply: reply.ok(this.refundFields(trade, accepted)), accepted };
  }

  queryRefund(request: PayFields): PayFields {
    const reply = this.replier(request);
    const byRefundNo = text(request.out_refund_no) ?? text(request.refund_id);
    const wanted = byRefundNo
      ? [...this.refunds.values()].filter((r) => r.outRefundNo === byRefundNo || r.refundId === byRefundNo)
      : this.refundsOf(this.findTrade(request));
    const first = wanted[0];
    const trade = first && this.trades.get(first.outTradeNo);
    if (!first || !trade) return reply.fail('REFUNDNOTEXIST', '退款订单查询失败');
    return reply.ok({
      transaction_id: trade.transactionId,
      out_trade_no: trade.outTradeNo,
      total_fee: trade.totalFee,
      cash_fee: trade.totalFee,
      fee_type: 'CNY',
      refund_count: wanted.length,
      out_refund_no_list: wanted.map((r) => r.outRefundNo),
      refund_id_list: wanted.map((r) => r.refundId),
      refund_fee_list: wanted.map((r) => r.refundFee),
      refund_status_list: wanted.map((r) => r.status),
      refund_success_time_list: wanted.map((r) => r.successTime ?? ''),
    });
  }

  /** Marks the trade paid now (the payer confirmed in WeChat). */
  markPaid(trade: Trade): void {
    trade.state = 'SUCCESS';
    trade.transactionId = `4200${randomDigits(24)}`;
    trade.paidAt = this.now();
    trade.timeEnd = compactChinaTime(trade.paidAt);
  }

  /** Marks the refund done now; the money is back once the refund-result callback is sent. */
  markRefunded(refund: Refund): void {
    if (refund.status === 'SUCCESS') return;
    refund.status = 'SUCCESS';
    refund.refundedAt = this.now();
    refund.successTime = readableChinaTime(refund.refundedAt);
  }

  /** The day's bill as WeChat's text, or a FAIL reply (`No Bill Exist` for a day without transactions). */
  downloadBill(request: PayFields): BillReply {
    const reply = this.replier(request);
    const parsed = parseBillRequest(request);
    if (typeof parsed === 'string')
      return { kind: 'fail', body: { ...reply.fail('PARAM_ERROR', parsed), return_code: 'FAIL', return_msg: parsed } };
    const text = buildBill(
      this.merchant,
      { trades: this.trades.values(), refunds: this.refunds.values(), tradeOf: (no) => this.trades.get(no) },
      parsed,
    );
    if (text === undefined)
      return { kind: 'fail', body: { return_code: 'FAIL', return_msg: 'No Bill Exist', error_code: '20002' } };
    return { kind: 'text', text };
  }

  private refundsOf(trade: Trade | undefined): Refund[] {
    return trade ? [...this.refunds.values()].filter((refund) => refund.outTradeNo === trade.outTradeNo) : [];
  }

  private findTrade(request: PayFields): Trade | undefined {
    const outTradeNo = text(request.out_trade_no);
    if (outTradeNo) return this.trades.get(outTradeNo);
    const transactionId = text(request.transaction_id);
    return transactionId ? [...this.trades.values()].find((t) => t.transactionId === transactionId) : undefined;
  }

  private refundFields(trade: Trade, refund: Refund): PayFields {
    return {
      transaction_id: trade.transactionId,
      out_trade_no: trade.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      settlement_refund_fee: refund.refundFee,
      total_fee: trade.totalFee,
      settlement_total_fee: trade.totalFee,
      fee_type: 'CNY',
      cash_fee: trade.totalFee,
      cash_refund_fee: refund.refundFee,
    };
  }

  private payment(prepayId: string): Record<string, string> {
    const unsigned = {
      appId: this.merchant.appId,
      nonceStr: randomHex(16),
      package: `prepay_id=${prepayId}`,
      signType: 'MD5',
      timeStamp: String(Math.floor(this.now() / 1000)),
    };
    const signed = Object.entries(unsigned)
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    const paySign = createHash('md5').update(`${signed}&key=${EMULATOR_SIGN_KEY}`).digest('hex').toUpperCase();
    return { ...unsigned, paySign };
  }

  private replier(request: PayFields) {
    const common = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: this.merchant.appId,
      mch_id: this.merchant.mchId,
      sub_appid: this.merchant.appId,
      sub_mch_id: text(request.sub_mch_id) ?? '',
      nonce_str: randomHex(16),
      sign: randomHex(16).toUpperCase(),
    };
    return {
      ok: (fields: PayFields): PayFields => withoutUndefined({ ...common, result_code: 'SUCCESS', ...fields }),
      fail: (errCode: string, description: string): PayFields => ({
        ...common,
        result_code: 'FAIL',
        err_code: errCode,
        err_code_des: description,
      }),
    };
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

function missingFields(request: PayFields, required: string[]): string | undefined {
  const missing = required.filter(
    (field) => request[field] === undefined || request[field] === null || request[field] === '',
  );
  return missing.length > 0 ? missing.join(', ') : undefined;
}

function withoutUndefined(fields: PayFields): PayFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
