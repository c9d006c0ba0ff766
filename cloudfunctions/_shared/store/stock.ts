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

/** What a line takes stock from: a product, or one SKU of it. */
export interface StockLine {
  productId: string;
  skuId?: string;
  quantity: number;
}

/** One hold per order and product, or per order and SKU (two SKUs of one product are two lines). */
const holdKey = (orderId: string, line: Pick<StockLine, 'skuId'>) =>
  line.skuId ? `holds.${orderId}_${line.skuId}` : `holds.${orderId}`;

/**
 * The stock fields a line moves by `units` (negative: taken). A SKU's stock moves with its product's total, so
 * lists that show the product's stock stay true without reading every SKU.
 */
export function stockMoves(line: Pick<StockLine, 'skuId'>, units: number): Record<string, unknown> {
  const _ = db().command;
  const moves: Record<string, unknown> = { stock: _.inc(units), sales: _.inc(-units) };
  if (line.skuId) {
    moves[`skus.${line.skuId}.stock`] = _.inc(units);
    moves[`skus.${line.skuId}.sales`] = _.inc(-units);
  }
  return moves;
}

/** true when this order now holds the line's units (now or from an earlier attempt). */
export async function reserve(orderId: string, line: StockLine): Promise<boolean> {
  const _ = db().command;
  const products = db().collection(COLLECTIONS.products);
  const key = holdKey(orderId, line);
  // The whole decision is the condition of one single-document update: on the shelf, the SKU on sale, enough
  // units of exactly what the line buys, and not held by this order yet. Concurrent buyers cannot oversell.
  const available = line.skuId
    ? { [`skus.${line.skuId}.enabled`]: true, [`skus.${line.skuId}.stock`]: _.gte(line.quantity) }
    : { stock: _.gte(line.quantity) };
  const taken = await products
    .where({ _id: line.productId, onShelf: true, ...available, [key]: _.exists(false) })
    .update({ data: { ...stockMoves(line, -line.quantity), [key]: line.quantity } });
  if (updatedCount(taken) === 1) return true;
  const { total } = (await products.where({ _id: line.productId, [key]: _.exists(true) }).count()) as {
    total: number;
  };
  return total === 1;
}

/** Gives an unpaid order's units back (cancellation). Safe to repeat. */
export async function releaseHolds(order: Pick<OrderDoc, '_id' | 'lines'>): Promise<void> {
  const _ = db().command;
  const products = db().collection(COLLECTIONS.products);
  for (const line of order.lines) {
    const key = holdKey(order._id, line);
    await products.where({ _id: line.productId, [key]: _.exists(true) }).update({
      data: { ...stockMoves(line, line.quantity), [key]: _.remove() },
    });
  }
}

/** Payment turned the holds into sales: only the bookkeeping goes, the stock stays taken. Safe to repeat. */
export async function keepHolds(order: Pick<OrderDoc, '_id' | 'lines'>): Promise<void> {
  const _ = db().command;
  const products = db().collection(COLLECTIONS.products);
  for (const line of order.lines) {
    const key = holdKey(order._id, line);
    await products.where({ _id: line.productId, [key]: _.exists(true) }).update({ data: { [key]: _.remove() } });
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
