/**
 * The protobuf messages of `wx.openApi`, built from the field numbers wx-server-sdk 4.0.2 uses
 * (its bundled `src/protobuf/openapi.js`). Only what a request and its reply carry is declared.
 */
import protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; string appid = 6; }
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4;
  repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6;
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** One top-level parameter: JSON text for ordinary values, raw bytes (with a filename) for media. */
export interface OpenApiParam {
  value: Buffer;
  contentType: string;
  filename: string;
}

export interface OpenApiRequest {
  appid: string;
  params: Map<string, OpenApiParam>;
}

export interface OpenApiResponse {
  respData?: Buffer;
  contentType?: string;
  /** Non-zero: a platform refusal (e.g. -604101, no permission) instead of a WeChat reply. */
  errorCode?: number;
}

interface DecodedPair {
  key?: string;
  value?: Uint8Array;
  contenttype?: string;
  filename?: string;
}

/** Throws when the bytes are not a CommApiData message. */
export function decodeOpenApiRequest(bytes: Buffer): OpenApiRequest {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    appid: string;
    openapiData?: { pairs?: DecodedPair[] };
  };
  const params = new Map<string, OpenApiParam>();
  for (const pair of message.openapiData?.pairs ?? []) {
    params.set(pair.key ?? '', {
      value: Buffer.from(pair.value ?? []),
      contentType: pair.contenttype ?? '',
      filename: pair.filename ?? '',
    });
  }
  return { appid: message.appid, params };
}

/** The request as the SDK encodes it: each top-level parameter JSON-stringified into one pair. */
export function encodeOpenApiRequest(params: Record<string, unknown>, appid = ''): Buffer {
  const pairs = Object.entries(params).map(([key, value]) => ({ key, value: Buffer.from(JSON.stringify(value)) }));
  return Buffer.from(CommApiData.encode(CommApiData.create({ apiType: 0, openapiData: { pairs }, appid })).finish());
}

export function encodeOpenApiResponse(response: OpenApiResponse): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create({ httpCode: 200, ...response })).finish());
}

export function decodeOpenApiResponse(bytes: Buffer): Required<OpenApiResponse> {
  const message = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
  };
  return { respData: Buffer.from(message.respData), contentType: message.contentType, errorCode: message.errorCode };
}
