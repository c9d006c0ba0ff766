/**
 * Live figures of a campaign for the marketing centre: claimed and used (coupons), orders, GMV (what was paid,
 * less refunds) and commission (accrued less reversed). Counted from the facts each time: orders paid with the
 * campaign's coupons, or whose lines carry the campaign's price (`lines.campaign.id`, indexed).
 */
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import type { CampaignFigures } from '../../../contract/src';
import { COLLECTIONS } from '../store/collections';
import type { CommissionDoc } from '../store/commissions';
import type { CouponDoc } from '../store/coupons';
import type { OrderDoc } from '../store/orders';

export type { CampaignFigures };

const PAID_STATES = ['paid', 'shipped', 'received', 'completed'];
const LIMIT = 1000;

async function figuresOfOrders(orders: OrderDoc[]): Promise<Omit<CampaignFigures, 'claimed' | 'used'>> {
  const paid = orders.filter((order) => PAID_STATES.includes(order.status));
  const gmvFen = paid.reduce((sum, order) => sum + order.totalFen - (order.refundedFen ?? 0), 0);
  let commissionFen = 0;
  if (paid.length > 0) {
    const _ = db().command;
    const commissions = await listDocs<CommissionDoc>(
      db()
        .collection(COLLECTIONS.commissions)
        .where({ orderId: _.in(paid.map((order) => order._id)) })
        .limit(LIMIT),
    );
    commissionFen = commissions.reduce((sum, c) => sum + c.amountFen - c.reversedFen, 0);
  }
  return { orders: paid.length, gmvFen, commissionFen };
}

export async function couponFigures(campaignId: string, claimed: number): Promise<CampaignFigures> {
  const _ = db().command;
  const used = await listDocs<CouponDoc>(
    db().collection(COLLECTIONS.coupons).where({ campaignId, status: 'used' }).limit(LIMIT),
  );
  const orderIds = used.map((coupon) => coupon.orderId).filter((id): id is string => typeof id === 'string');
  const orders =
    orderIds.length === 0
      ? []
      : await listDocs<OrderDoc>(
          db()
            .collection(COLLECTIONS.orders)
            .where({ _id: _.in(orderIds) })
            .limit(LIMIT),
        );
  return { claimed, used: used.length, ...(await figuresOfOrders(orders)) };
}

export async function priceCampaignFigures(campaignId: string): Promise<CampaignFigures> {
  const orders = await listDocs<OrderDoc>(
    db().collection(COLLECTIONS.orders).where({ 'lines.campaign.id': campaignId }).limit(LIMIT),
  );
  return figuresOfOrders(orders);
}
