/**
 * The real wx-server-sdk 4.0.2 against the services over HTTP: proves the wire formats (multipart, protobuf,
 * raw pay JSON, storage URLs) are what the SDK sends and understands.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../src/clock';
import { createOpenApiService } from '../../src/services/openapi';
import { createPayService } from '../../src/services/pay';
import { createStorageService } from '../../src/services/storage';
import { parseWxacodeText } from '../../src/services/wxacode';
import type { EmulatorContext } from '../../src/types';
import { readQrText } from './png-qr';
import { loadSdk, startFixture, type Fixture, type WxServerSdk } from './sdk-fixture';

const ENV_ID = 'test-env';

describe('wx-server-sdk against the platform services', () => {
  let fixture: Fixture;
  let cloud: WxServerSdk;
  let storageDir: string;
  const paymentCallbacks: unknown[] = [];
  const services = (() => {
    let baseUrl = '';
    const context: EmulatorContext = {
      envId: ENV_ID,
      appId: 'wxAPP',
      clock: new VirtualClock(),
      baseUrl: () => baseUrl,
    };
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-storage-'));
    return {
      setBaseUrl: (url: string) => (baseUrl = url),
      openapi: createOpenApiService({
        context,
        permissionsOf: () => ['wxacode.getUnlimited', 'subscribeMessage.send'],
      }),
      pay: createPayService({
        context,
        invoke: async (_name, event) => {
          paymentCallbacks.push(event);
          return { ok: true, result: { errcode: 0 }, requestId: 'r' };
        },
      }),
      storage: createStorageService({ context, dir: storageDir }),
    };
  })();

  beforeAll(async () => {
    fixture = await startFixture({
      ...services,
      callerFunction: 'share',
      caller: { source: 'wx_client', openid: 'o-shopper' },
    });
    services.setBaseUrl(fixture.url);
    cloud = loadSdk(fixture.url, ENV_ID);
  });

  afterAll(async () => {
    await fixture.close();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });

  describe('openapi', () => {
    it('wxacode.getUnlimited yields {contentType, buffer}, a PNG that scans to the page and scene', async () => {
      const result = await cloud.openapi.wxacode!.getUnlimited!({
        scene: 'u=o-shopper&c=7',
        page: 'pages/goods/goods',
        checkPath: false,
      });
      expect(result).toMatchObject({ contentType: 'image/png', errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok' });
      const scanned = parseWxacodeText(readQrText(result.buffer as Buffer) ?? '');
      expect(scanned).toEqual({
        page: 'pages/goods/goods',
        scene: 'u=o-shopper&c=7',
        query: { scene: 'u%3Do-shopper%26c%3D7' },
      });
    });

    it("wxacode.getUnlimited rejects with WeChat's errcode for a bad scene", async () => {
      await expect(
        cloud.openapi.wxacode!.getUnlimited!({ scene: '分销员', page: 'pages/goods/goods' }),
      ).rejects.toMatchObject({
        errCode: 40169,
      });
    });

    it('subscribeMessage.send lands in the outbox with the camelCase fields', async () => {
      const result = await cloud.openapi.subscribeMessage!.send!({
        touser: 'o-shopper',
        templateId: 'TPL-COMMISSION',
        page: 'pages/me/me',
        data: { thing1: { value: '佣金到账' } },
        miniprogramState: 'trial',
      });
      expect(result).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
      expect(services.openapi.outbox()).toContainEqual(
        expect.objectContaining({ touser: 'o-shopper', templateId: 'TPL-COMMISSION', miniprogramState: 'trial' }),
      );
    });

    it("an API missing from the function's permissions rejects with -604101", async () => {
      await expect(
        cloud.openapi.security!.msgSecCheck!({ content: 'hi', version: 2, scene: 1, openid: 'o' }),
      ).rejects.toMatchObject({
        errCode: -604101,
      });
    });
  });

  describe('cloudPay', () => {
    it('unifiedOrder, payment, queryOrder, refund and closeOrder through the SDK', async () => {
      const order = await cloud.cloudPay.unifiedOrder!({
        body: '测试商品',
        outTradeNo: 'SDK-ORDER-1',
        spbillCreateIp: '127.0.0.1',
        subMchId: '1900000109',
        totalFee: 100,
        envId: ENV_ID,
        functionName: 'payCallback',
        nonceStr: 'abc',
        tradeType: 'JSAPI',
      });
      expect(order).toMatchObject({
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        prepayId: expect.any(String),
        errCode: 0,
        errMsg: 'cloudPay.unifiedOrder:ok',
      });
      expect(Object.keys(order.payment as object).sort()).toEqual([
        'appId',
        'nonceStr',
        'package',
        'paySign',
        'signType',
        'timeStamp',
      ]);

      await services.pay.simulatePayment('SDK-ORDER-1');
      expect(paymentCallbacks).toContainEqual(
        expect.objectContaining({ outTradeNo: 'SDK-ORDER-1', openid: 'o-shopper' }),
      );
      const query = await cloud.cloudPay.queryOrder!({
        subMchId: '1900000109',
        outTradeNo: 'SDK-ORDER-1',
        nonceStr: 'q',
      });
      expect(query).toMatchObject({
        tradeState: 'SUCCESS',
        transactionId: expect.stringMatching(/^4200/),
        totalFee: 100,
      });

      const refund = await cloud.cloudPay.refund!({
        subMchId: '1900000109',
        nonceStr: 'r',
        outTradeNo: 'SDK-ORDER-1',
        outRefundNo: 'SDK-REFUND-1',
        totalFee: 100,
        refundFee: 100,
        envId: ENV_ID,
        functionName: 'refundCallback',
      });
      expect(refund).toMatchObject({
        resultCode: 'SUCCESS',
        refundId: expect.any(String),
        errMsg: 'cloudPay.refund:ok',
      });
      await services.pay.idle();

      const close = await cloud.cloudPay.closeOrder!({
        subMchId: '1900000109',
        outTradeNo: 'SDK-ORDER-1',
        nonceStr: 'c',
      });
      // The SDK's own errCode: 0 overwrites the camelCased err_code; err_code_des survives.
      expect(close).toMatchObject({ resultCode: 'FAIL', errCode: 0, errCodeDes: expect.stringContaining('已支付') });
    });

    it('sends requestData as snake_case JSON', () => {
      const unified = fixture.multipartRequests.find((fields) => fields.apiName?.toString() === 'unifiedOrder');
      expect(JSON.parse(unified?.requestData?.toString() ?? '{}')).toMatchObject({
        out_trade_no: 'SDK-ORDER-1',
        total_fee: 100,
      });
    });

    it("downloadBill hands the day's bill to the function as text, and a day without one as No Bill Exist", async () => {
      const pay = cloud.cloudPay as unknown as Record<
        string,
        (params: Record<string, unknown>) => Promise<Record<string, unknown>>
      >;
      const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
      const bill = await pay.downloadBill!({ subMchId: '1900000109', billDate: day, billType: 'ALL' });
      expect(typeof bill.data).toBe('string');
      const lines = String(bill.data).trim().split('\r\n');
      expect(lines[0]).toMatch(/^交易时间,公众账号ID,商户号,特约商户号,/);
      expect(lines.some((line) => line.includes('`SDK-ORDER-1,') && line.includes('`SUCCESS,'))).toBe(true);
      expect(lines.some((line) => line.includes('`SDK-REFUND-1,') && line.includes('`REFUND,'))).toBe(true);
      expect(await pay.downloadBill!({ subMchId: '1900000109', billDate: '20000101', billType: 'ALL' })).toMatchObject({
        returnCode: 'FAIL',
        returnMsg: 'No Bill Exist',
      });
    });

    it('an API the emulator lacks rejects with the INVALID_PARAM code', async () => {
      const pay = cloud.cloudPay as unknown as Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
      await expect(
        pay.downloadFundFlow!({ subMchId: '1900000109', billDate: '20240301', accountType: 'Basic' }),
      ).rejects.toMatchObject({
        errCode: -501007,
      });
    });
  });

  describe('storage', () => {
    it('uploadFile, getTempFileURL, downloadFile and deleteFile round trip', async () => {
      const bytes = Buffer.from('分销海报 poster bytes \u0000\u00ff');
      const cloudPath = 'posters/o-shopper/海报 1.png';
      const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: bytes });
      expect(fileID).toBe(`cloud://${ENV_ID}.7465-${ENV_ID}/${cloudPath}`);
      expect(fs.readFileSync(path.join(storageDir, 'posters', 'o-shopper', '海报 1.png'))).toEqual(bytes);

      const missing = `cloud://${ENV_ID}.7465-${ENV_ID}/nope.png`;
      const temp = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }, missing] });
      expect(temp.fileList[0]).toMatchObject({
        fileID,
        status: 0,
        maxAge: 60,
        tempFileURL: expect.stringContaining(fixture.url),
      });
      expect(temp.fileList[1]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' });

      const downloaded = await cloud.downloadFile({ fileID });
      expect(Buffer.from(downloaded.fileContent)).toEqual(bytes);

      const deleted = await cloud.deleteFile({ fileList: [fileID, missing] });
      expect(deleted.fileList.map((f) => f.status)).toEqual([0, -503003]);
      await expect(cloud.downloadFile({ fileID })).rejects.toBeDefined();
    });
  });
});
