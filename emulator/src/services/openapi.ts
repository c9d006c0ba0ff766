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

export interface OpenApiService {
  /** `callerFunction`: the function whose invocation sent the request, for the `permissions.openapi` check. */
  handle(apiName: string, requestData: Buffer, callerFunction?: string): Promise<Buffer>;
  issuedCodes(): IssuedWxacode[];
  outbox(): SubscribeMessage[];
  /** A `getPhoneNumber` button's code for this user (the user tapping 允许), for `phonenumber.getPhoneNumber`. */
  issuePhoneCode(openid: string, phoneNumber?: string): { code: string; purePhoneNumber: string; expiresAt: number };
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
    reset() {
      issued = [];
      sent = [];
      phoneNumbers.reset();
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
