/**
 * Commission per order line and level, from the order's paid lines, its ancestor snapshot and the
 * rules version it was paid under. Records carry their own terms (rate or fixed amount), so a refund
 * months later is recomputed from the record alone, never from today's rules.
 *
 * Partial refunds: the commission of what remains is recomputed from scratch (remaining base =
 * floor(paid × remainingQty / quantity)), and the reversal is the difference to what was already
 * reversed. The reversals therefore telescope: after any sequence of refunds, reversed + remaining =
 * original exactly, and refunding the last unit reverses everything.
 */
import { err, ok, type Result } from './errors';
import { applyRate, proportionalShare, type BasisPoints, type Fen } from './money';
import type { AncestorSnapshot } from './binding';
import type { CommissionOverride, DistributionRules } from './rules';

export interface CommissionLine {
  readonly line: number;
  readonly productId: string;
  readonly quantity: number;
  /** The commission base: what the shopper paid for the line, after discount, without shipping. */
  readonly paidFen: Fen;
  readonly commissionOverride?: CommissionOverride;
  /** The SKU bought (`原味 / 500g`), carried onto the commission so statements name it. */
  readonly skuLabel?: string;
  /** A marketing campaign's commission policy, snapshotted on the line: 'none' pays nothing, whatever else says. */
  readonly campaignCommission?: CampaignCommission;
}

/** What a campaign's orders pay in commission: on the amount paid (the default), or nothing. */
export type CampaignCommission = 'paid' | 'none';

export type CommissionTerms =
  { readonly kind: 'rate'; readonly rateBp: BasisPoints } | { readonly kind: 'fixed'; readonly perUnitFen: Fen };

export interface CommissionRecord {
  /** `commission:<orderId>:<line>:<level>`; also the id of its accrual ledger entry. */
  readonly id: string;
  readonly orderId: string;
  readonly line: number;
  /** 1 = direct inviter (or the buyer on self-purchase). */
  readonly level: number;
  readonly beneficiaryId: string;
  readonly productId: string;
  readonly quantity: number;
  readonly baseFen: Fen;
  readonly terms: CommissionTerms;
  readonly amountFen: Fen;
  readonly ruleVersion: number;
  /** The SKU of the line, for a product with specs. */
  readonly skuLabel?: string;
}

export function commissionId(orderId: string, line: number, level: number): string {
  return `commission:${orderId}:${line}:${level}`;
}

/**
 * The terms for one line at one level. Precedence: the rules' per-product override (versioned with the
 * rules), then the product's own override snapshotted on the line, then the level rate. null = no commission.
 */
export function termsFor(rules: DistributionRules, line: CommissionLine, level: number): CommissionTerms | null {
  if (line.campaignCommission === 'none') return null;
  const override = rules.productOverrides[line.productId] ?? line.commissionOverride;
  const index = level - 1;
  if (override) {
    if (override.kind === 'none') return null;
    if (override.kind === 'fixed') {
      const perUnitFen = override.levelFenPerUnit[index];
      return perUnitFen ? { kind: 'fixed', perUnitFen } : null;
    }
    const rateBp = override.levelRatesBp[index];
    return rateBp ? { kind: 'rate', rateBp } : null;
  }
  const rateBp = rules.levelRatesBp[index];
  return rateBp ? { kind: 'rate', rateBp } : null;
}

/** The level-rate terms, shared by every record of the same rules (records are never mutated). */
const defaultTermsCache = new WeakMap<DistributionRules, readonly (CommissionTerms | null)[]>();
function defaultTerms(rules: DistributionRules): readonly (CommissionTerms | null)[] {
  let terms = defaultTermsCache.get(rules);
  if (!terms) {
    terms = rules.levelRatesBp.map((rateBp) => (rateBp ? ({ kind: 'rate', rateBp } as const) : null));
    defaultTermsCache.set(rules, terms);
  }
  return terms;
}

/**
 * Commission for `quantity` units whose paid amount is `baseFen`. A fixed per-unit amount is capped at
 * the base: we never pay a distributor more than the shopper paid for the goods.
 */
export function commissionAmount(terms: CommissionTerms, baseFen: Fen, quantity: number): Fen {
  if (terms.kind === 'rate') return applyRate(baseFen, terms.rateBp);
  const fixed = terms.perUnitFen * quantity;
  return (fixed < baseFen ? fixed : baseFen) as Fen;
}

export interface CommissionsForOrderInput {
  readonly orderId: string;
  readonly lines: readonly CommissionLine[];
  readonly snapshot: AncestorSnapshot;
  /** The rules of snapshot.ruleVersion, i.e. the version the order was paid under. */
  readonly rules: DistributionRules;
  /**
   * Level rates of beneficiaries who hold a grade (grades.ts `gradeLevelRates`), at payment: they replace the level
   * rates for lines without a product override, and are written into each record's terms, so a later upgrade
   * never changes this order.
   */
  readonly gradeRatesBp?: ReadonlyMap<string, readonly number[]>;
}

/** One record per line per level that has a beneficiary and a non-zero amount. */
export function commissionsForOrder(input: CommissionsForOrderInput): Result<CommissionRecord[]> {
  const { orderId, lines, snapshot, rules } = input;
  if (snapshot.ruleVersion !== rules.version) {
    return err('RULES_VERSION_MISMATCH', {
      orderId,
      orderRuleVersion: snapshot.ruleVersion,
      rulesVersion: rules.version,
    });
  }
  const records: CommissionRecord[] = [];
  if (!rules.enabled) return ok(records);
  const beneficiaries = snapshot.beneficiaries;
  const levelTerms = defaultTerms(rules);
  for (const line of lines) {
    if (line.campaignCommission === 'none') continue;
    const overridden = rules.productOverrides[line.productId] !== undefined || line.commissionOverride !== undefined;
    for (let index = 0; index < beneficiaries.length && index < rules.levels; index++) {
      const beneficiaryId = beneficiaries[index];
      if (!beneficiaryId) continue;
      const level = index + 1;
      const graded = overridden ? undefined : input.gradeRatesBp?.get(beneficiaryId)?.[index];
      const terms =
        graded !== undefined
          ? graded > 0
            ? ({ kind: 'rate', rateBp: graded as BasisPoints } as const)
            : null
          : overridden
            ? termsFor(rules, line, level)
            : (levelTerms[index] ?? null);
      if (!terms) continue;
      const amountFen = commissionAmount(terms, line.paidFen, line.quantity);
      if (amountFen === 0) continue;
      records.push({
        id: commissionId(orderId, line.line, level),
        orderId,
        line: line.line,
        level,
        beneficiaryId,
        productId: line.productId,
        quantity: line.quantity,
        baseFen: line.paidFen,
        terms,
        amountFen,
        ruleVersion: rules.version,
        ...(line.skuLabel ? { skuLabel: line.skuLabel } : {}),
      });
    }
  }
  return ok(records);
}

/** The paid amount attributed to `remainingQty` of a line's `quantity` (the one rounding rule: floor). */
export function remainingBase(paidFen: Fen, quantity: number, remainingQty: number): Fen {
  return proportionalShare(paidFen, remainingQty, quantity);
}

/** What the shopper gets back for refunding `refundQty` more units of a line; sums exactly to paidFen. */
export function refundAmountForLine(
  paidFen: Fen,
  quantity: number,
  refundedBefore: number,
  refundQty: number,
): Result<Fen> {
  if (!Number.isInteger(refundQty) || refundQty < 1 || !Number.isInteger(refundedBefore) || refundedBefore < 0) {
    return err('INVALID_INPUT', { refundQty, refundedBefore });
  }
  if (refundedBefore + refundQty > quantity) {
    return err('REFUND_EXCEEDS_PURCHASE', { quantity, refundedBefore, refundQty });
  }
  const before = remainingBase(paidFen, quantity, quantity - refundedBefore);
  const after = remainingBase(paidFen, quantity, quantity - refundedBefore - refundQty);
  return ok((before - after) as Fen);
}

/** The commission a record is worth if only `remainingQty` of its line is kept. */
export function commissionForRemaining(record: CommissionRecord, remainingQty: number): Fen {
  if (remainingQty === record.quantity) return record.amountFen;
  const base = remainingBase(record.baseFen, record.quantity, remainingQty);
  return commissionAmount(record.terms, base, remainingQty);
}

export interface CommissionReversal {
  readonly commissionId: string;
  readonly orderId: string;
  readonly line: number;
  readonly level: number;
  readonly beneficiaryId: string;
  readonly refundId: string;
  readonly amountFen: Fen;
  /** Commission still due on the line after this refund. */
  readonly remainingCommissionFen: Fen;
  readonly remainingQuantity: number;
  readonly ruleVersion: number;
}

export interface ReversalInput {
  readonly record: CommissionRecord;
  readonly refundId: string;
  /** Units of the line still kept after this refund (0 = the line is fully refunded). */
  readonly remainingQuantity: number;
  /** Sum of this record's earlier reversals, read from the ledger. */
  readonly alreadyReversedFen: Fen;
}

/**
 * The reversal for one refund of one record: original − recomputed(remaining) − already reversed.
 * Returns null when there is nothing to reverse (a refund too small to move a floored amount).
 */
export function reversalForRefund(input: ReversalInput): Result<CommissionReversal | null> {
  const { record, remainingQuantity, alreadyReversedFen } = input;
  if (!Number.isInteger(remainingQuantity) || remainingQuantity < 0 || remainingQuantity > record.quantity) {
    return err('REFUND_EXCEEDS_PURCHASE', { commissionId: record.id, remainingQuantity, quantity: record.quantity });
  }
  const remaining = commissionForRemaining(record, remainingQuantity);
  const amount = record.amountFen - remaining - alreadyReversedFen;
  if (amount < 0) {
    // More was reversed than the refunds explain: the ledger and the after-sales disagree.
    return err('CONFLICT', { commissionId: record.id, alreadyReversedFen, remaining });
  }
  if (amount === 0) return ok(null);
  return ok({
    commissionId: record.id,
    orderId: record.orderId,
    line: record.line,
    level: record.level,
    beneficiaryId: record.beneficiaryId,
    refundId: input.refundId,
    amountFen: amount as Fen,
    remainingCommissionFen: remaining,
    remainingQuantity,
    ruleVersion: record.ruleVersion,
  });
}
