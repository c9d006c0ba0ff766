/**
 * WeChat Pay v3 商家转账 through `wechatpay-axios-plugin` (it signs every request with the merchant key and
 * verifies every answer against WeChat Pay's public key, so none of that is hand-written here). The merchant's
 * keys come from the environment only, never from git or the database:
 *
 *   WECHATPAY_MCHID                   商户号
 *   WECHATPAY_MERCHANT_SERIAL         商户API证书序列号
 *   WECHATPAY_MERCHANT_PRIVATE_KEY    商户API私钥 (PEM text)
 *   WECHATPAY_PUBLIC_KEY_ID           微信支付公钥ID (PUB_KEY_ID_…)
 *   WECHATPAY_PUBLIC_KEY              微信支付公钥 (PEM text): verifies answers, encrypts the payee's real name
 *   WECHATPAY_APPID                   the mini program's AppID the openids belong to
 *   WECHATPAY_TRANSFER_NOTIFY_URL     where WeChat Pay posts the bill's result (the transferCallback function's path)
 *   WECHATPAY_BASE_URL                optional; https://api.mch.weixin.qq.com/ by default, the emulator's URL locally
 */
import type { Rsa as RsaClass, Wechatpay as WechatpayClass } from 'wechatpay-axios-plugin';
import { DomainError } from '../../../core/src/errors';
import type { TransferBillRequest, TransferBillState } from '../../../core/src';

/*
 * The package's index.js assigns to a getter-only `default` of its class, which throws once bundled (strict
 * mode); its lib modules are the same classes without that line, so the functions load those.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const Wechatpay = require('wechatpay-axios-plugin/lib/wechatpay') as typeof WechatpayClass;
const Rsa = require('wechatpay-axios-plugin/lib/rsa') as typeof RsaClass;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface TransferConfig {
  mchId: string;
  appId: string;
  notifyUrl: string;
  publicKeyId: string;
  publicKey: string;
}

const REQUIRED = [
  'WECHATPAY_MCHID',
  'WECHATPAY_MERCHANT_SERIAL',
  'WECHATPAY_MERCHANT_PRIVATE_KEY',
  'WECHATPAY_PUBLIC_KEY_ID',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_APPID',
  'WECHATPAY_TRANSFER_NOTIFY_URL',
] as const;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new DomainError('INTERNAL', { missing: name }, '未配置微信支付商家转账，请联系店主');
  return value;
}

export function transferConfig(): TransferConfig {
  for (const name of REQUIRED) env(name);
  return {
    mchId: env('WECHATPAY_MCHID'),
    appId: env('WECHATPAY_APPID'),
    notifyUrl: env('WECHATPAY_TRANSFER_NOTIFY_URL'),
    publicKeyId: env('WECHATPAY_PUBLIC_KEY_ID'),
    publicKey: env('WECHATPAY_PUBLIC_KEY'),
  };
}

interface Verbs {
  post(body: unknown, config?: object): Promise<{ data: unknown }>;
  get(config?: object): Promise<{ data: unknown }>;
}

/** The part of the plugin's chain used here: each property is a path segment (camelCase → dashed). */
interface Chain {
  fundApp: { mchTransfer: { transferBills: Verbs & { outBillNo: { _out_bill_no_: Verbs } } } };
}

function client(): { v3: Chain } {
  const config = transferConfig();
  return new Wechatpay({
    mchid: config.mchId,
    serial: env('WECHATPAY_MERCHANT_SERIAL'),
    privateKey: env('WECHATPAY_MERCHANT_PRIVATE_KEY'),
    certs: { [config.publicKeyId]: config.publicKey },
    baseURL: process.env.WECHATPAY_BASE_URL || 'https://api.mch.weixin.qq.com/',
  } as ConstructorParameters<typeof Wechatpay>[0]) as unknown as { v3: Chain };
}

export interface TransferBill {
  out_bill_no: string;
  transfer_bill_no?: string;
  state: TransferBillState;
  package_info?: string;
  fail_reason?: string;
}

/** The payee's real name encrypted with WeChat Pay's public key (RSA OAEP), as the request's user_name. */
export function encryptForWechatpay(plaintext: string): string {
  return Rsa.encrypt(plaintext, Rsa.from(transferConfig().publicKey, Rsa.KEY_TYPE_PUBLIC));
}

/** `POST /v3/fund-app/mch-transfer/transfer-bills`; the same out_bill_no answers the same bill. */
export async function createTransferBill(body: TransferBillRequest): Promise<TransferBill> {
  const { data } = await client().v3.fundApp.mchTransfer.transferBills.post(body, {
    headers: { 'Wechatpay-Serial': transferConfig().publicKeyId },
  });
  return data as TransferBill;
}

/** `GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}`: the bill as WeChat Pay has it. */
export async function queryTransferBill(outBillNo: string): Promise<TransferBill> {
  const { data } = await client().v3.fundApp.mchTransfer.transferBills.outBillNo._out_bill_no_.get({
    out_bill_no: outBillNo,
  });
  return data as TransferBill;
}
