/**
 * The risk list, computed on demand from a bounded window of recent paid orders: at most RISK_MAX_ORDERS, read a
 * page at a time with only the fields the core needs (who bought, who earned at level 1, the keyed digest of the
 * delivery phone, paid and refunded). Nothing sealed is opened: phones are compared as their stored digests.
 */
import { assessRisks, DAY_MS, type RiskFlag, type RiskOrder } from '../../../core/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { DistributorDoc } from '../store/distributors';
import type { OrderDoc } from '../store/orders';

/** How far back the list looks by default, and the most orders one request reads. */
export const RISK_DEFAULT_DAYS = 30;
export const RISK_MAX_ORDERS = 5000;
const PAGE = 1000;

export interface RiskRow extends RiskFlag {
  nickname: string | null;
  status: DistributorDoc['status'] | null;
  frozen: boolean;
}

export interface RiskReport {
  items: RiskRow[];
  since: number;
  ordersRead: number;
  /** True when the window held more paid orders than one request reads: the oldest were left out. */
  truncated: boolean;
}

type OrderFields = Pick<OrderDoc, '_id' | 'buyerOpenid' | 'totalFen' | 'refundedFen' | 'snapshot' | 'address'>;

function riskOrderOf(order: OrderFields): RiskOrder {
  const address = order.address as { phoneHash?: string };
  return {
    orderId: order._id,
    buyerId: order.buyerOpenid,
    directDistributorId: order.snapshot?.beneficiaries?.[0] ?? null,
    phoneDigest: typeof address?.phoneHash === 'string' ? address.phoneHash : null,
    paidFen: order.totalFen,
    refundedFen: order.refundedFen ?? 0,
  };
}

async function recentPaidOrders(since: number): Promise<{ orders: RiskOrder[]; truncated: boolean }> {
  const _ = db().command;
  const orders: RiskOrder[] = [];
  for (;;) {
    const page = await listDocs<OrderFields>(
      db()
        .collection(COLLECTIONS.orders)
        .where({ paidAt: _.gte(since) })
        .orderBy('paidAt', 'desc')
        .skip(orders.length)
        .limit(Math.min(PAGE, RISK_MAX_ORDERS + 1 - orders.length))
        .field({
          _id: true,
          buyerOpenid: true,
          totalFen: true,
          refundedFen: true,
          'snapshot.beneficiaries': true,
          'address.phoneHash': true,
        }),
    );
    orders.push(...page.map(riskOrderOf));
    if (page.length < PAGE || orders.length > RISK_MAX_ORDERS) break;
  }
  const truncated = orders.length > RISK_MAX_ORDERS;
  return { orders: orders.slice(0, RISK_MAX_ORDERS), truncated };
}

async function distributorsByOpenid(openids: string[]): Promise<Map<string, DistributorDoc>> {
  const _ = db().command;
  const found = new Map<string, DistributorDoc>();
  for (let i = 0; i < openids.length; i += PAGE) {
    const docs = await listDocs<DistributorDoc>(
      db()
        .collection(COLLECTIONS.distributors)
        .where({ _id: _.in(openids.slice(i, i + PAGE)) })
        .field({ _id: true, status: true, nickname: true, freeze: true, 'application.phoneHash': true })
        .limit(PAGE),
    );
    for (const doc of docs) found.set(doc._id, doc);
  }
  return found;
}

export async function distributorRisks(now: number, days = RISK_DEFAULT_DAYS): Promise<RiskReport> {
  const since = now - days * DAY_MS;
  const { orders, truncated } = await recentPaidOrders(since);
  const involved = [...new Set(orders.flatMap((o) => (o.directDistributorId ? [o.directDistributorId] : [])))];
  const distributors = await distributorsByOpenid(involved);
  const distributorPhones = new Map<string, string[]>();
  for (const [openid, doc] of distributors) {
    const digest = doc.application?.phoneHash;
    if (digest) distributorPhones.set(openid, [digest]);
  }
  const items = assessRisks({ orders, distributorPhones }).map((flag) => {
    const doc = distributors.get(flag.distributorId);
    return { ...flag, nickname: doc?.nickname ?? null, status: doc?.status ?? null, frozen: Boolean(doc?.freeze) };
  });
  return { items, since, ordersRead: orders.length, truncated };
}
