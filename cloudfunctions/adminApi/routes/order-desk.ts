/**
 * The operators' order desk beyond one order: shipping many orders from a CSV (order number, carrier, tracking
 * number) with an outcome per line, and the after-sales settings (return address, return limit, subscribe-message
 * template ids). Each shipment goes through the same workflow as the single ship action, so an open after-sale
 * refuses its line (AFTER_SALE_OPEN) and every shipment is audited.
 */
import { z } from 'zod';
import { DomainError, messageFor } from '../../../core/src';
import { db } from '../../_shared/platform/cloud';
import { getDoc, listDocs, withoutId } from '../../_shared/platform/documents';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { OrderDoc } from '../../_shared/store/orders';
import { afterSalesSettings, type AfterSalesSettingsDoc } from '../../_shared/store/after-sales-settings';
import { shipOrder } from '../../_shared/workflows/fulfilment';
import { MAX_CARRIER_LENGTH, TRACKING_NO_PATTERN } from '../../../contract/src';
import { recordChange } from '../audit';
import { handler } from '../router';

const MAX_BATCH_LINES = 500;

export interface BatchShipLine {
  /** 1-based line of the file, as a spreadsheet numbers it. */
  line: number;
  orderNo: string;
  ok: boolean;
  orderId?: string;
  error?: { code: string; message: string };
}

/** RFC 4180 fields of one line: commas inside quotes, doubled quotes. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',' || char === '\t') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** The order a CSV names: its human order number (`orderNo`), or its id for orders placed before numbers existed. */
async function orderNamed(orderNo: string): Promise<OrderDoc | undefined> {
  const [byNumber] = await listDocs<OrderDoc>(db().collection(COLLECTIONS.orders).where({ orderNo }).limit(1));
  return byNumber ?? (await getDoc<OrderDoc>(COLLECTIONS.orders, orderNo)) ?? undefined;
}

function refusal(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: messageFor('INTERNAL') };
}

export const shipBatch = handler(
  { body: z.strictObject({ csv: z.string().min(1).max(200_000) }) },
  async ({ body, actor, now }) => {
    const rows = body.csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((text, index) => ({ line: index + 1, fields: csvFields(text) }))
      .filter(({ fields }) => fields.some((f) => f !== ''));
    // A header row (订单号,快递公司,运单号 or English) is skipped.
    if (rows[0] && /订单|order/i.test(rows[0].fields[0] ?? '')) rows.shift();
    if (rows.length > MAX_BATCH_LINES)
      throw new DomainError('INVALID_INPUT', { lines: rows.length }, `一次最多发货 ${MAX_BATCH_LINES} 单`);
    const results: BatchShipLine[] = [];
    for (const { line, fields } of rows) {
      const [orderNo = '', carrier = '', trackingNo = ''] = fields;
      if (!orderNo || !carrier || carrier.length > MAX_CARRIER_LENGTH || !TRACKING_NO_PATTERN.test(trackingNo)) {
        results.push({
          line,
          orderNo,
          ok: false,
          error: { code: 'INVALID_INPUT', message: '每行应为：订单号,快递公司,运单号（4–40 位字母或数字）' },
        });
        continue;
      }
      const order = await orderNamed(orderNo);
      if (!order) {
        results.push({ line, orderNo, ok: false, error: { code: 'NOT_FOUND', message: '订单不存在' } });
        continue;
      }
      try {
        const { before, after } = await shipOrder(order._id, { carrier, trackingNo }, actor.username, now);
        await recordChange(actor, 'order.ship', `orders/${order._id}`, before, after, now);
        results.push({ line, orderNo, ok: true, orderId: order._id });
      } catch (error) {
        results.push({ line, orderNo, ok: false, orderId: order._id, error: refusal(error) });
      }
    }
    return { shipped: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
  },
);

export const getAfterSalesSettings = handler({}, async () => afterSalesSettings());

const templateId = z.string().trim().max(128);

export const updateAfterSalesSettings = handler(
  {
    body: z.strictObject({
      returnAddress: z
        .strictObject({
          name: z.string().trim().max(40),
          phone: z.string().trim().max(30),
          address: z.string().trim().max(200),
        })
        .optional(),
      returnShipDays: z.int().min(1).max(30).optional(),
      subscribeTemplates: z
        .strictObject({
          shipped: templateId.optional(),
          refundResult: templateId.optional(),
          commissionSettled: templateId.optional(),
          withdrawalResult: templateId.optional(),
        })
        .optional(),
    }),
  },
  async ({ body, actor, now }) => {
    const before = await afterSalesSettings();
    const after: AfterSalesSettingsDoc = {
      ...before,
      ...(body.returnAddress ? { returnAddress: body.returnAddress } : {}),
      ...(body.returnShipDays ? { returnShipDays: body.returnShipDays } : {}),
      subscribeTemplates: { ...before.subscribeTemplates, ...(body.subscribeTemplates ?? {}) },
    };
    await db()
      .collection(COLLECTIONS.settings)
      .doc('afterSales')
      .set({ data: withoutId(after) });
    await recordChange(actor, 'settings.afterSales', 'settings/afterSales', before, after, now);
    return after;
  },
);
