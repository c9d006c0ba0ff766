/** `withdrawals`: distributors' payout requests and their review. */
import type { WithdrawalState } from '../../../core/src';

export interface WithdrawalDoc {
  _id: string;
  openid: string;
  requestId: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  status: WithdrawalState;
  attempt: number;
  ruleVersion: number;
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
  payoutReference?: string;
  paidAt?: number;
  failureReason?: string;
}
