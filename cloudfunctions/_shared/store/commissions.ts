/** `commissions`: what each beneficiary earns from an order, frozen until the after-sales window closes. */
import type { CommissionRecord, CommissionState } from '../../../core/src';

export interface CommissionDoc extends Omit<CommissionRecord, 'id'> {
  _id: string;
  status: CommissionState;
  buyerOpenid: string;
  /** Cumulative amount reversed or clawed back by refunds. */
  reversedFen: number;
  createdAt: number;
  /** Null until the order is received; then receivedAt + freezeDays. */
  settleAt: number | null;
  settledAt?: number;
}

/** The core's record of a stored commission. */
export function commissionRecordOf(doc: CommissionDoc): CommissionRecord {
  const { _id, orderId, line, level, beneficiaryId, productId, quantity, baseFen, terms, amountFen, ruleVersion } = doc;
  return { id: _id, orderId, line, level, beneficiaryId, productId, quantity, baseFen, terms, amountFen, ruleVersion };
}
