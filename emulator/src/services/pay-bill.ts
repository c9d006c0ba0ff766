/**
 * `downloadBill`: the day's transaction bill (交易账单) in WeChat Pay v2's text format for a service provider's
 * sub-merchant, built from the emulator's trades and refunds. Line one is the header, then one line per payment
 * (交易状态 SUCCESS, on the China day it was paid) and per refund (REFUND, on the day it succeeded), each field
 * prefixed with a backtick so spreadsheets keep long numbers as text; then a summary header and its line.
 * Amounts are yuan with two decimals. A day with nothing in it has no bill: WeChat answers `No Bill Exist`.
 */
import { readableChinaTime } from './china-time';
import type { Merchant, PayFields, Refund, Trade } from './pay-state';

export const BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
export const BILL_SUMMARY_HEADER =
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

/** WeChat Pay's standard rate for the categories this shop sells, in basis points. */
const FEE_RATE_BP = 60;

export type BillType = 'ALL' | 'SUCCESS' | 'REFUND';

export interface BillRequest {
  /** yyyyMMdd, a China day. */
  billDate: string;
  billType: BillType;
  subMchId?: string;
}

export interface BillSource {
  trades: Iterable<Trade>;
  refunds: Iterable<Refund>;
  tradeOf(outTradeNo: string): Trade | undefined;
}

export type BillReply = { kind: 'text'; text: string } | { kind: 'fail'; body: PayFields };

export function parseBillRequest(request: PayFields): BillRequest | string {
  const billDate =
    typeof request.bill_date === 'string' || typeof request.bill_date === 'number' ? String(request.bill_date) : '';
  if (!/^\d{8}$/.test(billDate)) return 'bill_date 须为 yyyyMMdd';
  const billType = request.bill_type === undefined ? 'SUCCESS' : String(request.bill_type);
  if (billType !== 'ALL' && billType !== 'SUCCESS' && billType !== 'REFUND')
    return 'bill_type 须为 ALL、SUCCESS 或 REFUND';
  const subMchId = typeof request.sub_mch_id === 'string' && request.sub_mch_id !== '' ? request.sub_mch_id : undefined;
  return { billDate, billType, subMchId };
}

/** The China day (yyyyMMdd) of an instant. */
export function chinaDay(ms: number): string {
  return readableChinaTime(ms).slice(0, 10).replace(/-/g, '');
}

export function buildBill(merchant: Merchant, source: BillSource, request: BillRequest): string | undefined {
  const ofMerchant = (trade: Trade | undefined): trade is Trade =>
    trade !== undefined && (!request.subMchId || trade.subMchId === request.subMchId);
  const rows: Array<{ at: number; fields: string[]; orderFen: number; refundFen: number; feeFen: number }> = [];
  if (request.billType !== 'REFUND') {
    for (const trade of source.trades) {
      if (!ofMerchant(trade) || trade.paidAt === undefined || chinaDay(trade.paidAt) !== request.billDate) continue;
      const feeFen = Math.round((trade.totalFee * FEE_RATE_BP) / 10_000);
      rows.push({
        at: trade.paidAt,
        orderFen: trade.totalFee,
        refundFen: 0,
        feeFen,
        fields: row(merchant, trade, 'SUCCESS', feeFen),
      });
    }
  }
  if (request.billType !== 'SUCCESS') {
    for (const refund of source.refunds) {
      const trade = source.tradeOf(refund.outTradeNo);
      if (!ofMerchant(trade) || refund.refundedAt === undefined || chinaDay(refund.refundedAt) !== request.billDate)
        continue;
      rows.push({
        at: refund.refundedAt,
        orderFen: 0,
        refundFen: refund.refundFee,
        feeFen: 0,
        fields: row(merchant, trade, 'REFUND', 0, refund),
      });
    }
  }
  if (rows.length === 0) return undefined;
  rows.sort((a, b) => a.at - b.at);
  const sum = (pick: (r: (typeof rows)[number]) => number) => yuan(rows.reduce((total, r) => total + pick(r), 0));
  const summary = [
    String(rows.length),
    sum((r) => r.orderFen),
    sum((r) => r.refundFen),
    '0.00',
    sum((r) => r.feeFen),
    sum((r) => r.orderFen),
    sum((r) => r.refundFen),
  ];
  return (
    [BILL_HEADER, ...rows.map((r) => ticked(r.fields)), BILL_SUMMARY_HEADER, ticked(summary)].join('\r\n') + '\r\n'
  );
}

function row(merchant: Merchant, trade: Trade, state: 'SUCCESS' | 'REFUND', feeFen: number, refund?: Refund): string[] {
  const at = state === 'SUCCESS' ? trade.paidAt! : refund!.refundedAt!;
  const orderFen = state === 'SUCCESS' ? trade.totalFee : 0;
  return [
    readableChinaTime(at),
    merchant.appId,
    merchant.mchId,
    trade.subMchId,
    '',
    trade.transactionId ?? '',
    trade.outTradeNo,
    trade.openid ?? '',
    trade.tradeType,
    state,
    'OTHERS',
    'CNY',
    yuan(orderFen),
    '0.00',
    refund?.refundId ?? '0',
    refund?.outRefundNo ?? '0',
    yuan(refund?.refundFee ?? 0),
    '0.00',
    refund ? 'ORIGINAL' : '',
    refund ? 'SUCCESS' : '',
    trade.body.replace(/[,`\r\n]/g, ' '),
    (trade.attach ?? '').replace(/[,`\r\n]/g, ' '),
    yuan(feeFen),
    `${(FEE_RATE_BP / 100).toFixed(2)}%`,
    yuan(state === 'SUCCESS' ? trade.totalFee : 0),
    yuan(refund?.refundFee ?? 0),
    '',
  ];
}

const ticked = (fields: string[]) => fields.map((field) => `\`${field}`).join(',');

/** Fen as yuan with two decimals, by integer arithmetic. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
