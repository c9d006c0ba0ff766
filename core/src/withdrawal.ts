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
import type { WithdrawalRules } from './rules';
import { chinaDay, type EpochMs } from './time';

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
  /** Gross amount of this distributor's requests today that still count (see requestedOn). */
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
  if (amountFen > balances.available)
    return err('INSUFFICIENT_BALANCE', { availableFen: balances.available, amountFen });
  const feeFen = applyRate(amountFen, rules.feeBp);
  const netFen = (amountFen - feeFen) as Fen;
  if (netFen === 0) return err('BELOW_WITHDRAWAL_MINIMUM', { minFen: rules.minFen, amountFen, feeFen });
  return ok({ amountFen, feeFen, netFen });
}

/**
 * The daily cap's counter: the gross amount requested on one China-time day that still counts. It lives on the
 * distributor's balance document, so a request reads it and writes it back in the same transaction as its hold,
 * and two concurrent requests cannot both slip under the cap.
 */
export interface DailyWithdrawals {
  readonly day: string;
  readonly requestedFen: Fen;
}

/** What counts against the cap on the China-time day of `at`: the counter's amount if it counts that day, else 0. */
export function requestedOn(counter: DailyWithdrawals | undefined, at: EpochMs): Fen {
  return (counter?.day === chinaDay(at) ? counter.requestedFen : 0) as Fen;
}

/** The counter after a request (a first attempt or a retry) of `amountFen` at `at`. */
export function countRequest(counter: DailyWithdrawals | undefined, at: EpochMs, amountFen: Fen): DailyWithdrawals {
  return { day: chinaDay(at), requestedFen: (requestedOn(counter, at) + amountFen) as Fen };
}

/**
 * Rejected and failed requests give the money back, so they stop counting against the cap of the day they were
 * requested on; a counter that already counts a later day is left as it is.
 */
export function uncountRelease(
  counter: DailyWithdrawals | undefined,
  requestedAt: EpochMs,
  amountFen: Fen,
): DailyWithdrawals | undefined {
  if (counter?.day !== chinaDay(requestedAt)) return counter;
  return { day: counter.day, requestedFen: Math.max(0, counter.requestedFen - amountFen) as Fen };
}

/**
 * Maker-checker for money out: above `thresholdFen` (gross) the operator who approved a withdrawal may not also
 * release or mark its payment, whatever their role (the owner included). At or below it one operator may do both.
 */
export function checkSecondOperator(input: {
  readonly amountFen: number;
  readonly approvedBy: string | undefined;
  readonly actor: string;
  readonly thresholdFen: number;
}): Result<true> {
  if (input.amountFen <= input.thresholdFen) return ok(true);
  if (input.approvedBy !== undefined && input.approvedBy !== input.actor) return ok(true);
  return err('SECOND_OPERATOR_REQUIRED', {
    amountFen: input.amountFen,
    thresholdFen: input.thresholdFen,
    approvedBy: input.approvedBy ?? null,
  });
}
