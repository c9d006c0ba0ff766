/**
 * An order's life up to payment: place (price, reserve, ask WeChat Pay), record the payment (once, however often
 * and in whatever order WeChat delivers it), and cancel (by the shopper, or by the timer after the payment window),
 * refunding a payment that arrives after cancellation instead of losing it.
 */
import {
  DomainError,
  accrueCommission,
  commissionsForOrder,
  isDomainErrorCode,
  orderMachine,
  transition,
  type CommissionRecord,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs, txGet, updatedCount } from '../platform/documents';
import { orderIdFromOutTradeNo, outTradeNoFor, stableId } from '../platform/ids';
import { loadBalance, postEntries } from '../store/ledger';
import { COLLECTIONS } from '../store/collections';
import { type CommissionDoc } from '../store/commissions';
import { orderNoOf, type OrderDoc, type ShippingAddress } from '../store/orders';
import { claimOrderNo } from '../store/order-numbers';
import { type UserDoc } from '../store/users';
import { closeTrade, queryTrade, requestPayment, requestRefund, type TradeQuery } from '../platform/cloud-pay';
import { rulesOfVersion } from '../store/rules';
import { gradeRatesOf } from '../store/grades';
import { inTransaction, isDuplicateKey } from '../platform/transactions';
import { sealAddress } from '../store/personal-records';
import { cartProductIds, priceProducts, snapshotFor, type CartRequest } from './checkout';
import type { PaymentParams } from '../../../contract/src';
import { readOrderStart } from '../store/order-start';
import { groupBuyForNewOrder, joinGroupOnPayment } from './group-buys';
import { keepCampaignUnits, releaseCampaignUnits, reserveCampaignUnits } from '../store/campaign-holds';
import { paidOrderFacts, recordPaid, recordPlaced } from '../store/rollups';
import { keepHolds, lockCoupon, markStockSettled, releaseHolds, reserve, settleCoupon } from '../store/stock';

export interface PlaceOrderInput extends CartRequest {
  requestId: string;
  address: ShippingAddress;
  /** 买家留言 (≤ 200 characters, text): for the merchant, shown in the order's detail. */
  buyerNote?: string;
}

export interface PlacedOrder {
  orderId: string;
  orderNo: string;
  totalFen: number;
  /** null when the request is replayed for an order that is no longer unpaid. */
  payment: PaymentParams | null;
  outTradeNo: string;
  status: OrderDoc['status'];
  groupId?: string;
}

const MINUTE_MS = 60_000;

export function orderIdFor(openid: string, requestId: string): string {
  return stableId('order', openid, requestId);
}

function requestHashOf(input: PlaceOrderInput): string {
  const asked: Record<string, unknown> = {
    items: input.items,
    couponId: input.couponId ?? null,
    address: input.address,
  };
  // Optional keys join the hash only when given, so every other order keeps the hash it always had.
  if (input.buyerNote) asked.buyerNote = input.buyerNote;
  if (input.groupBuy) asked.groupBuy = input.groupBuy;
  return stableId(JSON.stringify(asked));
}

export async function placeOrder(openid: string, input: PlaceOrderInput, now: number): Promise<PlacedOrder> {
  const orderId = orderIdFor(openid, input.requestId);
  const requestHash = requestHashOf(input);
  const order = await createOrder(openid, orderId, requestHash, input, now);
  if (order.requestHash !== requestHash)
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', { requestId: input.requestId });
  if (order.status === 'cancelled') {
    const code =
      order.cancelReason && isDomainErrorCode(order.cancelReason) ? order.cancelReason : 'ILLEGAL_TRANSITION';
    throw new DomainError(code, { orderId, status: order.status });
  }
  if (order.status !== 'unpaid') return placed(order, null);
  // From here every step is safe to repeat, so a replay of a request that died halfway finishes the job.
  await reserveAll(order, now);
  const payment = await requestPayment({
    outTradeNo: order.outTradeNo,
    totalFen: order.totalFen,
    description:
      order.lines.length === 1 ? order.lines[0]!.title : `${order.lines[0]!.title} 等 ${order.lines.length} 件商品`,
    openid,
  });
  return placed(order, payment);
}

function placed(order: OrderDoc, payment: PaymentParams | null): PlacedOrder {
  return {
    orderId: order._id,
    orderNo: orderNoOf(order),
    totalFen: order.totalFen,
    payment,
    outTradeNo: order.outTradeNo,
    status: order.status,
    ...(order.groupBuy ? { groupId: order.groupBuy.groupId } : {}),
  };
}

/**
 * The order of this request: created now, or the one an earlier try of the same request created (read up front, or
 * found on the duplicate key). An earlier order wins over pricing: a sold-out product or a changed price must not
 * hide the order that bought the last unit.
 */
async function createOrder(
  openid: string,
  orderId: string,
  requestHash: string,
  input: PlaceOrderInput,
  now: number,
): Promise<OrderDoc> {
  const start = await readOrderStart(openid, orderId, cartProductIds(input));
  if (start.earlierOrder) return start.earlierOrder;
  const { priced, rules, settings } = await priceProducts(openid, input, start.products, now);
  const snapshot = await snapshotFor(openid, rules, start.buyer);
  const orderNo = await claimOrderNo(orderId, now);
  const groupBuy = input.groupBuy ? await groupBuyForNewOrder(openid, orderId, input.groupBuy, now) : undefined;
  const order: OrderDoc = {
    _id: orderId,
    orderNo,
    buyerOpenid: openid,
    requestId: input.requestId,
    requestHash,
    status: 'unpaid',
    lines: priced.lines.map((line) => ({
      ...line,
      refundedQuantity: 0,
      image: start.products.find((product) => product._id === line.productId)?.images?.[0] ?? null,
    })),
    subtotalFen: priced.subtotalFen,
    discountFen: priced.discountFen,
    shippingFen: priced.shippingFen,
    totalFen: priced.totalFen,
    couponId: priced.couponId,
    address: sealAddress(input.address, openid),
    outTradeNo: outTradeNoFor(orderId),
    snapshot,
    ruleVersion: rules.version,
    payment: null,
    createdAt: now,
    expiresAt: now + settings.unpaidTimeoutMinutes * MINUTE_MS,
    stockSettled: false,
    ...(input.buyerNote ? { buyerNote: input.buyerNote } : {}),
    ...(groupBuy ? { groupBuy } : {}),
  };
  try {
    await db().collection(COLLECTIONS.orders).add({ data: order });
    await recordPlaced(order, now);
    return order;
  } catch (error) {
    // The same request raced itself (a double tap, a retry): the first one's order is the order.
    if (!isDuplicateKey(error)) throw error;
    const winner = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
    if (!winner) throw error;
    return winner;
  }
}

async function reserveAll(order: OrderDoc, now: number): Promise<void> {
  for (const line of order.lines) {
    if (!(await reserve(order._id, line))) {
      await cancelUnpaid(order, 'OUT_OF_STOCK', now);
      throw new DomainError('OUT_OF_STOCK', {
        productId: line.productId,
        ...(line.skuId ? { skuId: line.skuId } : {}),
      });
    }
  }
  if (!(await reserveCampaignUnits(order))) {
    await cancelUnpaid(order, 'CAMPAIGN_LIMIT_REACHED', now);
    throw new DomainError('CAMPAIGN_LIMIT_REACHED', { orderId: order._id });
  }
  if (order.couponId && !(await lockCoupon(order.couponId, order.buyerOpenid, order._id))) {
    await cancelUnpaid(order, 'COUPON_NOT_APPLICABLE', now);
    throw new DomainError('COUPON_NOT_APPLICABLE', { couponId: order.couponId });
  }
}

/**
 * unpaid → cancelled, then the stock and coupon go back. The update is guarded on the status the caller read, so a
 * payment recorded meanwhile (or another cancellation) wins and this one changes nothing. false if it did not act.
 */
async function cancelUnpaid(
  order: Pick<OrderDoc, '_id' | 'status' | 'lines' | 'couponId' | 'buyerOpenid'>,
  reason: string,
  now: number,
): Promise<boolean> {
  if (!transition(orderMachine, order.status, 'cancel').ok) return false;
  const moved = await db()
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: order.status })
    .update({ data: { status: 'cancelled', cancelledAt: now, cancelReason: reason } });
  if (updatedCount(moved) !== 1) return false;
  await releaseHolds(order);
  await releaseCampaignUnits(order);
  await settleCoupon(order, 'unused');
  await markStockSettled(order._id);
  return true;
}

export type CancelActor = { openid: string } | 'system';

/**
 * Cancels an unpaid order. WeChat is asked first: a payment may already have gone through while its notice is on
 * the way, and such an order is recorded as paid instead. The trade is closed so it can no longer be paid.
 */
export async function cancelOrder(orderId: string, by: CancelActor, now: number): Promise<OrderDoc> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
  // Another shopper's order does not exist as far as this caller can tell.
  if (!order || (by !== 'system' && order.buyerOpenid !== by.openid)) throw new DomainError('NOT_FOUND', { orderId });
  const allowed = transition(orderMachine, order.status, 'cancel');
  if (!allowed.ok) throw allowed.error;
  if (!(await paidMeanwhile(order, now))) {
    await closeTrade(order.outTradeNo).catch((error: unknown) =>
      console.warn(`closeOrder ${order.outTradeNo} failed`, error),
    );
    // The shopper may have paid between our query and the close; then the close failed and the trade says so.
    if (!(await paidMeanwhile(order, now)))
      await cancelUnpaid(order, by === 'system' ? 'PAYMENT_TIMEOUT' : 'SHOPPER_CANCELLED', now);
  }
  const after = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
  if (after?.status !== 'cancelled' && by !== 'system')
    throw new DomainError('ILLEGAL_TRANSITION', { orderId, status: after?.status });
  return after ?? order;
}

/** Asks WeChat whether the order's trade was paid; if so the payment is recorded (its notice may still be coming). */
async function paidMeanwhile(order: OrderDoc, now: number): Promise<boolean> {
  const trade = await queryTrade(order.outTradeNo).catch(() => undefined);
  const confirmed = trade && confirmedPayment(order, trade);
  if (!confirmed) return false;
  await recordPayment(confirmed, now, order);
  return true;
}

/** A payment notice as it arrives: its fields are claims until WeChat Pay confirms them. */
export interface PaymentNotice {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
}

/** A payment WeChat Pay itself reported (queryOrder): paid, for exactly the order's total, by the order's buyer. */
export interface ConfirmedPayment {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
}

export type PaymentOutcome = 'paid' | 'already-paid' | 'refunded-late-payment' | 'unknown-order' | 'unconfirmed';

/**
 * The payment of `order` as WeChat Pay reports it, or undefined unless the trade was paid (SUCCESS, or REFUND: paid
 * and since refunded in part or whole) for exactly the order's total by the order's buyer.
 */
export function confirmedPayment(order: OrderDoc, trade: TradeQuery): ConfirmedPayment | undefined {
  const paid = trade.tradeState === 'SUCCESS' || trade.tradeState === 'REFUND';
  if (!paid || !trade.transactionId || trade.totalFee !== order.totalFen || trade.payerOpenid !== order.buyerOpenid)
    return undefined;
  return { outTradeNo: order.outTradeNo, transactionId: trade.transactionId, totalFee: trade.totalFee };
}

/**
 * A notice is only a hint that something happened: the order is read, WeChat Pay is asked about its trade, and the
 * payment is recorded only as WeChat reports it and only if the notice says the same. A notice that cannot be
 * confirmed (forged, wrong amount, another payer, an unpaid or closed trade) writes nothing at all.
 */
export async function recordNotifiedPayment(notice: PaymentNotice, now: number): Promise<PaymentOutcome> {
  const orderId = orderIdFromOutTradeNo(notice.outTradeNo);
  const order = orderId ? await getDoc<OrderDoc>(COLLECTIONS.orders, orderId) : null;
  if (!order || order.outTradeNo !== notice.outTradeNo) {
    console.error(`payment notice for unknown trade ${notice.outTradeNo}`);
    return 'unknown-order';
  }
  // Throws when WeChat cannot be asked: the notice is then answered "retry" and comes again.
  const confirmed = confirmedPayment(order, await queryTrade(order.outTradeNo));
  if (!confirmed || confirmed.transactionId !== notice.transactionId || confirmed.totalFee !== notice.totalFee) {
    console.error(`payment notice for ${notice.outTradeNo} not confirmed by WeChat Pay; nothing recorded`, notice);
    return 'unconfirmed';
  }
  return recordPayment(confirmed, now, order);
}

/**
 * Records a payment WeChat Pay confirmed, exactly once: the order moves unpaid → paid and its frozen commissions and
 * their ledger accruals are created in the same transaction, so either all of it happened or none did.
 */
async function recordPayment(payment: ConfirmedPayment, now: number, order: OrderDoc): Promise<PaymentOutcome> {
  const rules = await rulesOfVersion(order.ruleVersion);
  // Each beneficiary's grade at payment goes into the commissions' terms: a later upgrade never changes them.
  const records = commissionRecordsOf(order, rules, await gradeRatesOf(order.snapshot.beneficiaries, rules));
  const outcome = await inTransaction(async (tx): Promise<PaymentOutcome> => {
    const current = await txGet<OrderDoc>(tx, COLLECTIONS.orders, order._id);
    if (!current) throw new Error(`order ${order._id} vanished`);
    if (current.status === 'cancelled') {
      if (!current.latePayment) {
        await tx
          .collection(COLLECTIONS.orders)
          .doc(order._id)
          .update({
            data: {
              latePayment: {
                transactionId: payment.transactionId,
                totalFee: payment.totalFee,
                outRefundNo: lateRefundNo(order._id),
                refundRequestedAt: now,
              },
            },
          });
      }
      return 'refunded-late-payment';
    }
    if (current.status !== 'unpaid') return 'already-paid';
    const paying = transition(orderMachine, current.status, 'pay', {
      paymentMatchesTotal: payment.totalFee === current.totalFen,
    });
    if (!paying.ok) throw paying.error;
    await tx
      .collection(COLLECTIONS.orders)
      .doc(order._id)
      .update({ data: { status: 'paid', paidAt: now, transactionId: payment.transactionId } });
    await countPaidOrder(tx, order.buyerOpenid, now);
    await accrueAll(tx, order, records, now);
    await recordPaid(tx, paidOrderFacts(order, records, now), now);
    return 'paid';
  });
  if (outcome === 'paid') {
    await keepHolds(order);
    await keepCampaignUnits(order);
    await settleCoupon(order, 'used');
    await markStockSettled(order._id);
    if (order.groupBuy) await joinGroupOnPayment(order, now);
  }
  if (outcome === 'refunded-late-payment') {
    await requestRefund({
      outTradeNo: order.outTradeNo,
      outRefundNo: lateRefundNo(order._id),
      totalFen: payment.totalFee,
      refundFen: payment.totalFee,
      reason: '订单已取消，货款原路退回',
    });
  }
  return outcome;
}

/** The refund number of a payment returned because it arrived after its order was cancelled. */
export const lateRefundNo = (orderId: string) => `L${orderId}`;

/** The buyer's paid-order count (binding rules read it); a buyer who was never bound has no document yet. */
async function countPaidOrder(tx: Tx, openid: string, now: number): Promise<void> {
  const user = await txGet<UserDoc>(tx, COLLECTIONS.users, openid);
  if (user) {
    await tx
      .collection(COLLECTIONS.users)
      .doc(openid)
      .update({ data: { paidOrderCount: db().command.inc(1) } });
    return;
  }
  const fresh: Omit<UserDoc, '_id'> = {
    createdAt: now,
    inviterOpenid: null,
    boundAt: null,
    bindingSource: null,
    paidOrderCount: 1,
  };
  await tx.collection(COLLECTIONS.users).doc(openid).set({ data: fresh });
}

function commissionRecordsOf(
  order: OrderDoc,
  rules: Awaited<ReturnType<typeof rulesOfVersion>>,
  gradeRatesBp: ReadonlyMap<string, readonly number[]>,
): CommissionRecord[] {
  const records = commissionsForOrder({
    orderId: order._id,
    lines: order.lines,
    snapshot: order.snapshot,
    rules,
    gradeRatesBp,
  });
  if (!records.ok) throw records.error;
  return records.value;
}

type Tx = Parameters<Parameters<typeof inTransaction>[0]>[0];

async function accrueAll(tx: Tx, order: OrderDoc, records: CommissionRecord[], now: number): Promise<void> {
  const byBeneficiary = new Map<string, CommissionRecord[]>();
  for (const record of records) {
    const { id, ...fields } = record;
    const doc: CommissionDoc = {
      _id: id,
      ...fields,
      status: 'frozen',
      buyerOpenid: order.buyerOpenid,
      reversedFen: 0,
      createdAt: now,
      settleAt: null,
    };
    await tx.collection(COLLECTIONS.commissions).add({ data: doc });
    byBeneficiary.set(record.beneficiaryId, [...(byBeneficiary.get(record.beneficiaryId) ?? []), record]);
  }
  for (const [beneficiary, own] of byBeneficiary) {
    await postEntries(
      tx,
      beneficiary,
      await loadBalance(tx, beneficiary),
      own.map((record) => accrueCommission(record, now)),
      now,
    );
  }
}

/**
 * Timer work: cancels unpaid orders whose payment window passed, and finishes orders whose stock bookkeeping was
 * interrupted (a function that died between its transaction and releasing or keeping the holds).
 */
export async function sweepOrders(now: number, deadline: number): Promise<{ cancelled: number; repaired: number }> {
  const _ = db().command;
  const orders = db().collection(COLLECTIONS.orders);
  let cancelled = 0;
  let repaired = 0;
  // An order that stays unpaid after an attempt (its payment is under investigation) is not retried in this run.
  const attempted = new Set<string>();
  while (Date.now() < deadline) {
    const due = await listDocs<OrderDoc>(
      orders
        .where({ status: 'unpaid', expiresAt: _.lte(now) })
        .orderBy('expiresAt', 'asc')
        .limit(50),
    );
    const fresh = due.filter((order) => !attempted.has(order._id));
    if (fresh.length === 0) break;
    for (const order of fresh) {
      if (Date.now() >= deadline) break;
      attempted.add(order._id);
      try {
        if ((await cancelOrder(order._id, 'system', now)).status === 'cancelled') cancelled++;
      } catch (error) {
        console.error(`could not cancel expired order ${order._id}`, error);
      }
    }
  }
  const unsettled = await listDocs<OrderDoc>(
    orders.where({ stockSettled: false, status: _.neq('unpaid'), createdAt: _.lte(now - MINUTE_MS) }).limit(100),
  );
  for (const order of unsettled) {
    if (order.status === 'cancelled') {
      await releaseHolds(order);
      await releaseCampaignUnits(order);
      await settleCoupon(order, 'unused');
    } else {
      await keepHolds(order);
      await keepCampaignUnits(order);
      await settleCoupon(order, 'used');
    }
    await markStockSettled(order._id);
    repaired++;
  }
  return { cancelled, repaired };
}
