/**
 * Whether a distributor may withdraw an amount now. Limits come from the rules version in force at
 * the request; the caller supplies balances (from the ledger) and what was already requested today.
 *
 * Fee model: `amountFen` is the gross amount that leaves available (and is held, then withdrawn);
 * the fee is floor(amount × feeBp / 10000) and stays with the shop; the distributor receives
 * `netFen` = amount − fee. Minimum, maximum and daily cap apply to the gross amount.
 */
import { err, ok, type Result } from './errors';
import { applyRate, isFen, type Fen } from './money';
import type { Balances } from './ledger';
import type { WithdrawalState } from './machines/withdrawal';
import type { WithdrawalRules } from './rules';
import { chinaDayBounds, type EpochMs } from './time';

export interface WithdrawalQuote {
  readonly amountFen: Fen;
  readonly feeFen: Fen;
  readonly netFen: Fen;
}

export interface CheckWithdrawalInput {
  /** Gross amount requested, as received from the client (validated here). */
  readonly amountFen: unknown;
  readonly balances: Balances;
  readonly rules: WithdrawalRules;
  /** Gross amount of this distributor's requests today that still count (see requestedToday). */
  readonly requestedTodayFen: Fen;
}

export function checkWithdrawal(input: CheckWithdrawalInput): Result<WithdrawalQuote> {
  const { amountFen, balances, rules } = input;
  if (!isFen(amountFen) || amountFen === 0) {
    return err('INVALID_INPUT', { field: 'amountFen', reason: 'must be a positive integer number of fen' });
  }
  if (balances.debt > 0) return err('WITHDRAWAL_BLOCKED_BY_DEBT', { debtFen: balances.debt });
  if (amountFen < rules.minFen) return err('BELOW_WITHDRAWAL_MINIMUM', { minFen: rules.minFen, amountFen });
  if (rules.maxFenPerRequest !== null && amountFen > rules.maxFenPerRequest) {
    return err('ABOVE_WITHDRAWAL_MAXIMUM', { maxFen: rules.maxFenPerRequest, amountFen });
  }
  if (rules.dailyCapFen !== null && input.requestedTodayFen + amountFen > rules.dailyCapFen) {
    return err('DAILY_WITHDRAWAL_CAP_REACHED', {
      dailyCapFen: rules.dailyCapFen,
      requestedTodayFen: input.requestedTodayFen,
      remainingTodayFen: Math.max(0, rules.dailyCapFen - input.requestedTodayFen),
    });
  }
  if (amountFen > balances.available) return err('INSUFFICIENT_BALANCE', { availableFen: balances.available, amountFen });
  const feeFen = applyRate(amountFen, rules.feeBp);
  const netFen = (amountFen - feeFen) as Fen;
  if (netFen === 0) return err('BELOW_WITHDRAWAL_MINIMUM', { minFen: rules.minFen, amountFen, feeFen });
  return ok({ amountFen, feeFen, netFen });
}

export interface WithdrawalSummary {
  readonly amountFen: Fen;
  readonly requestedAt: EpochMs;
  readonly state: WithdrawalState;
}

/**
 * Gross amount requested in the China-time day containing `now`. Rejected and failed requests give the
 * money back, so they do not use up the cap.
 */
export function requestedToday(withdrawals: readonly WithdrawalSummary[], now: EpochMs): Fen {
  const { start, end } = chinaDayBounds(now);
  let total = 0;
  for (const w of withdrawals) {
    if (w.requestedAt >= start && w.requestedAt < end && w.state !== 'rejected' && w.state !== 'failed') total += w.amountFen;
  }
  return total as Fen;
}
