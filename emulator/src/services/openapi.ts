/**
 * Cloud calls (`wx.openApi`): protobuf CommApiData in, binary CommOpenApiResp out. Emulated APIs answer as
 * WeChat would (JSON `{errcode, errmsg}` on refusal, an image for codes); every code issued and every
 * subscribe message sent is recorded so tests can scan the code or read the message.
 *
 * An API the emulator does not implement answers WeChat's 48001 "api unauthorized" with an explanation: the
 * SDK turns a JSON errcode into `openapi.<api>:fail <errmsg>`, which tells the developer what happened, while a
 * platform errorCode would only surface as "system error: error code: …".
 */
import type { EmulatorContext } from '../types';
import { decodeOpenApiRequest, encodeOpenApiResponse, type OpenApiParam } from './openapi-codec';
import { renderWxacode, validateWxacodeParams, type WechatError } from './wxacode';
import { createPhoneNumberService, type PhoneInfo } from './phone-numbers';

export interface IssuedWxacode {
  scene: string;
  page: string;
  width: number;
  envVersion: string;
  at: number;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, unknown>;
  miniprogramState: string;
  lang?: string;
  at: number;
}

/** One `wxa.sec.order.uploadShippingInfo` call WeChat accepted (发货信息管理服务). */
export interface ShippingUpload {
  orderKey: Record<string, unknown>;
  logisticsType: number;
  deliveryMode: number;
  shippingList: Record<string, unknown>[];
  uploadTime: string;
  payerOpenid: string;
  at: number;
}

export interface OpenApiService {
  /** `callerFunction`: the function whose invocation sent the request, for the `permissions.openapi` check. */
  handle(apiName: string, requestData: Buffer, callerFunction?: string): Promise<Buffer>;
  issuedCodes(): IssuedWxacode[];
  outbox(): SubscribeMessage[];
  /** A `getPhoneNumber` button's code for this user (the user tapping 允许), for `phonenumber.getPhoneNumber`. */
  issuePhoneCode(openid: string, phoneNumber?: string): { code: string; purePhoneNumber: string; expiresAt: number };
  shippingUploads(): ShippingUpload[];
  /** The next `times` shipping uploads are refused with `errcode` (default -1, system error), then accepted again. */
  refuseShippingUploads(times: number, errcode?: number, errmsg?: string): void;
  reset(): void;
}

/** `-604101 function has no permission to call this API`. */
export const NO_PERMISSION_ERROR_CODE = -604101;

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];

/** An image (sent as image/png) or WeChat's JSON answer (sent as application/json). */
type ApiReply = { image: Buffer } | { json: WechatError & { phone_info?: PhoneInfo } };

export function createOpenApiService(options: {
  context: EmulatorContext;
  permissionsOf: (functionName: string) => string[];
}): OpenApiService {
  const { context, permissionsOf } = options;
  let issued: IssuedWxacode[] = [];
  let sent: SubscribeMessage[] = [];
  const phoneNumbers = createPhoneNumberService(context);
  let uploads: ShippingUpload[] = [];
  let uploadRefusals: { times: number; errcode: number; errmsg: string } = { times: 0, errcode: -1, errmsg: '' };

  /**
   * Checks what WeChat's documentation requires (order_key by merchant order number or transaction id, logistics
   * type 1–4, delivery mode 1–2, 1–15 parcels each with item_desc, tracking number and company for express, an
   * upload time, the payer's openid) and records the upload, unless told to refuse it.
   */
  function uploadShippingInfo(params: Record<string, unknown>): ApiReply {
    const refuse = (errcode: number, errmsg: string): ApiReply => ({ json: { errcode, errmsg } });
    const orderKey = params.order_key as Record<string, unknown> | undefined;
    const byTradeNo = orderKey?.order_number_type === 1 && orderKey.mchid && orderKey.out_trade_no;
    const byTransaction = orderKey?.order_number_type === 2 && orderKey.transaction_id;
    if (!byTradeNo && !byTransaction) return refuse(47001, 'data format error: order_key');
    const logisticsType = params.logistics_type;
    if (typeof logisticsType !== 'number' || ![1, 2, 3, 4].includes(logisticsType))
      return refuse(47001, 'data format error: logistics_type');
    const deliveryMode = params.delivery_mode;
    if (deliveryMode !== 1 && deliveryMode !== 2) return refuse(47001, 'data format error: delivery_mode');
    const list = params.shipping_list;
    if (!Array.isArray(list) || list.length < 1 || list.length > 15)
      return refuse(47001, 'data format error: shipping_list');
    for (const parcel of list as Record<string, unknown>[]) {
      if (typeof parcel.item_desc !== 'string' || parcel.item_desc === '' || parcel.item_desc.length > 120)
        return refuse(47001, 'data format error: item_desc');
      if (logisticsType === 1 && (!parcel.tracking_no || !parcel.express_company))
        return refuse(47001, 'data format error: tracking_no and express_company are required for express');
    }
    if (typeof params.upload_time !== 'string' || Number.isNaN(Date.parse(params.upload_time)))
      return refuse(47001, 'data format error: upload_time');
    const payer = params.payer as Record<string, unknown> | undefined;
    if (typeof payer?.openid !== 'string' || payer.openid === '') return refuse(40003, 'invalid openid');
    if (uploadRefusals.times > 0) {
      uploadRefusals = { ...uploadRefusals, times: uploadRefusals.times - 1 };
      return refuse(uploadRefusals.errcode, uploadRefusals.errmsg);
    }
    uploads.push({
      orderKey,
      logisticsType,
      deliveryMode,
      shippingList: list as Record<string, unknown>[],
      uploadTime: params.upload_time,
      payerOpenid: payer.openid,
      at: context.clock.now(),
    } as ShippingUpload);
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  async function getUnlimited(params: Record<string, unknown>): Promise<ApiReply> {
    const checked = validateWxacodeParams(params);
    if ('errcode' in checked) return { json: checked };
    const image = await renderWxacode(checked);
    issued.push({ ...checked, at: context.clock.now() });
    return { image };
  }

  function sendSubscribeMessage(params: Record<string, unknown>): ApiReply {
    const { touser, template_id: templateId, page, data, miniprogram_state: state = 'formal', lang } = params;
    const refuse = (errcode: number, errmsg: string): ApiReply => ({ json: { errcode, errmsg } });
    if (typeof touser !== 'string' || touser === '') return refuse(40003, 'invalid openid');
    if (typeof templateId !== 'string' || templateId === '') return refuse(40037, 'invalid template_id');
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return refuse(47003, 'argument invalid! data is not an object');
    }
    if (typeof state !== 'string' || !MINIPROGRAM_STATES.includes(state)) {
      return refuse(47003, `argument invalid! miniprogram_state must be one of ${MINIPROGRAM_STATES.join(', ')}`);
    }
    sent.push({
      touser,
      templateId,
      page: typeof page === 'string' ? page : undefined,
      data: data as Record<string, unknown>,
      miniprogramState: state,
      lang: typeof lang === 'string' ? lang : undefined,
      at: context.clock.now(),
    });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  const apis: Record<string, (params: Record<string, unknown>) => ApiReply | Promise<ApiReply>> = {
    'wxacode.getUnlimited': getUnlimited,
    'subscribeMessage.send': sendSubscribeMessage,
    'phonenumber.getPhoneNumber': (params) => ({ json: phoneNumbers.exchange(params) }),
    'wxa.sec.order.uploadShippingInfo': uploadShippingInfo,
  };

  return {
    async handle(apiName, requestData, callerFunction) {
      if (callerFunction !== undefined && !permissionsOf(callerFunction).includes(apiName)) {
        return encodeOpenApiResponse({ errorCode: NO_PERMISSION_ERROR_CODE });
      }
      const api = apis[apiName];
      if (!api)
        return jsonResponse({ errcode: 48001, errmsg: `api unauthorized: the emulator does not implement ${apiName}` });
      let params: Record<string, unknown>;
      try {
        params = jsonParams(decodeOpenApiRequest(requestData).params);
      } catch (error) {
        return jsonResponse({ errcode: 47001, errmsg: `data format error: ${(error as Error).message}` });
      }
      const reply = await api(params);
      if ('image' in reply) return encodeOpenApiResponse({ respData: reply.image, contentType: 'image/png' });
      return jsonResponse(reply.json);
    },
    issuedCodes: () => [...issued],
    outbox: () => [...sent],
    issuePhoneCode: (openid, phoneNumber) => phoneNumbers.issue(openid, phoneNumber),
    shippingUploads: () => [...uploads],
    refuseShippingUploads(times, errcode = -1, errmsg = 'system error (the emulator was told to refuse)') {
      uploadRefusals = { times, errcode, errmsg };
    },
    reset() {
      issued = [];
      sent = [];
      phoneNumbers.reset();
      uploads = [];
      uploadRefusals = { times: 0, errcode: -1, errmsg: '' };
    },
  };
}

function jsonResponse(body: unknown): Buffer {
  return encodeOpenApiResponse({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json' });
}

/** Every parameter the emulated APIs take is JSON; a value that is not (a media upload) is kept as its bytes. */
function jsonParams(params: Map<string, OpenApiParam>): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [key, param] of params) {
    try {
      decoded[key] = JSON.parse(param.value.toString('utf8'));
    } catch {
      decoded[key] = param.value;
    }
  }
  return decoded;
}
