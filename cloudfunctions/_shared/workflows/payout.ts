/**
 * Where the money of an approved withdrawal goes out. Today an operator pays by hand (bank transfer, WeChat
 * transfer in the merchant app) and types in the reference; WeChat Pay's merchant transfer (商家转账到零钱,
 * `POST /v3/fund-app/mch-transfer/transfer-bills`) would be another PayoutChannel. Since its 2025 upgrade the payee
 * must confirm the transfer in WeChat, so that channel answers "pending" and a transfer-result callback would call
 * markWithdrawalPaid / failWithdrawal; use `out_bill_no` = withdrawal id + attempt so a retried call pays once.
 */
import { DomainError, transition, unwrap, withdrawalMachine } from '../../../core/src';
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { WithdrawalDoc } from '../store/withdrawals';
import type { Change } from './change';
import { failWithdrawal, markWithdrawalPaid } from './withdrawals';
import { assertNotFrozenBeforePayout } from './distributor-freeze';

export interface PayoutChannel {
  /** Sends `netFen` to the distributor; resolves with the channel's reference, rejects when nothing was paid. */
  payout(withdrawal: WithdrawalDoc): Promise<{ reference: string }>;
}

/** The operator has already paid outside the system; the reference is what they typed in. */
export class ManualPayoutChannel implements PayoutChannel {
  constructor(private readonly reference: string) {}

  async payout(): Promise<{ reference: string }> {
    return { reference: this.reference };
  }
}

/**
 * Pays an approved withdrawal through `channel`, outside any transaction (a payout cannot be rolled back), then
 * records the outcome: paid with the reference, or failed with the hold released.
 */
export async function payOutWithdrawal(
  withdrawalId: string,
  channel: PayoutChannel,
  actor: string,
  now: number,
): Promise<Change<WithdrawalDoc>> {
  const withdrawal = await getDoc<WithdrawalDoc>(COLLECTIONS.withdrawals, withdrawalId);
  if (!withdrawal) throw new DomainError('NOT_FOUND', { withdrawalId }, '提现申请不存在');
  // Refuse before money moves; markWithdrawalPaid checks again inside its transaction.
  unwrap(transition(withdrawalMachine, withdrawal.status, 'pay'));
  await assertNotFrozenBeforePayout(withdrawal.openid);
  let reference: string;
  try {
    ({ reference } = await channel.payout(withdrawal));
  } catch (error) {
    return failWithdrawal(withdrawalId, error instanceof Error ? error.message : String(error), actor, now);
  }
  return markWithdrawalPaid(withdrawalId, reference, actor, now);
}
