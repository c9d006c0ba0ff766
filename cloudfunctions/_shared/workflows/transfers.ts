/**
 * Approved withdrawals paid through WeChat Pay 商家转账 (user-confirm mode), the PayoutChannel that answers
 * "pending": releasing creates a transfer bill (outside any transaction: it cannot be rolled back), the
 * distributor confirms it in the mini program, and the result is read back from WeChat Pay by the callback and by
 * the timer — never from what a callback says. Each outcome is recorded once: the withdrawal's state machine
 * refuses a second pay or fail, the ledger entries have deterministic ids, and only the current attempt's bill
 * counts. An unconfirmed bill is closed by WeChat after 24 h; CANCELLED and FAIL release the hold to the balance.
 */
import {
  canRecordTransferState,
  chinaMonth,
  DomainError,
  transferBillNo,
  transferBillRequest,
  transferOutcome,
  transition,
  unwrap,
  withdrawalMachine,
  type Fen,
  type TransferBillState,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import {
  createTransferBill,
  encryptForWechatpay,
  queryTransferBill,
  transferConfig,
  type TransferBill,
} from '../platform/wechat-transfer';
import { COLLECTIONS } from '../store/collections';
import { loadPayee } from '../store/payees';
import { payoutSettings } from '../store/payout-settings';
import type { WithdrawalDoc } from '../store/withdrawals';
import type { Change } from './change';
import { assertSecondOperator, failWithdrawal, markWithdrawalPaid } from './withdrawals';
import { assertNotFrozenBeforePayout } from './distributor-freeze';

/** Who records what WeChat Pay reported, in the withdrawal and the audit trail. */
export const TRANSFER_ACTOR = 'wechatpay';

function notFound(withdrawalId: string): DomainError {
  return new DomainError('NOT_FOUND', { withdrawalId }, '提现申请不存在');
}

/**
 * Releases an approved withdrawal's money as a transfer bill (the second operator's step above the threshold).
 * Releasing again while the bill is open answers the same bill: its number is the withdrawal and attempt.
 */
export async function releaseTransfer(
  withdrawalId: string,
  actor: string,
  now: number,
): Promise<Change<WithdrawalDoc>> {
  const settings = await payoutSettings();
  if (settings.channel !== 'wechat-transfer')
    throw new DomainError('INVALID_INPUT', { channel: settings.channel }, '未开通商家转账，请使用标记已打款');
  const before = await getDoc<WithdrawalDoc>(COLLECTIONS.withdrawals, withdrawalId);
  if (!before) throw notFound(withdrawalId);
  unwrap(transition(withdrawalMachine, before.status, 'pay'));
  await assertSecondOperator(before, actor);
  // A frozen distributor's money is held (风控冻结): no bill goes out until the freeze is lifted.
  await assertNotFrozenBeforePayout(before.openid);
  const outBillNo = transferBillNo(withdrawalId, before.attempt);
  const payee = before.netFen >= 200000 ? await loadPayee(before.openid) : null;
  const config = transferConfig();
  const body = unwrap(
    transferBillRequest({
      appId: config.appId,
      withdrawalId,
      attempt: before.attempt,
      openid: before.openid,
      netFen: before.netFen as Fen,
      notifyUrl: config.notifyUrl,
      month: chinaMonth(now),
      ...(payee ? { encryptedRealName: encryptForWechatpay(payee.realName) } : {}),
    }),
  );
  const bill = await createTransferBill(body);
  const transfer = {
    outBillNo,
    transferBillNo: bill.transfer_bill_no ?? null,
    state: bill.state,
    packageInfo: bill.package_info ?? null,
    releasedBy: actor,
    releasedAt: now,
  };
  // Guarded on the state read: a withdrawal that moved on meanwhile keeps what it has.
  await db()
    .collection(COLLECTIONS.withdrawals)
    .where({ _id: withdrawalId, status: 'approved', attempt: before.attempt })
    .update({ data: { transfer } });
  const after: WithdrawalDoc = { ...before, transfer };
  if (transferOutcome(bill.state) !== 'pending') await syncTransfer(outBillNo, now);
  return { before, after };
}

export type SyncResult = 'paid' | 'failed' | 'pending' | 'already-recorded' | 'unknown-bill';

async function withdrawalOfBill(outBillNo: string): Promise<WithdrawalDoc | null> {
  const [found] = await listDocs<WithdrawalDoc>(
    db().collection(COLLECTIONS.withdrawals).where({ 'transfer.outBillNo': outBillNo }).limit(1),
  );
  return found ?? null;
}

function isIllegalTransition(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'ILLEGAL_TRANSITION';
}

async function recordBillState(withdrawalId: string, state: TransferBillState, failReason?: string): Promise<void> {
  await db()
    .collection(COLLECTIONS.withdrawals)
    .doc(withdrawalId)
    .update({ data: { 'transfer.state': state, ...(failReason ? { 'transfer.failReason': failReason } : {}) } });
}

/**
 * Reads the bill from WeChat Pay and records what it says: SUCCESS pays the withdrawal, FAIL or CANCELLED (24 h
 * unconfirmed) releases its hold; anything else only updates the shown state. Safe to run any number of times,
 * concurrently: the first recording wins and the rest find the withdrawal already moved.
 */
export async function syncTransfer(outBillNo: string, now: number): Promise<SyncResult> {
  const withdrawal = await withdrawalOfBill(outBillNo);
  // Only the current attempt's bill may move the withdrawal.
  if (!withdrawal?.transfer || outBillNo !== transferBillNo(withdrawal._id, withdrawal.attempt)) return 'unknown-bill';
  const bill: TransferBill = await queryTransferBill(outBillNo);
  if (bill.out_bill_no !== outBillNo) return 'unknown-bill';
  if (!canRecordTransferState(withdrawal.transfer.state as TransferBillState, bill.state)) return 'already-recorded';
  const outcome = transferOutcome(bill.state);
  try {
    if (outcome === 'pay') {
      await markWithdrawalPaid(withdrawal._id, bill.transfer_bill_no ?? outBillNo, TRANSFER_ACTOR, now, {
        byPlatform: true,
      });
    } else if (outcome === 'fail') {
      const why = bill.state === 'CANCELLED' ? '超过 24 小时未确认收款，已退回余额' : '微信转账失败';
      await failWithdrawal(withdrawal._id, `${why}（${bill.fail_reason ?? bill.state}）`, TRANSFER_ACTOR, now);
    }
  } catch (error) {
    if (!isIllegalTransition(error)) throw error;
    return 'already-recorded';
  }
  await recordBillState(withdrawal._id, bill.state, bill.fail_reason);
  return outcome === 'pay' ? 'paid' : outcome === 'fail' ? 'failed' : 'pending';
}

/** The timer's sweep: every released bill not yet final, oldest first, within the run's budget. */
export async function syncOpenTransfers(now: number, budgetMs: number, started = Date.now()) {
  const open = await listDocs<WithdrawalDoc>(
    db()
      .collection(COLLECTIONS.withdrawals)
      .where({
        status: 'approved',
        'transfer.state': db().command.in(['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'CANCELING']),
      })
      .orderBy('createdAt', 'asc')
      .limit(100),
  );
  const results: Record<string, SyncResult> = {};
  for (const withdrawal of open) {
    if (Date.now() - started > budgetMs) break;
    const outBillNo = withdrawal.transfer?.outBillNo;
    if (outBillNo) results[outBillNo] = await syncTransfer(outBillNo, now);
  }
  return { checked: Object.keys(results).length, results };
}
