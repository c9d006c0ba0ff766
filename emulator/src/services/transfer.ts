/**
 * WeChat Pay 商家转账 (user-confirm mode) simulated at `/v3/fund-app/mch-transfer/*` on the emulator's port, so the
 * functions' real client (`wechatpay-axios-plugin`) talks to it unchanged: the merchant's request signature is
 * verified with the merchant key this emulator issued, and every answer is signed with its "WeChat Pay" key.
 *
 * A bill is created WAIT_USER_CONFIRM; `/_emulator/transfers/<out_bill_no>/confirm` is the payee confirming in
 * the mini program (→ SUCCESS, or FAIL when a failure was injected), `/expire` moves the emulator's clock past the
 * 24 h WeChat allows (→ CANCELLED), `/fail` fails it. Each change is posted to the transfer callback function
 * (`transferCallback`, as the platform, never as a user), as often and as concurrently as a test asks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSign, createVerify, generateKeyPairSync, randomBytes, type KeyLike } from 'node:crypto';

/**
 * WeChat Pay v3 signatures (SHA256withRSA over lines each ending in a line feed), written on node:crypto so the
 * emulator needs nothing of the merchant's client library: it stays a standalone tool, and the library's axios
 * (whose browser check breaks under the mini program's window-like test environment) never loads here.
 */
const linesOf = (...pieces: (string | number)[]): string => [...pieces, ''].join('\n');
const Rsa = {
  sign: (message: string, privateKey: KeyLike): string =>
    createSign('sha256WithRSAEncryption').update(message).sign(privateKey, 'base64'),
  verify: (message: string, signature: string, publicKey: KeyLike): boolean =>
    createVerify('sha256WithRSAEncryption').update(message).verify(publicKey, signature, 'base64'),
};
const Formatter = {
  request: (method: string, uri: string, timestamp: string | number, nonce: string, body = ''): string =>
    linesOf(method, uri, timestamp, nonce, body),
  response: (timestamp: string | number, nonce: string, body = ''): string => linesOf(timestamp, nonce, body),
};
import type { EmulatorContext, FunctionRunner } from '../types';
import { readBody, sendJson } from '../http/io';

export const TRANSFER_PATH_PREFIX = '/v3/fund-app/mch-transfer/';
export const TRANSFER_CONFIRM_WINDOW_MS = 24 * 3600_000;
const MCH_ID = '1900000109';
const MERCHANT_SERIAL = 'EMULATOR0MERCHANT0SERIAL0000000000000000';
const PUBLIC_KEY_ID = 'PUB_KEY_ID_0119000001092025EMULATOR00000';

export type BillState = 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELLED';

export interface Bill {
  mchid: string;
  appid: string;
  out_bill_no: string;
  transfer_bill_no: string;
  openid: string;
  transfer_amount: number;
  transfer_scene_id: string;
  user_name?: string;
  notify_url: string;
  state: BillState;
  package_info: string;
  create_time: string;
  createdAt: number;
  fail_reason?: string;
  request: Record<string, unknown>;
}

export interface NotifyOptions {
  deliveries?: number;
  concurrent?: boolean;
}

export interface TransferService {
  /** The environment a function needs to reach this service with the real client. */
  functionEnv(baseUrl: string): Record<string, string>;
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
  bill(outBillNo: string): Bill | undefined;
  bills(): Bill[];
  confirm(outBillNo: string, options?: NotifyOptions): Promise<unknown[] | null>;
  expire(outBillNo: string, options?: NotifyOptions): Promise<unknown[] | null>;
  fail(outBillNo: string, options?: NotifyOptions): Promise<unknown[] | null>;
  /** The next confirmation of this bill fails (e.g. the payee's account is restricted). */
  injectFailure(outBillNo: string): void;
  notify(outBillNo: string, options?: NotifyOptions): Promise<unknown[] | null>;
  reset(): void;
}

function pem(key: { export(options: { type: string; format: 'pem' }): string | Buffer }, type: string): string {
  return key.export({ type, format: 'pem' }).toString();
}

export function createTransferService(deps: {
  context: EmulatorContext;
  invoke: FunctionRunner['invoke'];
  callbackFunction?: string;
}): TransferService {
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platformPrivate = pem(platform.privateKey, 'pkcs8');
  const platformPublic = pem(platform.publicKey, 'spki');
  const merchantPublic = pem(merchant.publicKey, 'spki');
  const bills = new Map<string, Bill>();
  const failing = new Set<string>();
  const callbackFunction = deps.callbackFunction ?? 'transferCallback';
  const now = () => deps.context.clock.now();

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    // On the emulator's clock: the functions check the answer's time against theirs, which is that clock.
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const signature = Rsa.sign(Formatter.response(timestamp, nonce, text), platformPrivate);
    res.writeHead(status, {
      'content-type': 'application/json',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': PUBLIC_KEY_ID,
      'Wechatpay-Signature': signature,
      'Request-ID': randomBytes(8).toString('hex'),
    });
    res.end(text);
  }

  /** The merchant's `WECHATPAY2-SHA256-RSA2048` Authorization, checked against the key issued to it. */
  function signedByMerchant(req: IncomingMessage, body: string): boolean {
    const auth = String(req.headers.authorization ?? '');
    const fields = Object.fromEntries(
      [...auth.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    if (!auth.startsWith('WECHATPAY2-SHA256-RSA2048 ') || fields.mchid !== MCH_ID) return false;
    if (fields.serial_no !== MERCHANT_SERIAL || !fields.signature || !fields.timestamp || !fields.nonce_str)
      return false;
    const message = Formatter.request(req.method ?? '', req.url ?? '', fields.timestamp, fields.nonce_str, body);
    return Rsa.verify(message, fields.signature, merchantPublic);
  }

  /** An unconfirmed bill past its 24 h on the emulator's clock is closed, as WeChat Pay closes it. */
  function current(bill: Bill): Bill {
    if (bill.state === 'WAIT_USER_CONFIRM' && now() >= bill.createdAt + TRANSFER_CONFIRM_WINDOW_MS) {
      bill.state = 'CANCELLED';
      bill.fail_reason = 'TRANSFER_TIMEOUT';
    }
    return bill;
  }

  function view(bill: Bill): Record<string, unknown> {
    const { request: _r, createdAt: _c, user_name: _u, package_info, ...rest } = current(bill);
    return { ...rest, ...(bill.state === 'WAIT_USER_CONFIRM' ? { package_info } : {}) };
  }

  async function create(req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return send(res, 400, { code: 'PARAM_ERROR', message: '请求体不是 JSON' });
    }
    const required = ['appid', 'out_bill_no', 'transfer_scene_id', 'openid', 'transfer_amount', 'transfer_remark'];
    const missing = required.filter((key) => body[key] === undefined || body[key] === '');
    if (missing.length) return send(res, 400, { code: 'PARAM_ERROR', message: `缺少参数 ${missing.join(',')}` });
    const outBillNo = String(body.out_bill_no);
    if (!/^[A-Za-z0-9]{1,32}$/.test(outBillNo))
      return send(res, 400, { code: 'PARAM_ERROR', message: 'out_bill_no 只能由数字、大小写字母组成' });
    const reports = body.transfer_scene_report_infos as Array<{ info_type?: string }> | undefined;
    if (
      body.transfer_scene_id === '1005' &&
      !(['岗位类型', '报酬说明'] as const).every((type) => reports?.some((r) => r.info_type === type))
    ) {
      return send(res, 400, { code: 'PARAM_ERROR', message: '未传入完整且对应的转账场景报备信息,请根据接口文档检查' });
    }
    const amount = body.transfer_amount;
    if (!Number.isSafeInteger(amount) || (amount as number) <= 0)
      return send(res, 400, { code: 'PARAM_ERROR', message: 'transfer_amount 必须为正整数（分）' });
    if ((amount as number) >= 200000 && !body.user_name)
      return send(res, 400, { code: 'PARAM_ERROR', message: '转账金额 >= 2000 元时，收款用户姓名必填' });
    if (body.user_name && req.headers['wechatpay-serial'] !== PUBLIC_KEY_ID)
      return send(res, 400, { code: 'PARAM_ERROR', message: 'Wechatpay-Serial 与加密公钥不符' });
    const existing = bills.get(outBillNo);
    if (existing) {
      // The same bill number is the same bill: a retried request answers it rather than paying twice.
      if (existing.transfer_amount !== amount || existing.openid !== body.openid)
        return send(res, 400, { code: 'INVALID_REQUEST', message: '商户单号重复，且请求参数与原单不一致' });
      return send(res, 200, view(existing));
    }
    const at = now();
    const bill: Bill = {
      mchid: MCH_ID,
      appid: String(body.appid),
      out_bill_no: outBillNo,
      transfer_bill_no: `1330000${at}${randomBytes(4).toString('hex')}`,
      openid: String(body.openid),
      transfer_amount: amount as number,
      transfer_scene_id: String(body.transfer_scene_id),
      ...(body.user_name ? { user_name: String(body.user_name) } : {}),
      notify_url: String(body.notify_url ?? ''),
      state: 'WAIT_USER_CONFIRM',
      package_info: `ABBQO+oYAAABAAAAAAB${randomBytes(12).toString('base64url')}`,
      create_time: new Date(at).toISOString(),
      createdAt: at,
      request: body,
    };
    bills.set(outBillNo, bill);
    send(res, 200, view(bill));
  }

  async function deliver(outBillNo: string, { deliveries = 1, concurrent = false }: NotifyOptions = {}) {
    const bill = bills.get(outBillNo);
    if (!bill) return null;
    // What WeChat Pay posts is signed and encrypted; the function is told only which bill changed and asks.
    const event = {
      id: randomBytes(8).toString('hex'),
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      resource: { out_bill_no: bill.out_bill_no, state: bill.state, mch_id: MCH_ID },
    };
    const once = async () => {
      const outcome = await deps.invoke(callbackFunction, event, { source: 'wx_paycallback' });
      return outcome.ok ? outcome.result : { error: { code: outcome.code, message: outcome.message } };
    };
    if (concurrent) return Promise.all(Array.from({ length: deliveries }, once));
    const results: unknown[] = [];
    for (let i = 0; i < deliveries; i++) results.push(await once());
    return results;
  }

  function settle(outBillNo: string, to: BillState, reason?: string): boolean {
    const bill = bills.get(outBillNo);
    if (!bill || current(bill).state !== 'WAIT_USER_CONFIRM') return false;
    bill.state = to;
    if (reason) bill.fail_reason = reason;
    return true;
  }

  return {
    functionEnv: (baseUrl) => ({
      WECHATPAY_MCHID: MCH_ID,
      WECHATPAY_MERCHANT_SERIAL: MERCHANT_SERIAL,
      WECHATPAY_MERCHANT_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
      WECHATPAY_PUBLIC_KEY_ID: PUBLIC_KEY_ID,
      WECHATPAY_PUBLIC_KEY: platformPublic,
      WECHATPAY_APPID: deps.context.appId,
      WECHATPAY_TRANSFER_NOTIFY_URL: `${baseUrl}/wechatpay/transfer-notify`,
      WECHATPAY_BASE_URL: `${baseUrl}/`,
    }),
    async handle(req, res, pathname) {
      const text = (await readBody(req)).toString('utf8');
      if (!signedByMerchant(req, req.method === 'GET' ? '' : text))
        return send(res, 401, { code: 'SIGN_ERROR', message: '签名错误' });
      const rest = pathname.slice(TRANSFER_PATH_PREFIX.length);
      if (req.method === 'POST' && rest === 'transfer-bills') return create(req, res, text);
      const byNo = /^transfer-bills\/out-bill-no\/([A-Za-z0-9]+)$/.exec(rest);
      if (req.method === 'GET' && byNo) {
        const bill = bills.get(byNo[1] as string);
        if (!bill) return send(res, 404, { code: 'NOT_FOUND', message: '记录不存在' });
        return send(res, 200, view(bill));
      }
      sendJson(res, 404, { code: 'NOT_FOUND', message: `no transfer route ${req.method} ${pathname}` });
    },
    bill: (outBillNo) => {
      const bill = bills.get(outBillNo);
      return bill ? current(bill) : undefined;
    },
    bills: () => [...bills.values()].map(current),
    async confirm(outBillNo, options) {
      const fails = failing.delete(outBillNo);
      if (!settle(outBillNo, fails ? 'FAIL' : 'SUCCESS', fails ? 'ACCOUNT_FROZEN' : undefined)) return null;
      return deliver(outBillNo, options);
    },
    async expire(outBillNo, options) {
      const bill = bills.get(outBillNo);
      if (!bill || bill.state !== 'WAIT_USER_CONFIRM') return null;
      const due = bill.createdAt + TRANSFER_CONFIRM_WINDOW_MS;
      if (now() < due) await deps.context.clock.set(due);
      current(bill);
      return deliver(outBillNo, options);
    },
    async fail(outBillNo, options) {
      if (!settle(outBillNo, 'FAIL', 'ACCOUNT_FROZEN')) return null;
      return deliver(outBillNo, options);
    },
    injectFailure: (outBillNo) => void failing.add(outBillNo),
    notify: deliver,
    reset() {
      bills.clear();
      failing.clear();
    },
  };
}
