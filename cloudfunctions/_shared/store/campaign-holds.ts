/**
 * Units of limited-time campaigns held by unpaid orders, like product stock holds: one conditional update of the
 * campaign document takes the units against its stock cap and the buyer's per-shopper limit and records
 * `holds.<orderId>` together, so neither is exceeded under any concurrency and a retry never takes twice. A
 * cancelled order gives its units back; a paid one keeps them (a later refund does not return them to the
 * campaign: the campaign sold them).
 */
import { db } from '../platform/cloud';
import { getDoc, updatedCount } from '../platform/documents';
import { stableId } from '../platform/ids';
import { COLLECTIONS } from './collections';
import type { FlashSaleDoc } from './marketing';
import type { OrderDoc } from './orders';

type OrderPart = Pick<OrderDoc, '_id' | 'lines' | 'buyerOpenid'>;

const holdKey = (orderId: string) => `holds.${orderId}`;
const buyerKey = (openid: string) => `buyers.b${stableId('buyer', openid)}`;

function flashLines(order: OrderPart) {
  return order.lines.filter((line) => line.campaign?.kind === 'flash_sale');
}

/** true when every limited-time line of the order holds its units (now or from an earlier attempt). */
export async function reserveCampaignUnits(order: OrderPart): Promise<boolean> {
  const _ = db().command;
  const sales = db().collection(COLLECTIONS.flashSales);
  for (const line of flashLines(order)) {
    const id = line.campaign!.id;
    const sale = await getDoc<FlashSaleDoc>(COLLECTIONS.flashSales, id);
    if (!sale) return false;
    const buyer = buyerKey(order.buyerOpenid);
    if (sale.perUser > 0) {
      if (line.quantity > sale.perUser) return false;
      await sales.where({ _id: id, [buyer]: _.exists(false) }).update({ data: { [buyer]: 0 } });
    }
    const where: Record<string, unknown> = { _id: id, [holdKey(order._id)]: _.exists(false) };
    if (sale.stockCap > 0) where.sold = _.lte(sale.stockCap - line.quantity);
    if (sale.perUser > 0) where[buyer] = _.lte(sale.perUser - line.quantity);
    const taken = await sales.where(where).update({
      data: { sold: _.inc(line.quantity), [buyer]: _.inc(line.quantity), [holdKey(order._id)]: line.quantity },
    });
    if (updatedCount(taken) === 1) continue;
    const { total } = (await sales.where({ _id: id, [holdKey(order._id)]: _.exists(true) }).count()) as {
      total: number;
    };
    if (total !== 1) return false;
  }
  return true;
}

/** Cancellation: the units go back to the campaign and to the buyer's limit. Safe to repeat. */
export async function releaseCampaignUnits(order: OrderPart): Promise<void> {
  const _ = db().command;
  for (const line of flashLines(order)) {
    await db()
      .collection(COLLECTIONS.flashSales)
      .where({ _id: line.campaign!.id, [holdKey(order._id)]: _.exists(true) })
      .update({
        data: {
          sold: _.inc(-line.quantity),
          [buyerKey(order.buyerOpenid)]: _.inc(-line.quantity),
          [holdKey(order._id)]: _.remove(),
        },
      });
  }
}

/** Payment: the units stay sold, only the bookkeeping goes. Safe to repeat. */
export async function keepCampaignUnits(order: OrderPart): Promise<void> {
  const _ = db().command;
  for (const line of flashLines(order)) {
    await db()
      .collection(COLLECTIONS.flashSales)
      .where({ _id: line.campaign!.id, [holdKey(order._id)]: _.exists(true) })
      .update({ data: { [holdKey(order._id)]: _.remove() } });
  }
}
