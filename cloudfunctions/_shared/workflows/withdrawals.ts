/**
 * Withdrawals. The request checks limits, fee and debt and holds the amount in ONE transaction on the distributor's
 * balance document, so two concurrent requests serialise on it and can never overdraw. Every later step (approve,
 * reject, pay, fail, retry) is a state-machine transition with its ledger entry in the same transaction. The final
 * ones (paid, rejected, failed) message the distributor once committed, whoever moved them (an operator or WeChat
 * Pay's transfer result): best-effort, never undoing or failing the step.
 */
import {
  checkSecondOperator,
  checkWithdrawal,
  countRequest,
  DomainError,
  holdWithdrawal,
  ledgerIds,
  payWithdrawalWithTax,
  releaseWithdrawal,
  requestedOn,
  transition,
  uncountLabourTax,
  uncountRelease,
  unwrap,
  withholdLabourTax,
  withdrawalMachine,
  type Fen,
  type LedgerEntry,
  type MonthlyTax,
  type WithdrawalEvent,
} from '../../../core/src';
import { txGet } from '../platform/documents';
import { stableId } from '../platform/ids';
import { balancesOf, loadBalance, postEntries } from '../store/ledger';
import { COLLECTIONS } from '../store/collections';
import type { BalanceDoc, LedgerEntryDoc } from '../store/ledger';
import type { WithdrawalDoc } from '../store/withdrawals';
import { currentRules } from '../store/rules';
import { payoutSettings } from '../store/payout-settings';
import { inTransaction, type Transaction } from '../platform/transactions';
import type { Change } from './change';
import { assertNotFrozen } from './distributor-freeze';
import { notifyWithdrawalResult } from './notifications';
import { recordPaidOut } from '../store/rollups';

export function withdrawalIdFor(openid: string, requestId: string): string {
  return `wd${stableId('withdrawal', openid, requestId)}`;
}

/**
 * The income tax a payout withholds when the merchant withholds it (core/src/tax.ts), and what the distributor
 * then receives: gross − fee − tax. A payout whose tax and fee leave nothing is refused like one below minimum.
 */
export function taxOn(
  withholding: boolean,
  balance: BalanceDoc | null,
  now: number,
  quote: { amountFen: Fen; feeFen: Fen; netFen: Fen },
): { taxFen: Fen; netFen: Fen; month?: MonthlyTax } {
  if (!withholding) return { taxFen: 0 as Fen, netFen: quote.netFen };
  const { taxFen, month } = withholdLabourTax(balance?.taxMonth, now, quote.amountFen);
  const netFen = (quote.netFen - taxFen) as Fen;
  if (netFen <= 0) throw new DomainError('BELOW_WITHDRAWAL_MINIMUM', { amountFen: quote.amountFen, taxFen });
  return { taxFen, netFen, month };
}

/**
 * Holds `amountFen` for a payout. The same requestId with the same amount answers with the withdrawal it already
 * made (whatever has happened to it since); with another amount it is refused.
 */
export async function requestWithdrawal(
  openid: string,
  request: { requestId: string; amountFen: number },
  now: number,
): Promise<WithdrawalDoc> {
  const [rules, settings] = await Promise.all([currentRules(), payoutSettings()]);
  const withdrawalId = withdrawalIdFor(openid, request.requestId);
  return inTransaction(async (tx) => {
    const existing = await txGet<WithdrawalDoc>(tx, COLLECTIONS.withdrawals, withdrawalId);
    if (existing) {
      if (existing.amountFen !== request.amountFen)
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', { requestId: request.requestId });
      return existing;
    }
    await assertNotFrozen(tx, openid);
    const balance = await loadBalance(tx, openid);
    const quote = unwrap(
      checkWithdrawal({
        amountFen: request.amountFen,
        balances: balancesOf(balance),
        rules: rules.withdrawal,
        requestedTodayFen: requestedOn(balance?.withdrawalDay, now),
      }),
    );
    const tax = taxOn(settings.taxWithholding, balance, now, quote);
    const hold = holdWithdrawal({
      distributorId: openid,
      withdrawalId,
      attempt: 1,
      amountFen: quote.amountFen,
      feeFen: quote.feeFen,
      at: now,
    });
    await postEntries(tx, openid, balance, [hold], now, {
      withdrawalDay: countRequest(balance?.withdrawalDay, now, quote.amountFen),
      ...(tax.month ? { taxMonth: tax.month } : {}),
    });
    const { amountFen, feeFen } = quote;
    const { taxFen, netFen } = tax;
    const withdrawal: WithdrawalDoc = {
      _id: withdrawalId,
      openid,
      requestId: request.requestId,
      amountFen,
      feeFen,
      taxFen,
      ...(tax.month ? { taxedAt: now } : {}),
      netFen,
      status: 'requested',
      attempt: 1,
      ruleVersion: rules.version,
      createdAt: now,
    };
    await tx.collection(COLLECTIONS.withdrawals).add({ data: withdrawal });
    return withdrawal;
  });
}

function withdrawalNotFound(withdrawalId: string): DomainError {
  return new DomainError('NOT_FOUND', { withdrawalId }, '提现申请不存在');
}

async function loadForTransition(tx: Transaction, withdrawalId: string, event: WithdrawalEvent, guards = {}) {
  const before = await txGet<WithdrawalDoc>(tx, COLLECTIONS.withdrawals, withdrawalId);
  if (!before) throw withdrawalNotFound(withdrawalId);
  return { before, status: unwrap(transition(withdrawalMachine, before.status, event, guards)) };
}

async function holdOf(tx: Transaction, withdrawal: WithdrawalDoc): Promise<LedgerEntry> {
  const stored = await txGet<LedgerEntryDoc>(
    tx,
    COLLECTIONS.ledgerEntries,
    ledgerIds.withdrawalHold(withdrawal._id, withdrawal.attempt),
  );
  if (!stored) throw new DomainError('INTERNAL', { withdrawalId: withdrawal._id, reason: 'hold entry missing' });
  const { _id, ...rest } = stored;
  return { id: _id, ...rest };
}

async function update(
  tx: Transaction,
  before: WithdrawalDoc,
  changes: Partial<WithdrawalDoc>,
): Promise<Change<WithdrawalDoc>> {
  await tx.collection(COLLECTIONS.withdrawals).doc(before._id).update({ data: changes });
  return { before, after: { ...before, ...changes } };
}

/** The compensation of a hold: the money returns to available and stops counting against its day's cap. */
async function release(tx: Transaction, withdrawal: WithdrawalDoc, now: number): Promise<void> {
  const hold = await holdOf(tx, withdrawal);
  const balance = await loadBalance(tx, withdrawal.openid);
  const entries = releaseWithdrawal(hold, balancesOf(balance), now);
  const withdrawalDay = uncountRelease(balance?.withdrawalDay, withdrawal.createdAt, withdrawal.amountFen as Fen);
  // Only a payout that counted in its month's income (withholding was on when it was taxed) is taken out again.
  const taxMonth =
    withdrawal.taxedAt == null
      ? undefined
      : uncountLabourTax(
          balance?.taxMonth,
          withdrawal.taxedAt,
          withdrawal.amountFen as Fen,
          (withdrawal.taxFen ?? 0) as Fen,
        );
  await postEntries(tx, withdrawal.openid, balance, entries, now, { withdrawalDay, ...(taxMonth ? { taxMonth } : {}) });
}

export async function approveWithdrawal(
  withdrawalId: string,
  actor: string,
  now: number,
): Promise<Change<WithdrawalDoc>> {
  return inTransaction(async (tx) => {
    const { before, status } = await loadForTransition(tx, withdrawalId, 'approve');
    await assertNotFrozen(tx, before.openid);
    return update(tx, before, { status, decidedAt: now, decidedBy: actor, approvedBy: actor, approvedAt: now });
  });
}

export async function rejectWithdrawal(
  withdrawalId: string,
  reason: string,
  actor: string,
  now: number,
): Promise<Change<WithdrawalDoc>> {
  const change = await inTransaction(async (tx) => {
    const { before, status } = await loadForTransition(tx, withdrawalId, 'reject');
    await release(tx, before, now);
    return update(tx, before, { status, rejectReason: reason, decidedAt: now, decidedBy: actor });
  });
  await notifyWithdrawalResult(change.after.openid, change.after.amountFen, 'rejected');
  return change;
}

/**
 * Who approved an attempt: `approvedBy`, or for a withdrawal approved before that field existed, whoever decided it
 * last while it was approved.
 */
export function approverOf(withdrawal: WithdrawalDoc): string | undefined {
  return withdrawal.approvedBy ?? (withdrawal.status === 'approved' ? withdrawal.decidedBy : undefined);
}

/** Refuses an operator releasing the payment of a withdrawal they approved, above the settings' threshold. */
export async function assertSecondOperator(withdrawal: WithdrawalDoc, actor: string): Promise<void> {
  const { secondOperatorAboveFen } = await payoutSettings();
  unwrap(
    checkSecondOperator({
      amountFen: withdrawal.amountFen,
      approvedBy: approverOf(withdrawal),
      actor,
      thresholdFen: secondOperatorAboveFen,
    }),
  );
}

/**
 * approved → paid: the payout went out (its reference comes from the payout channel or the operator). An operator
 * marking it paid is held to the two-operator rule; the platform reporting a transfer's success (`byPlatform`) is
 * not an operator's decision and was checked when the transfer was released.
 */
export async function markWithdrawalPaid(
  withdrawalId: string,
  payoutReference: string,
  actor: string,
  now: number,
  { byPlatform = false }: { byPlatform?: boolean } = {},
): Promise<Change<WithdrawalDoc>> {
  const change = await inTransaction(async (tx) => {
    const { before, status } = await loadForTransition(tx, withdrawalId, 'pay');
    // WeChat reporting a transfer it already made is a fact to record, frozen or not; an operator's mark is held.
    if (!byPlatform) {
      await assertNotFrozen(tx, before.openid);
      await assertSecondOperator(before, actor);
    }
    const hold = await holdOf(tx, before);
    const entries = payWithdrawalWithTax(hold, (before.taxFen ?? 0) as Fen, now);
    await postEntries(tx, before.openid, await loadBalance(tx, before.openid), entries, now);
    await recordPaidOut(tx, { openid: before.openid, amountFen: before.amountFen, paidAt: now }, now);
    return update(tx, before, { status, payoutReference, paidAt: now, decidedBy: actor, paidBy: actor });
  });
  // What reached the distributor: the amount less fee and withheld tax.
  await notifyWithdrawalResult(change.after.openid, change.after.netFen, 'paid');
  return change;
}

/** approved → failed: the payout did not go through; the money returns to available. */
export async function failWithdrawal(
  withdrawalId: string,
  reason: string,
  actor: string,
  now: number,
): Promise<Change<WithdrawalDoc>> {
  const change = await inTransaction(async (tx) => {
    const { before, status } = await loadForTransition(tx, withdrawalId, 'fail');
    await release(tx, before, now);
    return update(tx, before, { status, failureReason: reason, decidedAt: now, decidedBy: actor });
  });
  await notifyWithdrawalResult(change.after.openid, change.after.amountFen, 'failed');
  return change;
}

/**
 * failed → requested as a new attempt with a new hold, checked again like a fresh request (balance, debt, today's
 * cap under the current rules).
 */
export async function retryWithdrawal(
  withdrawalId: string,
  actor: string,
  now: number,
): Promise<Change<WithdrawalDoc>> {
  const [rules, settings] = await Promise.all([currentRules(), payoutSettings()]);
  return inTransaction(async (tx) => {
    const before = await txGet<WithdrawalDoc>(tx, COLLECTIONS.withdrawals, withdrawalId);
    if (!before) throw withdrawalNotFound(withdrawalId);
    const balance = await loadBalance(tx, before.openid);
    const check = checkWithdrawal({
      amountFen: before.amountFen,
      balances: balancesOf(balance),
      rules: rules.withdrawal,
      requestedTodayFen: requestedOn(balance?.withdrawalDay, now),
    });
    const moved = transition(withdrawalMachine, before.status, 'retry', { withdrawalChecksPass: check.ok });
    // A failed check says why (debt, balance, cap) better than the guard's generic code.
    if (!moved.ok) throw moved.error.code === 'ILLEGAL_TRANSITION' || check.ok ? moved.error : check.error;
    const quote = unwrap(check);
    // The failed attempt's tax left the month's counter with its release; the new attempt is taxed afresh.
    const tax = taxOn(settings.taxWithholding, balance, now, quote);
    const attempt = before.attempt + 1;
    const hold = holdWithdrawal({
      distributorId: before.openid,
      withdrawalId,
      attempt,
      amountFen: quote.amountFen,
      feeFen: quote.feeFen,
      at: now,
    });
    await postEntries(tx, before.openid, balance, [hold], now, {
      withdrawalDay: countRequest(balance?.withdrawalDay, now, quote.amountFen),
      ...(tax.month ? { taxMonth: tax.month } : {}),
    });
    return update(tx, before, {
      status: moved.value,
      attempt,
      feeFen: quote.feeFen,
      taxFen: tax.taxFen,
      taxedAt: tax.month ? now : null,
      netFen: tax.netFen,
      decidedAt: now,
      decidedBy: actor,
    });
  });
}
