/**
 * WeChat open APIs that tell the shopper something: subscribe messages (`subscribeMessage.send`) and the shipping
 * information every WeChat Pay mini program must report (`wxa.sec.order.uploadShippingInfo`, 发货信息管理服务).
 * A JSON errcode other than 0 makes wx-server-sdk throw `openapi.<api>:fail <errmsg>`; callers decide whether that
 * is retried (the upload) or only logged (a message).
 */
import { cloud } from './cloud';

interface OpenApi {
  subscribeMessage: { send(params: Record<string, unknown>): Promise<unknown> };
  wxa: { sec: { order: { uploadShippingInfo(params: Record<string, unknown>): Promise<unknown> } } };
}

function openapi(): OpenApi {
  return cloud.openapi as unknown as OpenApi;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  /** Template keys (`thing1`, `amount2`…) → their values; the SDK sends them as `{ key: { value } }`. */
  data: Record<string, string>;
}

export async function sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
  const data: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(message.data)) data[key] = { value: value.slice(0, 20) };
  await openapi().subscribeMessage.send({
    touser: message.touser,
    templateId: message.templateId,
    page: message.page,
    data,
    miniprogramState: 'formal',
  });
}

/** 1 express, 2 same-city delivery, 3 virtual goods, 4 pickup by the shopper (WeChat's `logistics_type`). */
export type LogisticsType = 1 | 2 | 3 | 4;

export interface ShippingInfo {
  outTradeNo: string;
  mchId: string;
  payerOpenid: string;
  logisticsType: LogisticsType;
  /** ≤ 120 characters: what is in the parcel. */
  itemDesc: string;
  trackingNo?: string;
  expressCompany?: string;
  /** RFC 3339 with the China offset; WeChat orders uploads of one payment by it. */
  uploadTime: string;
}

export async function uploadShippingInfo(info: ShippingInfo): Promise<void> {
  const express = info.logisticsType === 1;
  await openapi().wxa.sec.order.uploadShippingInfo({
    orderKey: { orderNumberType: 1, mchid: info.mchId, outTradeNo: info.outTradeNo },
    logisticsType: info.logisticsType,
    deliveryMode: 1,
    shippingList: [
      {
        itemDesc: info.itemDesc.slice(0, 120),
        ...(express ? { trackingNo: info.trackingNo, expressCompany: info.expressCompany } : {}),
      },
    ],
    uploadTime: info.uploadTime,
    payer: { openid: info.payerOpenid },
  });
}

/** `2022-12-15T13:29:35.120+08:00`, the form WeChat's example shows. */
export function rfc3339China(at: number): string {
  return `${new Date(at + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`;
}
