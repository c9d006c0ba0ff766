/** `withdrawals`: distributors' payout requests and their review. */
import type { WithdrawalState } from '../../../core/src';

export interface WithdrawalDoc {
  _id: string;
  openid: string;
  requestId: string;
  amountFen: number;
  feeFen: number;
  /** Income tax withheld (0 or absent when the merchant does not withhold); netFen = amountFen − feeFen − taxFen. */
  taxFen?: number;
  /** When the tax was computed (request or retry): the China-time month whose income this payout counts in. */
  taxedAt?: number | null;
  netFen: number;
  status: WithdrawalState;
  attempt: number;
  ruleVersion: number;
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  /** Who approved the current attempt; the two-operator rule keeps them from also releasing its payment. */
  approvedBy?: string;
  approvedAt?: number;
  /** Who released or marked the payment. */
  paidBy?: string;
  rejectReason?: string;
  payoutReference?: string;
  paidAt?: number;
  failureReason?: string;
  /** The WeChat Pay 商家转账 bill of the current attempt, once released (workflows/transfers.ts). */
  transfer?: {
    outBillNo: string;
    transferBillNo: string | null;
    /** As last read back from WeChat Pay (TRANSFER_BILL_STATES). */
    state: string;
    packageInfo: string | null;
    releasedBy: string;
    releasedAt: number;
    failReason?: string;
  };
}
