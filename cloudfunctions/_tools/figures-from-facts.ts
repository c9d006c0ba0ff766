/**
 * The `figures` documents a shop's facts add up to, computed with the same core bumps the live path applies
 * (`core/src/figures.ts`) and the same reading of each fact (`store/figure-facts.ts`): an order placed, a payment,
 * each refund (replayed per order in the order they completed, so "the last unit refunded" is known), each
 * commission settled and each withdrawal paid. Every counter is a sum, so the order facts arrive in does not matter;
 * a product's title (`label`) is the one of its latest fact, and `updatedAt` the time of the latest fact, as the live
 * path leaves them. No I/O: `rebuild-figures.ts` reads the facts and writes what this returns.
 */
import { BEHAVIOUR_COUNTER } from '../../contract/src';
import {
  figureId,
  paymentBumps,
  payoutBumps,
  placedBumps,
  refundBumps,
  settlementBumps,
  type FigureBump,
  type RefundFacts,
} from '../../core/src';
import { paidOrderFacts, refundFacts } from '../_shared/store/figure-facts';
import type { AfterSaleDoc } from '../_shared/store/after-sales';
import type { OrderDoc, OrderLine } from '../_shared/store/orders';
import type { FigureDoc } from '../_shared/store/rollups';

/** What the rebuild reads of a commission. */
export type CommissionFact = { _id: string; orderId: string; beneficiaryId: string; amountFen: number } & {
  settledAt?: number | null;
};

/** A `commission.reverse` (still frozen) or `commission.clawback` (settled) ledger entry. */
export interface ReversalFact {
  _id: string;
  kind: 'commission.reverse' | 'commission.clawback';
  distributorId: string;
  commissionId: string;
  refundId: string;
  amountFen: number;
}

export type OrderFact = Pick<OrderDoc, '_id' | 'createdAt' | 'totalFen' | 'lines' | 'snapshot'> & {
  paidAt?: number | null;
};

export type RefundedAfterSale = Pick<AfterSaleDoc, '_id' | 'orderId' | 'line' | 'quantity' | 'refundFen'> & {
  refundedAt: number;
};

export interface PaidWithdrawal {
  openid: string;
  amountFen: number;
  paidAt: number;
}

/** Counters stored on figures documents that no fact recounts (a shopper's views and shares): kept as they are. */
export const BEHAVIOUR_FIELDS: readonly string[] = Object.values(BEHAVIOUR_COUNTER);

/** The figures documents being summed, by id. */
export class FigureSheet {
  private readonly docs = new Map<string, FigureDoc>();
  private readonly labelAt = new Map<string, number>();

  add(bumps: readonly FigureBump[], at: number): void {
    for (const bump of bumps) {
      const id = figureId(bump.key);
      let doc = this.docs.get(id);
      if (!doc) {
        doc = { _id: id, kind: bump.key.kind, date: bump.key.date, subject: bump.key.subject, updatedAt: at };
        this.docs.set(id, doc);
      }
      for (const [field, amount] of Object.entries(bump.add)) doc[field] = ((doc[field] as number) ?? 0) + amount;
      if (bump.label !== undefined && at >= (this.labelAt.get(id) ?? -Infinity)) {
        doc.label = bump.label;
        this.labelAt.set(id, at);
      }
      doc.updatedAt = Math.max(doc.updatedAt, at);
    }
  }

  /** Behaviour counters of a stored document carried into the rebuilt one (created if no fact touched it). */
  keepBehaviour(stored: FigureDoc): void {
    const kept = BEHAVIOUR_FIELDS.filter((field) => typeof stored[field] === 'number');
    if (kept.length === 0) return;
    let doc = this.docs.get(stored._id);
    if (!doc) {
      doc = { _id: stored._id, kind: stored.kind, date: stored.date, subject: stored.subject, updatedAt: 0 };
      if (stored.label !== undefined) doc.label = stored.label;
      this.docs.set(stored._id, doc);
    }
    for (const field of kept) doc[field] = stored[field];
    doc.updatedAt = Math.max(doc.updatedAt, stored.updatedAt);
  }

  documents(): FigureDoc[] {
    return [...this.docs.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }
}

/** Commissions of each order and reversals of each refund and commission, for the per-order and per-commission facts. */
export class FactIndex {
  readonly commissionsByOrder = new Map<string, CommissionFact[]>();
  readonly reversalsByRefund = new Map<string, ReversalFact[]>();
  readonly reversedWhileFrozen = new Map<string, number>();
  readonly settledAtOf = new Map<string, number>();
  readonly refundsByOrder = new Map<string, RefundedAfterSale[]>();

  addCommission(commission: CommissionFact): void {
    const list = this.commissionsByOrder.get(commission.orderId) ?? [];
    list.push(commission);
    this.commissionsByOrder.set(commission.orderId, list);
    if (typeof commission.settledAt === 'number') this.settledAtOf.set(commission._id, commission.settledAt);
  }

  addReversal(entry: ReversalFact): void {
    const list = this.reversalsByRefund.get(entry.refundId) ?? [];
    list.push(entry);
    this.reversalsByRefund.set(entry.refundId, list);
    if (entry.kind === 'commission.reverse') {
      this.reversedWhileFrozen.set(
        entry.commissionId,
        (this.reversedWhileFrozen.get(entry.commissionId) ?? 0) + entry.amountFen,
      );
    }
  }

  addRefund(afterSale: RefundedAfterSale): void {
    const list = this.refundsByOrder.get(afterSale.orderId) ?? [];
    list.push(afterSale);
    this.refundsByOrder.set(afterSale.orderId, list);
  }
}

/** An order: placed; paid (with the commissions it accrued); each of its refunds in the order they completed. */
export function addOrder(sheet: FigureSheet, index: FactIndex, order: OrderFact): void {
  sheet.add(
    placedBumps(
      order.createdAt,
      order.lines.map((line) => line.productId),
      order.snapshot.beneficiaries[0] ?? null,
    ),
    order.createdAt,
  );
  if (typeof order.paidAt !== 'number') return;
  const commissions = index.commissionsByOrder.get(order._id) ?? [];
  sheet.add(paymentBumps(paidOrderFacts(order as OrderDoc, commissions, order.paidAt)), order.paidAt);
  const refunds = [...(index.refundsByOrder.get(order._id) ?? [])].sort(
    (a, b) => a.refundedAt - b.refundedAt || (a._id < b._id ? -1 : 1),
  );
  let lines: OrderLine[] = order.lines.map((line) => ({ ...line, refundedQuantity: 0 }));
  for (const afterSale of refunds) {
    const after = lines.map((line, i) =>
      i === afterSale.line ? { ...line, refundedQuantity: line.refundedQuantity + afterSale.quantity } : line,
    );
    const reversals: RefundFacts['reversals'][number][] = (index.reversalsByRefund.get(afterSale._id) ?? []).map(
      (entry) => ({
        beneficiaryId: entry.distributorId,
        amountFen: entry.amountFen,
        settledAt:
          entry.kind === 'commission.clawback'
            ? (index.settledAtOf.get(entry.commissionId) ?? afterSale.refundedAt)
            : null,
      }),
    );
    const before = { ...order, lines } as OrderDoc;
    sheet.add(
      refundBumps(refundFacts(before, after, afterSale as AfterSaleDoc, reversals, afterSale.refundedAt)),
      afterSale.refundedAt,
    );
    lines = after;
  }
}

/** A commission settled: what was left of it after the refunds while it was frozen, on the day it settled. */
export function addSettlement(sheet: FigureSheet, index: FactIndex, commission: CommissionFact): void {
  if (typeof commission.settledAt !== 'number') return;
  const settledFen = commission.amountFen - (index.reversedWhileFrozen.get(commission._id) ?? 0);
  sheet.add(
    settlementBumps({ beneficiaryId: commission.beneficiaryId, settledFen, settledAt: commission.settledAt }),
    commission.settledAt,
  );
}

export function addPayout(sheet: FigureSheet, withdrawal: PaidWithdrawal): void {
  sheet.add(payoutBumps(withdrawal), withdrawal.paidAt);
}
