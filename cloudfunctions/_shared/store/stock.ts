/**
 * Stock reservations of unpaid orders. Each reservation is one conditional update of the product document that
 * decrements stock and records `holds.<orderId>` together, so there is no oversell under any concurrency and no
 * reservation is ever lost or returned twice: a retry sees its own hold, a release only acts while the hold exists.
 */
import type { CouponStatus } from '../../../contract/src';
import { db } from '../platform/cloud';
import { updatedCount } from '../platform/documents';
import { COLLECTIONS } from './collections';
import type { OrderDoc } from './orders';

const holdKey = (orderId: string) => `holds.${orderId}`;

/** true when this order now holds `quantity` units of the product (now or from an earlier attempt). */
export async function reserve(orderId: string, productId: string, quantity: number): Promise<boolean> {
  const _ = db().command;
  const products = db().collection(COLLECTIONS.products);
  const taken = await products
    .where({ _id: productId, onShelf: true, stock: _.gte(quantity), [holdKey(orderId)]: _.exists(false) })
    .update({ data: { stock: _.inc(-quantity), sales: _.inc(quantity), [holdKey(orderId)]: quantity } });
  if (updatedCount(taken) === 1) return true;
  const { total } = (await products.where({ _id: productId, [holdKey(orderId)]: _.exists(true) }).count()) as {
    total: number;
  };
  return total === 1;
}

/** Gives an unpaid order's units back (cancellation). Safe to repeat. */
export async function releaseHolds(order: Pick<OrderDoc, '_id' | 'lines'>): Promise<void> {
  const _ = db().command;
  const products = db().collection(COLLECTIONS.products);
  for (const line of order.lines) {
    await products.where({ _id: line.productId, [holdKey(order._id)]: _.exists(true) }).update({
      data: { stock: _.inc(line.quantity), sales: _.inc(-line.quantity), [holdKey(order._id)]: _.remove() },
    });
  }
}

/** Payment turned the holds into sales: only the bookkeeping goes, the stock stays taken. Safe to repeat. */
export async function keepHolds(order: Pick<OrderDoc, '_id' | 'lines'>): Promise<void> {
  const _ = db().command;
  const products = db().collection(COLLECTIONS.products);
  for (const line of order.lines) {
    await products
      .where({ _id: line.productId, [holdKey(order._id)]: _.exists(true) })
      .update({ data: { [holdKey(order._id)]: _.remove() } });
  }
}

/** A coupon is locked by the unpaid order that uses it, used when it is paid, free again when it is cancelled. */
export async function lockCoupon(couponId: string, openid: string, orderId: string): Promise<boolean> {
  const coupons = db().collection(COLLECTIONS.coupons);
  const locked = await coupons
    .where({ _id: couponId, openid, status: 'unused' })
    .update({ data: { status: 'locked', orderId } });
  if (updatedCount(locked) === 1) return true;
  const { total } = (await coupons.where({ _id: couponId, orderId, status: 'locked' }).count()) as { total: number };
  return total === 1;
}

export async function settleCoupon(
  order: Pick<OrderDoc, '_id' | 'couponId'>,
  outcome: Extract<CouponStatus, 'used' | 'unused'>,
): Promise<void> {
  if (!order.couponId) return;
  await db()
    .collection(COLLECTIONS.coupons)
    .where({ _id: order.couponId, orderId: order._id, status: 'locked' })
    .update({ data: outcome === 'used' ? { status: 'used' } : { status: 'unused', orderId: null } });
}

/** Marks that the order's holds and coupon reached their final state (the sweep looks for orders where not). */
export async function markStockSettled(orderId: string): Promise<void> {
  await db()
    .collection(COLLECTIONS.orders)
    .doc(orderId)
    .update({ data: { stockSettled: true } });
}
