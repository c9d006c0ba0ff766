/**
 * Individual income tax withheld on commission paid out (劳务报酬所得, 预扣预缴). A distributor's commission is
 * labour income and the shop that pays it withholds the tax. Every payout to one person in one China-time month
 * counts as one income (一个月内取得的同一项目收入为一次), so a later payout in the month withholds the tax on the
 * month's total minus what the earlier payouts already withheld.
 *
 *   taxable = income − 800 yuan          when income ≤ 4,000 yuan
 *           = income × 80%               above (floored, like all the core's rounding)
 *   tax     = taxable × 20%              when taxable ≤ 20,000 yuan
 *           = taxable × 30% − 2,000      when taxable ≤ 50,000 yuan
 *           = taxable × 40% − 7,000      above
 *
 * Both steps are continuous at their edges and never decrease as income grows, so the difference withheld by a
 * later payout is never negative and the month's withholdings add up to the tax on the month's total.
 */
import { applyRate, type BasisPoints, type Fen } from './money';
import { chinaDay, type EpochMs } from './time';

/** ¥800: the flat deduction for an income of at most ¥4,000. */
export const TAX_FLAT_DEDUCTION_FEN = 80000 as Fen;
/** ¥4,000: above it the deduction is 20% of the income instead. */
export const TAX_FLAT_DEDUCTION_LIMIT_FEN = 400000 as Fen;
const TAXABLE_SHARE_BP = 8000 as BasisPoints;

/** The 预扣率表 for 劳务报酬: up to `upToFen` taxable, `rateBp` minus `quickDeductionFen`. */
export const LABOUR_TAX_BRACKETS: readonly {
  readonly upToFen: number;
  readonly rateBp: BasisPoints;
  readonly quickDeductionFen: Fen;
}[] = [
  { upToFen: 2_000_000, rateBp: 2000 as BasisPoints, quickDeductionFen: 0 as Fen },
  { upToFen: 5_000_000, rateBp: 3000 as BasisPoints, quickDeductionFen: 200_000 as Fen },
  { upToFen: Number.POSITIVE_INFINITY, rateBp: 4000 as BasisPoints, quickDeductionFen: 700_000 as Fen },
];

/** 应纳税所得额 of one month's income. */
export function taxableLabourIncome(incomeFen: Fen): Fen {
  if (incomeFen <= TAX_FLAT_DEDUCTION_LIMIT_FEN) return Math.max(0, incomeFen - TAX_FLAT_DEDUCTION_FEN) as Fen;
  return applyRate(incomeFen, TAXABLE_SHARE_BP);
}

/** The tax due on one month's labour income from this shop. */
export function labourIncomeTax(incomeFen: Fen): Fen {
  const taxable = taxableLabourIncome(incomeFen);
  const bracket = LABOUR_TAX_BRACKETS.find((b) => taxable <= b.upToFen) ?? LABOUR_TAX_BRACKETS[2]!;
  return Math.max(0, applyRate(taxable, bracket.rateBp) - bracket.quickDeductionFen) as Fen;
}

/**
 * One person's month so far: the income counted (payouts made or under way) and the tax withheld on it. Kept on
 * the distributor's balance document, so a request reads and writes it in the transaction of its hold and two
 * concurrent requests cannot both be taxed as the month's first.
 */
export interface MonthlyTax {
  /** `YYYY-MM`, China time. */
  readonly month: string;
  readonly incomeFen: Fen;
  readonly taxFen: Fen;
}

export function chinaMonth(at: EpochMs): string {
  return chinaDay(at).slice(0, 7);
}

export interface TaxWithholding {
  readonly taxFen: Fen;
  /** The month's counter with this payout in it. */
  readonly month: MonthlyTax;
}

/**
 * The tax to withhold from a payout of `amountFen` at `at`: the tax on the month's income with it, less what the
 * month's earlier payouts withheld (never below zero: a released payout can leave the counter over-withheld).
 */
export function withholdLabourTax(counter: MonthlyTax | undefined, at: EpochMs, amountFen: Fen): TaxWithholding {
  const month = chinaMonth(at);
  const earlier = counter?.month === month ? counter : { month, incomeFen: 0 as Fen, taxFen: 0 as Fen };
  const incomeFen = (earlier.incomeFen + amountFen) as Fen;
  const taxFen = Math.max(0, labourIncomeTax(incomeFen) - earlier.taxFen) as Fen;
  return { taxFen, month: { month, incomeFen, taxFen: (earlier.taxFen + taxFen) as Fen } };
}

/**
 * A payout that did not go out (rejected, failed, expired) stops counting in the month it was requested in; a
 * counter that already counts a later month is left as it is.
 */
export function uncountLabourTax(
  counter: MonthlyTax | undefined,
  requestedAt: EpochMs,
  amountFen: Fen,
  taxFen: Fen,
): MonthlyTax | undefined {
  if (counter?.month !== chinaMonth(requestedAt)) return counter;
  return {
    month: counter.month,
    incomeFen: Math.max(0, counter.incomeFen - amountFen) as Fen,
    taxFen: Math.max(0, counter.taxFen - taxFen) as Fen,
  };
}
