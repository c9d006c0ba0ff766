/**
 * After-sales per order line and quantity. The shopper asks, an operator approves (which fixes the amount and asks
 * WeChat Pay for the money back) or rejects, and the refund callback completes it: stock back, the line's
 * commissions reversed (still frozen) or clawed back (already settled, debt for what available cannot cover), all in
 * one transaction per after-sale so that any number of callback deliveries changes things once.
 */
import {
  AMOUNT_FIXED_STATES,
  afterSaleMachine,
  checkAfterSaleRequest,
  isEveryLineRefunded,
  isReturnOverdue,
  operatorRefundAmount,
  orderMachine,
  checkMerchantRefund,
  commissionMachine,
  DomainError,
  refundAmountForLine,
  reversalForRefund,
  reverseCommission,
  transition,
  unwrap,
  type Fen,
  type RefundFacts,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs, txGet } from '../platform/documents';
import { stableId } from '../platform/ids';
import { balancesOf, loadBalance, postEntries } from '../store/ledger';
import { COLLECTIONS } from '../store/collections';
import { afterSaleDocsOfOrders, afterSaleSummary, type AfterSaleDoc } from '../store/after-sales';
import { commissionRecordOf, type CommissionDoc } from '../store/commissions';
import { orderForAfterSales, type OrderDoc } from '../store/orders';
import { type ProductDoc } from '../store/products';
import { stockMoves } from '../store/stock';
import { queryRefundOf, requestRefund } from '../platform/cloud-pay';
import { rulesOfVersion } from '../store/rules';
import { inTransaction, isDuplicateKey, type Transaction } from '../platform/transactions';
import type { Change } from './change';
import { afterSalesSettings } from '../store/after-sales-settings';
import { appendMoment, type AfterSaleMoment } from '../store/after-sales';
import { notifyRefundResult } from './notifications';
import { recordRefund, refundFacts } from '../store/rollups';

/** The optional client request id travels on the document so a retried request finds what it created. */
export type StoredAfterSale = AfterSaleDoc;

const PAGE = 1000;

// ---- request ------------------------------------------------------------------------------------

export interface AfterSaleRequest {
  orderId: string;
  lines: { line: number; quantity: number }[];
  reason: string;
  requestId?: string;
  /** 仅退款 (default) or 退货退款. */
  type?: 'refund' | 'return';
  /** Storage fileIDs of the shopper's own uploads (checked by the caller), at most six. */
  photos?: string[];
}

/** ≤ 32 characters of [0-9A-Za-z_-], as WeChat Pay requires, and the same for the same after-sale forever. */
export function outRefundNoFor(afterSaleId: string): string {
  return `R${stableId('refund', afterSaleId)}`;
}

const ATTEMPTS = 5;

/**
 * One after-sale per requested line, numbered per line (`<orderId>:<line>:<n>`). Two requests racing for the same
 * line pick the same number; the loser's duplicate key sends it round again to re-check the quantity against the
 * winner's claim, so claims can never add up to more than was bought.
 */
export async function requestAfterSale(
  openid: string,
  request: AfterSaleRequest,
  now: number,
): Promise<StoredAfterSale[]> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, request.orderId);
  if (!order || order.buyerOpenid !== openid)
    throw new DomainError('NOT_FOUND', { orderId: request.orderId }, '订单不存在');
  return openAfterSales(order, request, 'shopper', now);
}

/**
 * An operator refunds some units of a paid order, inside or after the after-sales window (a goodwill refund, a
 * complaint upheld): the after-sales are opened and approved at once, and WeChat Pay is asked for the money.
 */
export async function openMerchantRefund(
  request: AfterSaleRequest,
  actor: string,
  now: number,
): Promise<Change<AfterSaleDoc>[]> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, request.orderId);
  if (!order) throw new DomainError('NOT_FOUND', { orderId: request.orderId }, '订单不存在');
  const opened = await openAfterSales(order, request, 'merchant', now);
  const changes: Change<AfterSaleDoc>[] = [];
  for (const afterSale of opened) changes.push(await approveAfterSale(afterSale._id, actor, now));
  return changes;
}

async function openAfterSales(
  order: OrderDoc,
  request: AfterSaleRequest,
  openedBy: 'shopper' | 'merchant',
  now: number,
): Promise<StoredAfterSale[]> {
  const lines = new Set(request.lines.map((l) => l.line));
  if (lines.size !== request.lines.length) throw new DomainError('INVALID_INPUT', { reason: 'a line appears twice' });
  const rules = await rulesOfVersion(order.ruleVersion);
  for (let attempt = 1; ; attempt++) {
    const existing = await afterSaleDocsOfOrders([order._id]);
    if (request.requestId !== undefined) {
      const earlier = existing.filter((doc) => doc.requestId === request.requestId);
      if (earlier.length > 0) return sameRequestOrRefuse(earlier, request);
    }
    try {
      return await inTransaction(async (tx) => {
        const current = await txGet<OrderDoc>(tx, COLLECTIONS.orders, order._id);
        if (!current) throw new DomainError('NOT_FOUND', { orderId: order._id });
        const claims = existing.map(afterSaleSummary);
        const created: StoredAfterSale[] = [];
        for (const { line, quantity } of request.lines) {
          const asked = { order: orderForAfterSales(current), afterSales: claims, line, quantity };
          const { refundFen: refundableFen } = unwrap(
            openedBy === 'shopper'
              ? checkAfterSaleRequest({ ...asked, rules, now, type: request.type ?? 'refund' })
              : checkMerchantRefund(asked),
          );
          const n = existing.filter((doc) => doc.line === line).length + 1;
          const _id = `${order._id}:${line}:${n}`;
          const doc: StoredAfterSale = {
            _id,
            orderId: order._id,
            buyerOpenid: order.buyerOpenid,
            line,
            quantity,
            reason: request.reason,
            type: request.type ?? 'refund',
            photos: request.photos ?? [],
            status: 'requested',
            refundFen: null,
            refundableFen,
            outRefundNo: outRefundNoFor(_id),
            createdAt: now,
            openedBy,
            timeline: [{ event: 'requested', at: now, by: openedBy }],
            ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
          };
          await tx.collection(COLLECTIONS.afterSales).add({ data: doc });
          claims.push(afterSaleSummary(doc));
          created.push(doc);
        }
        // Counting the after-sales on the order takes its write lock: a shipment racing this request conflicts,
        // and its retry sees the after-sale and refuses (AFTER_SALE_OPEN).
        await tx
          .collection(COLLECTIONS.orders)
          .doc(order._id)
          .update({ data: { afterSalesOpened: (current.afterSalesOpened ?? 0) + created.length } });
        return created;
      });
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

function sameRequestOrRefuse(earlier: StoredAfterSale[], request: AfterSaleRequest): StoredAfterSale[] {
  const asked = request.lines
    .map((l) => `${l.line}x${l.quantity}`)
    .sort()
    .join(',');
  const stored = earlier
    .map((doc) => `${doc.line}x${doc.quantity}`)
    .sort()
    .join(',');
  if (asked !== stored) throw new DomainError('IDEMPOTENCY_KEY_REUSED', { requestId: request.requestId });
  return earlier;
}

// ---- decisions ----------------------------------------------------------------------------------

function afterSaleNotFound(afterSaleId: string): DomainError {
  return new DomainError('NOT_FOUND', { afterSaleId }, '售后单不存在');
}

/** An operator's smaller refund (a damaged return, a partial goodwill): the amount and why. */
export interface RefundDecision {
  refundFen?: number;
  partialReason?: string;
}

/**
 * requested → approved (仅退款) or awaiting_return (退货退款): fixes the refund with the line's units already fixed
 * counted first, so the refunds of a line add up to at most what was paid for it. An approved refund then asks
 * WeChat Pay for the money, after the commit; approving an already approved after-sale asks again (same
 * outRefundNo, so WeChat pays once), which is how an operator retries a refund WeChat refused. A return waits for
 * the goods (`receiveReturnedGoods`).
 */
export async function approveAfterSale(
  afterSaleId: string,
  actor: string,
  now: number,
  decision: RefundDecision = {},
): Promise<Change<AfterSaleDoc>> {
  const found = await getDoc<AfterSaleDoc>(COLLECTIONS.afterSales, afterSaleId);
  if (!found) throw afterSaleNotFound(afterSaleId);
  if (found.status === 'awaiting_return' || found.status === 'return_shipped') return { before: found, after: found };
  const change =
    found.status === 'approved' ? { before: found, after: found } : await approveOnce(found, actor, now, decision);
  if (change.after.status !== 'approved') return change;
  return { before: change.before, after: await payBack(change.after, now) };
}

async function approveOnce(
  found: AfterSaleDoc,
  actor: string,
  now: number,
  decision: RefundDecision,
): Promise<Change<AfterSaleDoc>> {
  const siblingIds = (await afterSaleDocsOfOrders([found.orderId]))
    .filter((doc) => doc.line === found.line && doc._id !== found._id)
    .map((doc) => doc._id);
  return inTransaction(async (tx) => {
    const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, found._id);
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, found.orderId);
    if (!before || !order) throw afterSaleNotFound(found._id);
    const line = order.lines[before.line];
    if (!line) throw new DomainError('NOT_FOUND', { line: before.line });
    let fixedBefore = 0;
    for (const id of siblingIds) {
      const sibling = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, id);
      if (sibling && AMOUNT_FIXED_STATES.includes(sibling.status)) fixedBefore += sibling.quantity;
    }
    const status = unwrap(
      transition(afterSaleMachine, before.status, before.type === 'return' ? 'approveReturn' : 'approve', {
        withinRefundableQuantity: fixedBefore + before.quantity <= line.quantity,
      }),
    );
    const computedFen = unwrap(refundAmountForLine(line.paidFen, line.quantity, fixedBefore, before.quantity));
    const refundFen = unwrap(
      operatorRefundAmount(computedFen, { refundFen: decision.refundFen, reason: decision.partialReason }),
    );
    const moment: AfterSaleMoment = {
      event: 'approved',
      at: now,
      by: 'merchant',
      ...(refundFen < computedFen ? { note: `部分退款：${decision.partialReason ?? ''}`.slice(0, 200) } : {}),
    };
    const changes = {
      status,
      refundFen,
      decidedAt: now,
      decidedBy: actor,
      ...(refundFen < computedFen ? { partialReason: decision.partialReason } : {}),
      timeline: appendMoment(before, moment),
    };
    await tx.collection(COLLECTIONS.afterSales).doc(before._id).update({ data: changes });
    // Rewriting the order (with the value it has) takes its write lock: two approvals of one order conflict and
    // the retry reads the sibling the other one approved, so no unit of a line is priced twice.
    await tx
      .collection(COLLECTIONS.orders)
      .doc(order._id)
      .update({ data: { refundedFen: order.refundedFen ?? 0 } });
    return { before, after: { ...before, ...changes } };
  });
}

/**
 * Asks WeChat Pay for the money. A refusal (the merchant account short of funds, a closed trade…) is recorded on
 * the after-sale, with a moment on its timeline, and the operator retries by approving again; an accepted retry
 * clears it. The refusal never undoes the approval: the amount stays fixed.
 */
async function payBack(afterSale: AfterSaleDoc, now: number): Promise<AfterSaleDoc> {
  // A line bought for nothing (a coupon covered it) has nothing to send back; WeChat Pay refuses a zero refund.
  if (afterSale.refundFen === 0) return (await completeAfterSaleRefund(afterSale._id, now)).after;
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, afterSale.orderId);
  if (!order || afterSale.refundFen === null) throw afterSaleNotFound(afterSale._id);
  try {
    await requestRefund({
      outTradeNo: order.outTradeNo,
      outRefundNo: afterSale.outRefundNo,
      totalFen: order.totalFen,
      refundFen: afterSale.refundFen,
      reason: afterSale.reason,
    });
  } catch (error) {
    const message = (error as Error).message.slice(0, 200);
    return recordRefundOutcome(afterSale._id, { message, at: now });
  }
  return afterSale.refundError ? recordRefundOutcome(afterSale._id, null) : afterSale;
}

async function recordRefundOutcome(
  afterSaleId: string,
  refusal: { message: string; at: number } | null,
): Promise<AfterSaleDoc> {
  return inTransaction(async (tx) => {
    const current = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, afterSaleId);
    if (!current) throw afterSaleNotFound(afterSaleId);
    // The callback may already have completed it; a late refusal record must not reopen anything.
    if (current.status !== 'approved') return current;
    const changes = refusal
      ? {
          refundError: refusal,
          timeline: appendMoment(current, {
            event: 'refundFailed',
            at: refusal.at,
            by: 'wechat',
            note: refusal.message,
          }),
        }
      : { refundError: null };
    await tx.collection(COLLECTIONS.afterSales).doc(afterSaleId).update({ data: changes });
    return { ...current, ...changes };
  });
}

// ---- returns (退货退款) ---------------------------------------------------------------------------

export interface ReturnShipment {
  afterSaleId: string;
  carrier: string;
  trackingNo: string;
}

/** awaiting_return → return_shipped: the shopper's carrier and tracking number, on their own after-sale only. */
export async function shipReturn(openid: string, shipment: ReturnShipment, now: number): Promise<AfterSaleDoc> {
  return inTransaction(async (tx) => {
    const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, shipment.afterSaleId);
    if (!before || before.buyerOpenid !== openid) throw afterSaleNotFound(shipment.afterSaleId);
    if (before.type !== 'return')
      throw new DomainError('ILLEGAL_TRANSITION', { afterSaleId: before._id, type: before.type });
    const status = unwrap(transition(afterSaleMachine, before.status, 'shipBack'));
    const returnShipping = { carrier: shipment.carrier, trackingNo: shipment.trackingNo, shippedAt: now };
    const changes = {
      status,
      returnShipping,
      timeline: appendMoment(before, {
        event: 'returnShipped',
        at: now,
        by: 'shopper',
        note: `${shipment.carrier} ${shipment.trackingNo}`,
      }),
    };
    await tx.collection(COLLECTIONS.afterSales).doc(before._id).update({ data: changes });
    return { ...before, ...changes };
  });
}

/** return_shipped (or awaiting_return: goods that came without a number) → approved, then the refund is asked for. */
export async function receiveReturnedGoods(
  afterSaleId: string,
  actor: string,
  now: number,
): Promise<Change<AfterSaleDoc>> {
  const change = await inTransaction(async (tx) => {
    const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, afterSaleId);
    if (!before) throw afterSaleNotFound(afterSaleId);
    if (before.status === 'approved' || before.status === 'refunded') return { before, after: before };
    const status = unwrap(transition(afterSaleMachine, before.status, 'receiveGoods'));
    const changes = {
      status,
      goodsReceivedAt: now,
      goodsReceivedBy: actor,
      timeline: appendMoment(before, { event: 'goodsReceived', at: now, by: 'merchant' }),
    };
    await tx.collection(COLLECTIONS.afterSales).doc(afterSaleId).update({ data: changes });
    return { before, after: { ...before, ...changes } as AfterSaleDoc };
  });
  if (change.after.status !== 'approved') return change;
  return { before: change.before, after: await payBack(change.after, now) };
}

/**
 * Returns approved but never sent back within `returnShipDays` (store settings, counted from the approval) close:
 * the units go back to the shopper's order, nothing is refunded. Run by the hourly fulfilment timer.
 */
export async function expireUnreturned(now: number): Promise<number> {
  const { returnShipDays } = await afterSalesSettings();
  const waiting = await listDocs<AfterSaleDoc>(
    db().collection(COLLECTIONS.afterSales).where({ status: 'awaiting_return' }).limit(PAGE),
  );
  let closed = 0;
  for (const candidate of waiting) {
    if (!isReturnOverdue(candidate.decidedAt ?? candidate.createdAt, returnShipDays, now)) continue;
    const done = await inTransaction(async (tx) => {
      const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, candidate._id);
      if (!before || before.status !== 'awaiting_return') return false;
      const status = unwrap(
        transition(afterSaleMachine, before.status, 'expire', {
          returnLimitPassed: isReturnOverdue(before.decidedAt ?? before.createdAt, returnShipDays, now),
        }),
      );
      const changes = {
        status,
        closedAt: now,
        timeline: appendMoment(before, {
          event: 'closed',
          at: now,
          by: 'system',
          note: `超过 ${returnShipDays} 天未寄回商品`,
        }),
      };
      await tx.collection(COLLECTIONS.afterSales).doc(before._id).update({ data: changes });
      return true;
    });
    if (done) closed++;
  }
  return closed;
}

/**
 * requested → rejected. An approved after-sale is not rejected here even though the machine allows it: approval
 * has already asked WeChat Pay for the money, which cannot be called back.
 */
export async function rejectAfterSale(
  afterSaleId: string,
  reason: string,
  actor: string,
  now: number,
): Promise<Change<AfterSaleDoc>> {
  return inTransaction(async (tx) => {
    const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, afterSaleId);
    if (!before) throw afterSaleNotFound(afterSaleId);
    if (before.status === 'approved')
      throw new DomainError('ILLEGAL_TRANSITION', { afterSaleId, reason: 'refund already requested' });
    const status = unwrap(transition(afterSaleMachine, before.status, 'reject'));
    const changes = {
      status,
      rejectReason: reason,
      decidedAt: now,
      decidedBy: actor,
      timeline: appendMoment(before, { event: 'rejected', at: now, by: 'merchant', note: reason }),
    };
    await tx.collection(COLLECTIONS.afterSales).doc(afterSaleId).update({ data: changes });
    return { before, after: { ...before, ...changes } };
  });
}

// ---- completion (refund callback) ---------------------------------------------------------------

export interface RefundNotification {
  outRefundNo?: unknown;
  refundStatus?: unknown;
}

export type RefundCallbackOutcome =
  | { outcome: 'refunded' | 'already-refunded'; afterSaleId: string }
  | { outcome: 'unknown-refund' | 'not-successful' | 'unconfirmed'; outRefundNo: string };

/**
 * A refund notice is only a hint: the after-sale it names is completed only when `cloudPay.queryRefund` says that
 * refund succeeded, for this after-sale's order and amount. Anything else (forged, wrong amount, still processing,
 * unknown to WeChat) writes nothing.
 */
export async function completeRefund(event: RefundNotification, now: number): Promise<RefundCallbackOutcome> {
  const outRefundNo = String(event.outRefundNo ?? '');
  if (event.refundStatus !== 'SUCCESS') return { outcome: 'not-successful', outRefundNo };
  const [afterSale] = await listDocs<AfterSaleDoc>(
    db().collection(COLLECTIONS.afterSales).where({ outRefundNo }).limit(1),
  );
  if (!afterSale) return { outcome: 'unknown-refund', outRefundNo };
  if (afterSale.status !== 'refunded' && !(await refundConfirmed(afterSale)))
    return { outcome: 'unconfirmed', outRefundNo };
  const { before, after } = await completeAfterSaleRefund(afterSale._id, now);
  // Outside the transaction: a message that fails to send never undoes the refund.
  if (before.status !== after.status) await notifyRefundResult(after);
  return { outcome: before.status === after.status ? 'already-refunded' : 'refunded', afterSaleId: afterSale._id };
}

async function refundConfirmed(afterSale: AfterSaleDoc): Promise<boolean> {
  // Throws when WeChat cannot be asked: the notice is answered "retry".
  const refund = await queryRefundOf(afterSale.outRefundNo);
  const order = refund && (await getDoc<OrderDoc>(COLLECTIONS.orders, afterSale.orderId));
  return (
    refund?.status === 'SUCCESS' && refund.refundFee === afterSale.refundFen && refund.outTradeNo === order?.outTradeNo
  );
}

/**
 * approved → refunded, with everything the refund undoes. Already refunded = nothing to do, which is what makes
 * concurrent and repeated deliveries safe: they serialise on the after-sale document and all but one see it done.
 */
export async function completeAfterSaleRefund(afterSaleId: string, now: number): Promise<Change<AfterSaleDoc>> {
  const found = await getDoc<AfterSaleDoc>(COLLECTIONS.afterSales, afterSaleId);
  if (!found) throw afterSaleNotFound(afterSaleId);
  // Created at payment, before any after-sale could exist, so this set cannot grow under us.
  const commissionIds = (
    await listDocs<Pick<CommissionDoc, '_id'>>(
      db()
        .collection(COLLECTIONS.commissions)
        .where({ orderId: found.orderId, line: found.line })
        .field({ _id: true })
        .limit(PAGE),
    )
  ).map((doc) => doc._id);
  return inTransaction(async (tx) => {
    const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, afterSaleId);
    if (!before) throw afterSaleNotFound(afterSaleId);
    if (before.status === 'refunded') return { before, after: before };
    const status = unwrap(transition(afterSaleMachine, before.status, 'refund'));
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, before.orderId);
    const line = order?.lines[before.line];
    if (!order || !line) throw new DomainError('NOT_FOUND', { orderId: before.orderId, line: before.line });
    const refundedQuantity = line.refundedQuantity + before.quantity;

    const reversals: RefundFacts['reversals'][number][] = [];
    for (const id of commissionIds) {
      const commission = await txGet<CommissionDoc>(tx, COLLECTIONS.commissions, id);
      if (commission) {
        const amountFen = await reverseForRefund(tx, commission, afterSaleId, line.quantity - refundedQuantity, now);
        // A settled commission is clawed back from the day it settled; a frozen one leaves "frozen now".
        const settledAt = commission.status === 'settled' ? (commission.settledAt ?? now) : null;
        reversals.push({ beneficiaryId: commission.beneficiaryId, amountFen, settledAt });
      }
    }

    const lines = order.lines.map((l, i) => (i === before.line ? { ...l, refundedQuantity } : l));
    // The last unit refunded closes the order (stock and commissions came back line by line above and below); a
    // completed order stays completed (the machine has no edge: completion is final).
    const closing = isEveryLineRefunded(lines)
      ? transition(orderMachine, order.status, 'close', { everyLineRefunded: true })
      : null;
    const closes = closing?.ok === true;
    const orderStatus = closing?.ok ? closing.value : order.status;
    await tx
      .collection(COLLECTIONS.orders)
      .doc(order._id)
      .update({
        data: {
          lines,
          refundedFen: (order.refundedFen ?? 0) + (before.refundFen ?? 0),
          ...(closes ? { status: orderStatus, closedAt: now } : {}),
        },
      });
    const product = await txGet<ProductDoc>(tx, COLLECTIONS.products, line.productId);
    if (product) {
      await tx
        .collection(COLLECTIONS.products)
        .doc(line.productId)
        .update({ data: stockMoves(line, before.quantity) });
    }
    const changes = {
      status,
      refundedAt: now,
      refundError: null,
      timeline: appendMoment(before, { event: 'refunded', at: now, by: 'wechat' }),
    };
    await tx.collection(COLLECTIONS.afterSales).doc(afterSaleId).update({ data: changes });
    await recordRefund(tx, refundFacts(order, lines, before, reversals, now), now);
    return { before, after: { ...before, ...changes } };
  });
}

async function reverseForRefund(
  tx: Transaction,
  commission: CommissionDoc,
  refundId: string,
  remainingQuantity: number,
  now: number,
): Promise<number> {
  const reversal = unwrap(
    reversalForRefund({
      record: commissionRecordOf(commission),
      refundId,
      remainingQuantity,
      alreadyReversedFen: commission.reversedFen as Fen,
    }),
  );
  if (!reversal) return 0;
  const settled = commission.status === 'settled';
  const balance = await loadBalance(tx, commission.beneficiaryId);
  await postEntries(
    tx,
    commission.beneficiaryId,
    balance,
    [reverseCommission({ reversal, settled, balances: balancesOf(balance), at: now })],
    now,
  );
  const status =
    reversal.remainingCommissionFen === 0
      ? unwrap(transition(commissionMachine, commission.status, settled ? 'clawback' : 'reverse'))
      : commission.status;
  await tx
    .collection(COLLECTIONS.commissions)
    .doc(commission._id)
    .update({
      data: { status, reversedFen: commission.reversedFen + reversal.amountFen },
    });
  return reversal.amountFen;
}
