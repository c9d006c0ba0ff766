/**
 * After-sales per order line and quantity. The shopper asks, an operator approves (which fixes the amount and asks
 * WeChat Pay for the money back) or rejects, and the refund callback completes it: stock back, the line's
 * commissions reversed (still frozen) or clawed back (already settled, debt for what available cannot cover), all in
 * one transaction per after-sale so that any number of callback deliveries changes things once.
 */
import {
  afterSaleMachine,
  checkAfterSaleRequest,
  checkMerchantRefund,
  commissionMachine,
  DomainError,
  refundAmountForLine,
  reversalForRefund,
  reverseCommission,
  transition,
  unwrap,
  type Fen,
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
import { queryRefundOf, requestRefund } from '../platform/cloud-pay';
import { rulesOfVersion } from '../store/rules';
import { inTransaction, isDuplicateKey, type Transaction } from '../platform/transactions';
import type { Change } from './change';
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
          unwrap(openedBy === 'shopper' ? checkAfterSaleRequest({ ...asked, rules, now }) : checkMerchantRefund(asked));
          const n = existing.filter((doc) => doc.line === line).length + 1;
          const _id = `${order._id}:${line}:${n}`;
          const doc: StoredAfterSale = {
            _id,
            orderId: order._id,
            buyerOpenid: order.buyerOpenid,
            line,
            quantity,
            reason: request.reason,
            status: 'requested',
            refundFen: null,
            outRefundNo: outRefundNoFor(_id),
            createdAt: now,
            openedBy,
            ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
          };
          await tx.collection(COLLECTIONS.afterSales).add({ data: doc });
          claims.push(afterSaleSummary(doc));
          created.push(doc);
        }
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

/**
 * requested → approved: fixes the refund with the line's units already approved or refunded counted first, so
 * the refunds of a line add up to exactly what was paid for it. Then, after the commit, asks WeChat Pay for the
 * money; approving an already approved after-sale asks again (same outRefundNo, so WeChat pays once), which is how
 * an operator retries a refund call that failed.
 */
export async function approveAfterSale(afterSaleId: string, actor: string, now: number): Promise<Change<AfterSaleDoc>> {
  const found = await getDoc<AfterSaleDoc>(COLLECTIONS.afterSales, afterSaleId);
  if (!found) throw afterSaleNotFound(afterSaleId);
  const change = found.status === 'approved' ? { before: found, after: found } : await approveOnce(found, actor, now);
  await payBack(change.after, now);
  return change;
}

async function approveOnce(found: AfterSaleDoc, actor: string, now: number): Promise<Change<AfterSaleDoc>> {
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
      if (sibling && (sibling.status === 'approved' || sibling.status === 'refunded')) fixedBefore += sibling.quantity;
    }
    const status = unwrap(
      transition(afterSaleMachine, before.status, 'approve', {
        withinRefundableQuantity: fixedBefore + before.quantity <= line.quantity,
      }),
    );
    const refundFen = unwrap(refundAmountForLine(line.paidFen, line.quantity, fixedBefore, before.quantity));
    const changes = { status, refundFen, decidedAt: now, decidedBy: actor };
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

async function payBack(afterSale: AfterSaleDoc, now: number): Promise<void> {
  // A line bought for nothing (a coupon covered it) has nothing to send back; WeChat Pay refuses a zero refund.
  if (afterSale.refundFen === 0) {
    await completeAfterSaleRefund(afterSale._id, now);
    return;
  }
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, afterSale.orderId);
  if (!order || afterSale.refundFen === null) throw afterSaleNotFound(afterSale._id);
  await requestRefund({
    outTradeNo: order.outTradeNo,
    outRefundNo: afterSale.outRefundNo,
    totalFen: order.totalFen,
    refundFen: afterSale.refundFen,
    reason: afterSale.reason,
  });
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
    const changes = { status, rejectReason: reason, decidedAt: now, decidedBy: actor };
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
  const _ = db().command;
  return inTransaction(async (tx) => {
    const before = await txGet<AfterSaleDoc>(tx, COLLECTIONS.afterSales, afterSaleId);
    if (!before) throw afterSaleNotFound(afterSaleId);
    if (before.status === 'refunded') return { before, after: before };
    const status = unwrap(transition(afterSaleMachine, before.status, 'refund'));
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, before.orderId);
    const line = order?.lines[before.line];
    if (!order || !line) throw new DomainError('NOT_FOUND', { orderId: before.orderId, line: before.line });
    const refundedQuantity = line.refundedQuantity + before.quantity;

    const reversals: { beneficiaryId: string; amountFen: number }[] = [];
    for (const id of commissionIds) {
      const commission = await txGet<CommissionDoc>(tx, COLLECTIONS.commissions, id);
      if (commission) {
        const amountFen = await reverseForRefund(tx, commission, afterSaleId, line.quantity - refundedQuantity, now);
        reversals.push({ beneficiaryId: commission.beneficiaryId, amountFen });
      }
    }

    const lines = order.lines.map((l, i) => (i === before.line ? { ...l, refundedQuantity } : l));
    await tx
      .collection(COLLECTIONS.orders)
      .doc(order._id)
      .update({
        data: { lines, refundedFen: (order.refundedFen ?? 0) + (before.refundFen ?? 0) },
      });
    const product = await txGet<ProductDoc>(tx, COLLECTIONS.products, line.productId);
    if (product) {
      await tx
        .collection(COLLECTIONS.products)
        .doc(line.productId)
        .update({ data: { stock: _.inc(before.quantity), sales: _.inc(-before.quantity) } });
    }
    const changes = { status, refundedAt: now };
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
