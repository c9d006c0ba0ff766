/** The shapes of the emulated WeChat Pay state: trades, refunds and the merchant, shared by the ledger and the bill. */

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface CallbackRecord {
  at: number;
  /** The function returned `{errcode: 0}`; anything else makes the platform retry. */
  acknowledged: boolean;
}

export interface Trade {
  outTradeNo: string;
  totalFee: number;
  body: string;
  attach?: string;
  subMchId: string;
  functionName: string;
  envId: string;
  tradeType: string;
  openid?: string;
  prepayId: string;
  createdAt: number;
  state: TradeState;
  transactionId?: string;
  timeEnd?: string;
  /** When the payer paid (the bill's 交易时间). */
  paidAt?: number;
  callbacks: CallbackRecord[];
}

export interface Refund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  refundFee: number;
  /** The refund-result callback target; refunds requested without one are never notified. */
  functionName?: string;
  status: 'PROCESSING' | 'SUCCESS';
  successTime?: string;
  /** When the refund succeeded (the bill's 交易时间 of its REFUND line). */
  refundedAt?: number;
  callbacks: CallbackRecord[];
}

export interface Merchant {
  appId: string;
  /** The service provider's merchant number; cloudPay merchants are its sub-merchants. */
  mchId: string;
}

export type PayFields = Record<string, unknown>;
