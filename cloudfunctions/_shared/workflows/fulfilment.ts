/**
 * Shipping, receipt and completion of paid orders. Receipt starts the after-sales window, so it is also the moment
 * every commission of the order learns when it may settle (`settleAt`), in the same transaction as the order.
 */
import {
  afterSalesDeadline,
  DAY_MS,
  DomainError,
  orderMachine,
  settlementGuards,
  transition,
  unwrap,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs, txGet } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { CommissionDoc } from '../store/commissions';
import { orderForAfterSales, type OrderDoc } from '../store/orders';
import { rulesOfVersion } from '../store/rules';
import { storeSettings } from '../store/settings';
import { inTransaction } from '../platform/transactions';
import type { Change } from './change';
import { afterSaleDocsOfOrders, afterSalesOfOrder } from '../store/after-sales';
import { hasOpenAfterSale } from '../../../core/src';
import { afterSaleSummary } from '../store/after-sales';
import { uploadShippingOf } from './shipping-info';
import { notifyShipped } from './notifications';
import type { LogisticsType } from '../platform/wechat-messages';

export interface Shipment {
  carrier: string;
  trackingNo: string;
  /** WeChat's logistics type: 1 express (default), 2 same-city, 3 virtual goods, 4 pickup. */
  logisticsType?: LogisticsType;
}

/** An order the caller may not see looks exactly like one that does not exist. */
function orderNotFound(orderId: string): DomainError {
  return new DomainError('NOT_FOUND', { orderId }, '订单不存在');
}

/**
 * paid → shipped, refused with AFTER_SALE_OPEN (naming the after-sales) while any after-sale of the order is open:
 * the merchant must not send the goods and refund the money too. The after-sales are read before the transaction;
 * `afterSalesOpened` on the order (written by every request in its own transaction) tells whether one was opened
 * meanwhile, and then the whole check runs again. After the commit WeChat is told (shipping information, retried
 * by the hourly timer until accepted) and so is the shopper (a subscribe message).
 *
 * `actor` is for the caller's audit log (written with before/after); the order records the shipment itself.
 */
export async function shipOrder(
  orderId: string,
  shipment: Shipment,
  actor: string,
  now: number,
): Promise<Change<OrderDoc>> {
  for (let attempt = 1; ; attempt++) {
    const seen = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
    if (!seen) throw orderNotFound(orderId);
    const afterSales = await afterSaleDocsOfOrders([orderId]);
    const open = afterSales.filter((doc) => hasOpenAfterSale([afterSaleSummary(doc)]));
    const change = await inTransaction(async (tx) => {
      const before = await txGet<OrderDoc>(tx, COLLECTIONS.orders, orderId);
      if (!before) throw orderNotFound(orderId);
      // A group-buy order ships only once its group has succeeded (a failing group's orders are refunded instead).
      if (before.groupBuy && before.groupBuy.status !== 'succeeded')
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          { orderId, groupBuy: before.groupBuy.status },
          '拼团未成功，暂不能发货',
        );
      if ((before.afterSalesOpened ?? 0) !== (seen.afterSalesOpened ?? 0)) return null;
      const decided = transition(orderMachine, before.status, 'ship', {
        noAfterSaleAwaitingDecision: open.length === 0,
      });
      // The operator's page links each open after-sale from the refusal.
      if (!decided.ok && decided.error.code === 'AFTER_SALE_OPEN')
        throw new DomainError('AFTER_SALE_OPEN', { orderId, afterSaleIds: open.map((doc) => doc._id) });
      const status = unwrap(decided);
      const changes = {
        status,
        shippedAt: now,
        shipping: { carrier: shipment.carrier, trackingNo: shipment.trackingNo },
        logisticsType: shipment.logisticsType ?? 1,
        shippingUpload: { status: 'pending' as const, attempts: 0 },
      };
      await tx.collection(COLLECTIONS.orders).doc(orderId).update({ data: changes });
      return { before, after: { ...before, ...changes } };
    });
    if (change === null) {
      if (attempt >= 3) throw new DomainError('CONFLICT', { orderId });
      continue;
    }
    const uploaded = await uploadShippingOf(change.after, now);
    await notifyShipped(change.after);
    return { before: change.before, after: uploaded };
  }
}

async function commissionIdsOfOrder(orderId: string): Promise<string[]> {
  // Created at payment, before the order could ship, so the set is final by the time anyone confirms receipt.
  const docs = await listDocs<Pick<CommissionDoc, '_id'>>(
    db().collection(COLLECTIONS.commissions).where({ orderId }).field({ _id: true }).limit(1000),
  );
  return docs.map((doc) => doc._id);
}

export type ReceiptConfirmer = { openid: string } | 'system';

export async function confirmReceipt(orderId: string, by: ReceiptConfirmer, now: number): Promise<Change<OrderDoc>> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
  if (!order || (by !== 'system' && order.buyerOpenid !== by.openid)) throw orderNotFound(orderId);
  const rules = await rulesOfVersion(order.ruleVersion);
  const commissionIds = await commissionIdsOfOrder(orderId);
  return inTransaction(async (tx) => {
    const before = await txGet<OrderDoc>(tx, COLLECTIONS.orders, orderId);
    if (!before) throw orderNotFound(orderId);
    const status = unwrap(transition(orderMachine, before.status, 'receive'));
    const settleAt = afterSalesDeadline(now, rules) as number;
    const changes = { status, receivedAt: now, settleAt };
    await tx.collection(COLLECTIONS.orders).doc(orderId).update({ data: changes });
    for (const id of commissionIds) await tx.collection(COLLECTIONS.commissions).doc(id).update({ data: { settleAt } });
    return { before, after: { ...before, ...changes } };
  });
}

export interface BatchOutcome {
  done: number;
  /** More work is due than this run finished; the next timer run picks it up. */
  remaining: boolean;
}

const ORDER_BATCH = 100;

/**
 * Confirms receipt of orders shipped at least `autoConfirmDays` ago. A shopper confirming at the same moment wins
 * or loses the transaction; the loser sees `received` and is skipped.
 */
export async function autoConfirmDue(now: number, budgetMs: number): Promise<BatchOutcome> {
  const { autoConfirmDays } = await storeSettings();
  const _ = db().command;
  const started = performance.now();
  let done = 0;
  for (;;) {
    const due = await listDocs<Pick<OrderDoc, '_id'>>(
      db()
        .collection(COLLECTIONS.orders)
        .where({ status: 'shipped', shippedAt: _.lte(now - autoConfirmDays * DAY_MS) })
        .field({ _id: true })
        .limit(ORDER_BATCH),
    );
    if (due.length === 0) return { done, remaining: false };
    for (const { _id } of due) {
      if (performance.now() - started > budgetMs) return { done, remaining: true };
      if (await skipIllegal(() => confirmReceipt(_id, 'system', now))) done++;
    }
  }
}

/** true when it changed something; false when the state had already moved on (a race we lost). */
async function skipIllegal(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'ILLEGAL_TRANSITION') return false;
    throw error;
  }
}

/**
 * received → completed once the window has closed, no after-sale is open and no commission is still frozen
 * (settlement has paid out everything the order earned).
 */
export async function completeOrder(orderId: string, now: number): Promise<Change<OrderDoc>> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
  if (!order) throw orderNotFound(orderId);
  const rules = await rulesOfVersion(order.ruleVersion);
  const afterSales = await afterSalesOfOrder(orderId);
  const { total: frozen } = (await db()
    .collection(COLLECTIONS.commissions)
    .where({ orderId, status: 'frozen' })
    .count()) as { total: number };
  // Completion is final, so it waits for settlement even when the window's own guards already hold.
  if (frozen > 0) throw new DomainError('ILLEGAL_TRANSITION', { orderId, frozenCommissions: frozen });
  return inTransaction(async (tx) => {
    const before = await txGet<OrderDoc>(tx, COLLECTIONS.orders, orderId);
    if (!before) throw orderNotFound(orderId);
    const guards = settlementGuards(orderForAfterSales(before), afterSales, rules, now);
    const status = unwrap(transition(orderMachine, before.status, 'complete', guards));
    const changes = { status, completedAt: now };
    await tx.collection(COLLECTIONS.orders).doc(orderId).update({ data: changes });
    return { before, after: { ...before, ...changes } };
  });
}

/** Completes received orders whose window has closed; those still waiting for a refund or a settlement stay. */
export async function completeDueOrders(now: number, budgetMs: number): Promise<BatchOutcome> {
  const _ = db().command;
  const started = performance.now();
  let done = 0;
  let skippedIds: string[] = [];
  for (;;) {
    const due = await listDocs<Pick<OrderDoc, '_id'>>(
      db()
        .collection(COLLECTIONS.orders)
        .where({ status: 'received', settleAt: _.lte(now), _id: _.nin(skippedIds) })
        .field({ _id: true })
        .limit(ORDER_BATCH),
    );
    if (due.length === 0) return { done, remaining: false };
    for (const { _id } of due) {
      if (performance.now() - started > budgetMs) return { done, remaining: true };
      if (await skipIllegal(() => completeOrder(_id, now))) done++;
      else skippedIds = [...skippedIds, _id];
    }
  }
}
