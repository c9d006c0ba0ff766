/**
 * cloudPay (`wx.wxPayApi`): the order APIs a function calls, plus the hooks that stand in for the payer
 * (simulatePayment) and for WeChat Pay's callbacks. Refund callbacks go out by themselves right after an
 * accepted refund, as the platform sends them shortly after; `idle()` lets a test wait for them.
 */
import type { Caller, EmulatorContext, FunctionRunner } from '../types';
import { PayLedger, type PayFields, type Refund, type Trade, type TradeState } from './pay-ledger';
import {
  deliver,
  paymentNotification,
  refundNotification,
  type DeliveryOptions,
  type DeliveryResult,
} from './pay-notifications';

/** A raw pay reply (send as JSON with a content-type other than exactly `application/json; charset=utf-8`)
 * or a platform error (send as the usual `{code, message, requestId}`). */
export type PayReply =
  { kind: 'pay'; body: PayFields } | { kind: 'text'; text: string } | { kind: 'error'; code: string; message: string };

export interface SimulatePaymentOptions extends DeliveryOptions {
  /** FAIL sends a failed-payment notification and leaves the trade unpaid. */
  result?: 'SUCCESS' | 'FAIL';
}

export interface PaymentSimulation {
  outTradeNo: string;
  tradeState: TradeState;
  transactionId?: string;
  /** Empty when nothing was sent, e.g. for a closed trade, which cannot be paid. */
  deliveries: DeliveryResult[];
}

export interface RefundDelivery {
  outRefundNo: string;
  deliveries: DeliveryResult[];
}

export interface PayService {
  handle(apiName: string, requestData: PayFields, caller?: Caller): Promise<PayReply>;
  /** undefined when no trade has this out_trade_no. */
  simulatePayment(outTradeNo: string, options?: SimulatePaymentOptions): Promise<PaymentSimulation | undefined>;
  /** undefined when no refund has this out_refund_no. */
  deliverRefund(outRefundNo: string, options?: DeliveryOptions): Promise<RefundDelivery | undefined>;
  /** Resolves once no automatic refund callback is in flight. */
  idle(): Promise<void>;
  trade(outTradeNo: string): Readonly<Trade> | undefined;
  refund(outRefundNo: string): Readonly<Refund> | undefined;
  /** The next `times` new refunds are refused (NOTENOUGH), as WeChat Pay refuses when the balance is short. */
  refuseRefunds(times: number): void;
  reset(): void;
}

/** The service provider's merchant number in every reply and event; real sub-merchants sit under one. */
const EMULATOR_MCH_ID = '1900000000';

export function createPayService(options: {
  context: EmulatorContext;
  invoke: FunctionRunner['invoke'];
  log?: (line: string) => void;
}): PayService {
  const { context, invoke } = options;
  const log = options.log ?? (() => undefined);
  const now = () => context.clock.now();
  const merchant = { appId: context.appId, mchId: EMULATOR_MCH_ID };
  const ledger = new PayLedger(merchant, now);
  const automaticDeliveries = new Set<Promise<unknown>>();

  async function deliverRefund(outRefundNo: string, deliveryOptions: DeliveryOptions = {}) {
    const refund = ledger.refund(outRefundNo);
    const trade = refund && ledger.trade(refund.outTradeNo);
    if (!refund || !trade) return undefined;
    ledger.markRefunded(refund);
    if (!refund.functionName) return { outRefundNo, deliveries: [] };
    const event = refundNotification(merchant, trade, refund);
    const deliveries = await deliver(invoke, refund.functionName, event, refund.callbacks, now, deliveryOptions);
    return { outRefundNo, deliveries };
  }

  function scheduleRefundCallback(refund: Refund): void {
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => deliverRefund(refund.outRefundNo))
      .catch((error: Error) => log(`[pay] refund callback for ${refund.outRefundNo} threw: ${error.message}`))
      .finally(() => automaticDeliveries.delete(delivery));
    automaticDeliveries.add(delivery);
  }

  return {
    async handle(apiName, requestData, caller) {
      switch (apiName) {
        case 'unifiedOrder':
          return { kind: 'pay', body: ledger.unifiedOrder(requestData, caller?.openid) };
        case 'queryOrder':
          return { kind: 'pay', body: ledger.queryOrder(requestData) };
        case 'closeOrder':
          return { kind: 'pay', body: ledger.closeOrder(requestData) };
        case 'refund': {
          const { reply, accepted } = ledger.refundOrder(requestData);
          if (accepted) scheduleRefundCallback(accepted);
          return { kind: 'pay', body: reply };
        }
        case 'queryRefund':
          return { kind: 'pay', body: ledger.queryRefund(requestData) };
        case 'downloadBill': {
          const bill = ledger.downloadBill(requestData);
          return bill.kind === 'text' ? bill : { kind: 'pay', body: bill.body };
        }
        default:
          return {
            kind: 'error',
            code: 'INVALID_PARAM',
            message: `cloudPay.${apiName} is not supported by the emulator`,
          };
      }
    },

    async simulatePayment(outTradeNo, { result = 'SUCCESS', ...deliveryOptions } = {}) {
      const trade = ledger.trade(outTradeNo);
      if (!trade) return undefined;
      const summary = (deliveries: DeliveryResult[]) => ({
        outTradeNo,
        tradeState: trade.state,
        transactionId: trade.transactionId,
        deliveries,
      });
      if (result === 'FAIL') {
        if (trade.state !== 'NOTPAY') return summary([]);
      } else {
        // A closed trade can no longer be paid; a paid one is notified again, as when the platform retries.
        if (trade.state === 'CLOSED') return summary([]);
        if (trade.state === 'NOTPAY') ledger.markPaid(trade);
      }
      const event = paymentNotification(merchant, trade, result);
      return summary(await deliver(invoke, trade.functionName, event, trade.callbacks, now, deliveryOptions));
    },

    deliverRefund,

    async idle() {
      while (automaticDeliveries.size > 0) await Promise.all(automaticDeliveries);
    },

    trade: (outTradeNo) => ledger.trade(outTradeNo),
    refund: (outRefundNo) => ledger.refund(outRefundNo),
    refuseRefunds(times) {
      ledger.refundRefusals = times;
    },

    reset() {
      ledger.clear();
      ledger.refundRefusals = 0;
    },
  };
}
