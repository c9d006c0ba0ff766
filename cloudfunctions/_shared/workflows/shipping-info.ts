/**
 * WeChat's shipping-information upload (发货信息管理服务) for every shipped order. The order itself is the outbox:
 * shipping sets `shippingUpload.status = pending` in the shipment's transaction; an upload is tried right after the
 * commit and, until WeChat accepts one, again by the hourly fulfilment timer (`retryPendingShippingUploads`).
 * Uploading the same shipment twice is harmless (WeChat counts it as the same delivery), so a retry after a lost
 * answer does no damage.
 */
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { rfc3339China, uploadShippingInfo } from '../platform/wechat-messages';
import { COLLECTIONS } from '../store/collections';
import type { OrderDoc, ShippingUploadRecord } from '../store/orders';

const RETRY_BATCH = 100;

function itemDescription(order: OrderDoc): string {
  return order.lines.map((line) => `${line.title}*${line.quantity}`).join('；');
}

/** Tries the upload once and records the outcome on the order; returns the order as recorded. */
export async function uploadShippingOf(order: OrderDoc, now: number): Promise<OrderDoc> {
  const previous = order.shippingUpload ?? { status: 'pending', attempts: 0 };
  if (previous.status === 'uploaded') return order;
  let record: ShippingUploadRecord;
  try {
    await uploadShippingInfo({
      outTradeNo: order.outTradeNo,
      mchId: process.env.WXPAY_SUB_MCH_ID || 'local-sub-mch',
      payerOpenid: order.buyerOpenid,
      logisticsType: order.logisticsType ?? 1,
      itemDesc: itemDescription(order),
      trackingNo: order.shipping?.trackingNo,
      expressCompany: order.shipping?.carrier,
      uploadTime: rfc3339China(order.shippedAt ?? now),
    });
    record = { status: 'uploaded', attempts: previous.attempts + 1, lastAttemptAt: now, uploadedAt: now };
  } catch (error) {
    record = {
      status: 'pending',
      attempts: previous.attempts + 1,
      lastAttemptAt: now,
      lastError: String((error as Error).message ?? error).slice(0, 200),
    };
  }
  // Only the upload record: a guard on the current status keeps a late write from touching anything else.
  await db()
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, 'shippingUpload.status': 'pending' })
    .update({ data: { shippingUpload: record } });
  return { ...order, shippingUpload: record };
}

/** Every order whose upload WeChat has not accepted yet, tried once more. Returns how many went through. */
export async function retryPendingShippingUploads(now: number): Promise<number> {
  const pending = await listDocs<OrderDoc>(
    db().collection(COLLECTIONS.orders).where({ 'shippingUpload.status': 'pending' }).limit(RETRY_BATCH),
  );
  let uploaded = 0;
  for (const order of pending) {
    if ((await uploadShippingOf(order, now)).shippingUpload?.status === 'uploaded') uploaded++;
  }
  return uploaded;
}
