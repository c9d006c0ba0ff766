import { VirtualClock } from '../../src/clock';
import { createPayService, type PayReply, type PayService } from '../../src/services/pay';
import type { Caller, EmulatorContext, InvokeOutcome } from '../../src/types';

const SHOPPER: Caller = { source: 'wx_client', openid: 'o-shopper', appid: 'wxAPP' };

function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    body: '全员分销-测试商品',
    out_trade_no: 'T20240301-0001',
    spbill_create_ip: '127.0.0.1',
    sub_mch_id: '1900000109',
    total_fee: 1999,
    env_id: 'test-env',
    function_name: 'payCallback',
    nonce_str: 'n0nce',
    trade_type: 'JSAPI',
    attach: 'order:42',
    ...overrides,
  };
}

function refundRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub_mch_id: '1900000109',
    nonce_str: 'n0nce',
    out_trade_no: 'T20240301-0001',
    out_refund_no: 'R1',
    total_fee: 1999,
    refund_fee: 500,
    env_id: 'test-env',
    function_name: 'refundCallback',
    ...overrides,
  };
}

function body(reply: PayReply): Record<string, unknown> {
  if (reply.kind !== 'pay') throw new Error(`expected a pay reply, got ${JSON.stringify(reply)}`);
  return reply.body;
}

interface Delivery {
  name: string;
  event: Record<string, unknown>;
  caller: Caller;
}

describe('cloudPay service', () => {
  let clock: VirtualClock;
  let pay: PayService;
  let delivered: Delivery[];
  let running: number;
  let maxRunning: number;
  let answer: (name: string) => InvokeOutcome;

  beforeEach(async () => {
    clock = new VirtualClock();
    // 2024-03-01 09:02:03 in Shanghai.
    await clock.set(Date.parse('2024-03-01T01:02:03Z'));
    const context: EmulatorContext = { envId: 'test-env', appId: 'wxAPP', clock, baseUrl: () => 'http://127.0.0.1:1' };
    delivered = [];
    running = 0;
    maxRunning = 0;
    answer = () => ({ ok: true, result: { errcode: 0, errmsg: 'OK' }, requestId: 'r' });
    pay = createPayService({
      context,
      invoke: async (name, event, caller) => {
        delivered.push({ name, event: event as Record<string, unknown>, caller });
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return answer(name);
      },
    });
  });

  const placeOrder = async (overrides: Record<string, unknown> = {}) =>
    body(await pay.handle('unifiedOrder', order(overrides), SHOPPER));

  describe('unifiedOrder', () => {
    it('answers a prepay id and the wx.requestPayment parameters in camelCase', async () => {
      const reply = await placeOrder();
      expect(reply).toMatchObject({
        return_code: 'SUCCESS',
        result_code: 'SUCCESS',
        appid: 'wxAPP',
        sub_mch_id: '1900000109',
        trade_type: 'JSAPI',
        prepay_id: expect.stringMatching(/^wx20240301090203/),
      });
      expect(reply.payment).toEqual({
        appId: 'wxAPP',
        timeStamp: String(Date.parse('2024-03-01T01:02:03Z') / 1000),
        nonceStr: expect.any(String),
        package: `prepay_id=${String(reply.prepay_id)}`,
        signType: 'MD5',
        paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
      });
      expect(pay.trade('T20240301-0001')).toMatchObject({ state: 'NOTPAY', openid: 'o-shopper', totalFee: 1999 });
    });

    it.each([
      [{ out_trade_no: 'x'.repeat(33) }, 'PARAM_ERROR'],
      [{ out_trade_no: 'bad#no' }, 'PARAM_ERROR'],
      [{ total_fee: 0 }, 'PARAM_ERROR'],
      [{ total_fee: 1.5 }, 'PARAM_ERROR'],
      [{ total_fee: '12abc' }, 'PARAM_ERROR'],
      [{ function_name: undefined }, 'PARAM_ERROR'],
    ])('refuses %j with %s', async (overrides, errCode) => {
      const reply = await placeOrder(overrides);
      expect(reply).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: errCode });
      expect(reply.err_code_des).toEqual(expect.any(String));
    });

    it('needs a payer for JSAPI: the caller or an explicit openid', async () => {
      expect(body(await pay.handle('unifiedOrder', order(), { source: 'wx_trigger' }))).toMatchObject({
        err_code: 'PARAM_ERROR',
      });
      expect(body(await pay.handle('unifiedOrder', order({ openid: 'o-x' }), { source: 'wx_trigger' }))).toMatchObject({
        result_code: 'SUCCESS',
      });
    });

    it('returns the same prepay for a repeated order and refuses a changed amount', async () => {
      const first = await placeOrder();
      const again = await placeOrder();
      expect(again.prepay_id).toBe(first.prepay_id);
      expect(await placeOrder({ total_fee: 2000 })).toMatchObject({ result_code: 'FAIL', err_code: 'INVALID_REQUEST' });
    });

    it('refuses to reopen a paid or closed order', async () => {
      await placeOrder();
      await pay.simulatePayment('T20240301-0001');
      expect(await placeOrder()).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERPAID' });
      await placeOrder({ out_trade_no: 'T2' });
      await pay.handle('closeOrder', { out_trade_no: 'T2', sub_mch_id: '1900000109', nonce_str: 'n' });
      expect(await placeOrder({ out_trade_no: 'T2' })).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERCLOSED' });
    });
  });

  describe('queryOrder and closeOrder', () => {
    it('reports NOTPAY, then SUCCESS with the transaction after payment', async () => {
      await placeOrder();
      const unpaid = body(await pay.handle('queryOrder', { out_trade_no: 'T20240301-0001', sub_mch_id: '1900000109' }));
      expect(unpaid).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY', total_fee: 1999 });
      expect(unpaid).not.toHaveProperty('transaction_id');

      await clock.set(Date.parse('2024-03-01T01:05:00Z'));
      const { transactionId } = (await pay.simulatePayment('T20240301-0001')) ?? {};
      const paid = body(await pay.handle('queryOrder', { transaction_id: transactionId }));
      expect(paid).toMatchObject({
        trade_state: 'SUCCESS',
        transaction_id: transactionId,
        time_end: '20240301090500',
        out_trade_no: 'T20240301-0001',
        attach: 'order:42',
        openid: 'o-shopper',
      });
    });

    it('closes an unpaid order, refuses a paid one, and knows unknown ones', async () => {
      await placeOrder();
      await placeOrder({ out_trade_no: 'T2' });
      await pay.simulatePayment('T2');
      expect(body(await pay.handle('closeOrder', { out_trade_no: 'T20240301-0001' }))).toMatchObject({
        result_code: 'SUCCESS',
      });
      expect(body(await pay.handle('queryOrder', { out_trade_no: 'T20240301-0001' }))).toMatchObject({
        trade_state: 'CLOSED',
      });
      expect(body(await pay.handle('closeOrder', { out_trade_no: 'T2' }))).toMatchObject({
        result_code: 'FAIL',
        err_code: 'ORDERPAID',
      });
      expect(body(await pay.handle('queryOrder', { out_trade_no: 'nope' }))).toMatchObject({
        err_code: 'ORDERNOTEXIST',
      });
    });
  });

  describe('simulatePayment', () => {
    it("marks the trade paid and sends the documented callback event to the order's function", async () => {
      await placeOrder();
      const result = await pay.simulatePayment('T20240301-0001');
      expect(result).toEqual({
        outTradeNo: 'T20240301-0001',
        tradeState: 'SUCCESS',
        transactionId: expect.stringMatching(/^4200\d{24}$/),
        deliveries: [{ errcode: 0, errmsg: 'OK' }],
      });
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.name).toBe('payCallback');
      expect(delivered[0]?.caller).toEqual({ source: 'wx_paycallback' });
      expect(delivered[0]?.event).toEqual({
        returnCode: 'SUCCESS',
        appid: 'wxAPP',
        mchId: expect.any(String),
        subAppid: 'wxAPP',
        subMchId: '1900000109',
        nonceStr: expect.any(String),
        resultCode: 'SUCCESS',
        openid: 'o-shopper',
        subOpenid: 'o-shopper',
        isSubscribe: 'N',
        subIsSubscribe: 'N',
        tradeType: 'JSAPI',
        bankType: 'OTHERS',
        totalFee: 1999,
        feeType: 'CNY',
        cashFee: 1999,
        transactionId: result?.transactionId,
        outTradeNo: 'T20240301-0001',
        timeEnd: '20240301090203',
        attach: 'order:42',
      });
      expect(pay.trade('T20240301-0001')?.callbacks).toEqual([{ at: expect.any(Number), acknowledged: true }]);
    });

    it('delivers N times one after another, or all at once', async () => {
      await placeOrder();
      await pay.simulatePayment('T20240301-0001', { deliveries: 3 });
      expect(maxRunning).toBe(1);
      await pay.simulatePayment('T20240301-0001', { deliveries: 3, concurrent: true });
      expect(maxRunning).toBe(3);
      expect(delivered).toHaveLength(6);
      // Every delivery is the same notification, as a platform retry is.
      expect(new Set(delivered.map((d) => d.event.transactionId)).size).toBe(1);
    });

    it('reports failed invocations and records unacknowledged deliveries', async () => {
      await placeOrder();
      answer = () => ({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: 'Error: boom', requestId: 'r' });
      const failing = await pay.simulatePayment('T20240301-0001');
      expect(failing?.deliveries).toEqual([{ error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'Error: boom' } }]);
      answer = () => ({ ok: true, result: { errcode: 1 }, requestId: 'r' });
      await pay.simulatePayment('T20240301-0001');
      expect(pay.trade('T20240301-0001')?.callbacks.map((c) => c.acknowledged)).toEqual([false, false]);
    });

    it('sends a failed-payment notification without marking the trade paid', async () => {
      await placeOrder();
      const result = await pay.simulatePayment('T20240301-0001', { result: 'FAIL' });
      expect(result?.tradeState).toBe('NOTPAY');
      expect(delivered[0]?.event).toMatchObject({ resultCode: 'FAIL', outTradeNo: 'T20240301-0001' });
      expect(delivered[0]?.event).not.toHaveProperty('transactionId');
    });

    it('cannot pay a closed trade and does not know unknown ones', async () => {
      await placeOrder();
      await pay.handle('closeOrder', { out_trade_no: 'T20240301-0001' });
      expect(await pay.simulatePayment('T20240301-0001')).toMatchObject({ tradeState: 'CLOSED', deliveries: [] });
      expect(await pay.simulatePayment('unknown')).toBeUndefined();
      expect(delivered).toEqual([]);
    });
  });

  describe('refund', () => {
    beforeEach(async () => {
      await placeOrder();
    });

    it('refuses an unpaid trade', async () => {
      expect(body(await pay.handle('refund', refundRequest()))).toMatchObject({
        result_code: 'FAIL',
        err_code: 'TRADE_STATE_ERROR',
      });
    });

    it('accepts, then calls back the refund function shortly after', async () => {
      await pay.simulatePayment('T20240301-0001');
      delivered = [];
      const accepted = body(await pay.handle('refund', refundRequest()));
      expect(accepted).toMatchObject({
        result_code: 'SUCCESS',
        out_refund_no: 'R1',
        refund_id: expect.stringMatching(/^50\d{27}$/),
        refund_fee: 500,
        total_fee: 1999,
      });
      expect(delivered).toEqual([]);
      expect(body(await pay.handle('queryOrder', { out_trade_no: 'T20240301-0001' }))).toMatchObject({
        trade_state: 'REFUND',
      });

      await clock.set(Date.parse('2024-03-01T02:00:00Z'));
      await pay.idle();
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.name).toBe('refundCallback');
      expect(delivered[0]?.caller).toEqual({ source: 'wx_paycallback' });
      expect(delivered[0]?.event).toEqual({
        returnCode: 'SUCCESS',
        appid: 'wxAPP',
        mchId: expect.any(String),
        subMchId: '1900000109',
        nonceStr: expect.any(String),
        transactionId: pay.trade('T20240301-0001')?.transactionId,
        outTradeNo: 'T20240301-0001',
        refundId: accepted.refund_id,
        outRefundNo: 'R1',
        totalFee: 1999,
        refundFee: 500,
        settlementRefundFee: 500,
        refundStatus: 'SUCCESS',
        successTime: '2024-03-01 10:00:00',
        refundRecvAccout: expect.any(String),
        refundAccount: expect.any(String),
        refundRequestSource: expect.any(String),
      });
      expect(pay.refund('R1')?.callbacks).toEqual([{ at: expect.any(Number), acknowledged: true }]);
    });

    it('is idempotent per out_refund_no and caps the sum of refunds at the total', async () => {
      await pay.simulatePayment('T20240301-0001');
      const first = body(await pay.handle('refund', refundRequest()));
      const repeated = body(await pay.handle('refund', refundRequest()));
      expect(repeated).toMatchObject({ result_code: 'SUCCESS', refund_id: first.refund_id });
      expect(body(await pay.handle('refund', refundRequest({ refund_fee: 600 })))).toMatchObject({
        result_code: 'FAIL',
        err_code: 'INVALID_REQUEST',
      });
      expect(body(await pay.handle('refund', refundRequest({ out_refund_no: 'R2', refund_fee: 1499 })))).toMatchObject({
        result_code: 'SUCCESS',
      });
      expect(body(await pay.handle('refund', refundRequest({ out_refund_no: 'R3', refund_fee: 1 })))).toMatchObject({
        result_code: 'FAIL',
        err_code: 'INVALID_REQUEST',
      });
      expect(body(await pay.handle('refund', refundRequest({ out_refund_no: 'R4', total_fee: 1 })))).toMatchObject({
        result_code: 'FAIL',
      });
      await pay.idle();
      expect(delivered.filter((d) => d.name === 'refundCallback').map((d) => d.event.outRefundNo)).toEqual([
        'R1',
        'R2',
      ]);

      const query = body(await pay.handle('queryRefund', { out_trade_no: 'T20240301-0001' }));
      expect(query).toMatchObject({
        result_code: 'SUCCESS',
        refund_count: 2,
        out_refund_no_list: ['R1', 'R2'],
        refund_fee_list: [500, 1499],
        refund_status_list: ['SUCCESS', 'SUCCESS'],
      });
      expect(body(await pay.handle('queryRefund', { out_refund_no: 'R9' }))).toMatchObject({
        err_code: 'REFUNDNOTEXIST',
      });
    });

    it('re-delivers a refund callback on demand, concurrently if asked', async () => {
      await pay.simulatePayment('T20240301-0001');
      await pay.handle('refund', refundRequest());
      await pay.idle();
      maxRunning = 0;
      const result = await pay.deliverRefund('R1', { deliveries: 2, concurrent: true });
      expect(result?.deliveries).toHaveLength(2);
      expect(maxRunning).toBe(2);
      expect(await pay.deliverRefund('R404')).toBeUndefined();
    });
  });

  it('answers a platform error for APIs it does not emulate', async () => {
    expect(await pay.handle('downloadFundFlow', {})).toEqual({
      kind: 'error',
      code: 'INVALID_PARAM',
      message: expect.stringContaining('downloadFundFlow'),
    });
  });

  describe('downloadBill', () => {
    const billOf = async (fields: Record<string, unknown>) => {
      const reply = await pay.handle('downloadBill', {
        sub_mch_id: '1900000109',
        nonce_str: 'b',
        bill_type: 'ALL',
        ...fields,
      });
      if (reply.kind !== 'text') throw new Error(`expected a bill, got ${JSON.stringify(reply)}`);
      return reply.text.split('\r\n');
    };

    it("lists the China day's payments and refunds in WeChat's text format, with the summary", async () => {
      await placeOrder();
      await pay.simulatePayment('T20240301-0001');
      await pay.handle('refund', refundRequest());
      await clock.set(Date.parse('2024-03-01T02:00:00Z'));
      await pay.idle();
      const trade = pay.trade('T20240301-0001')!;
      const refund = pay.refund('R1')!;
      const lines = await billOf({ bill_date: '20240301' });
      expect(lines).toEqual([
        '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
        `\`2024-03-01 09:02:03,\`wxAPP,\`1900000000,\`1900000109,\`,\`${trade.transactionId},\`T20240301-0001,\`o-shopper,\`JSAPI,\`SUCCESS,\`OTHERS,\`CNY,\`19.99,\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`全员分销-测试商品,\`order:42,\`0.12,\`0.60%,\`19.99,\`0.00,\``,
        `\`2024-03-01 10:00:00,\`wxAPP,\`1900000000,\`1900000109,\`,\`${trade.transactionId},\`T20240301-0001,\`o-shopper,\`JSAPI,\`REFUND,\`OTHERS,\`CNY,\`0.00,\`0.00,\`${refund.refundId},\`R1,\`5.00,\`0.00,\`ORIGINAL,\`SUCCESS,\`全员分销-测试商品,\`order:42,\`0.00,\`0.60%,\`0.00,\`5.00,\``,
        '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
        '`2,`19.99,`5.00,`0.00,`0.12,`19.99,`5.00',
        '',
      ]);
      expect(
        (await billOf({ bill_date: '20240301', bill_type: 'REFUND' })).filter((l) => l.includes('`SUCCESS,`OTHERS')),
      ).toEqual([]);
    });

    it('a payment belongs to the China day it was paid on, and a day without transactions has no bill', async () => {
      await clock.set(Date.parse('2024-03-01T16:30:00Z')); // 00:30 on 2 March in Shanghai
      await placeOrder();
      await pay.simulatePayment('T20240301-0001');
      expect((await billOf({ bill_date: '20240302' })).some((l) => l.includes('`T20240301-0001,'))).toBe(true);
      expect(
        await pay.handle('downloadBill', { sub_mch_id: '1900000109', bill_date: '20240301', bill_type: 'ALL' }),
      ).toEqual({
        kind: 'pay',
        body: { return_code: 'FAIL', return_msg: 'No Bill Exist', error_code: '20002' },
      });
      expect(
        await pay.handle('downloadBill', { sub_mch_id: 'other', bill_date: '20240302', bill_type: 'ALL' }),
      ).toMatchObject({
        body: { return_msg: 'No Bill Exist' },
      });
    });
  });

  it('forgets every trade on reset', async () => {
    await placeOrder();
    pay.reset();
    expect(pay.trade('T20240301-0001')).toBeUndefined();
  });
});
