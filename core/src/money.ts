/**
 * Money is an integer number of fen; rates are basis points (1500 = 15%). This module owns every
 * rounding decision in the domain, and the rule is always the same: floor, in integer arithmetic.
 * Nothing here ever multiplies a float by 100.
 */
import { formatYuan as yuanText, MAX_FEN, parseYuanDecimal } from '../../contract/src/money';
import { DomainError, err, ok, type Result } from './errors';

declare const fenBrand: unique symbol;
declare const bpBrand: unique symbol;

/** A non-negative safe integer amount of fen (分). */
export type Fen = number & { readonly [fenBrand]: 'Fen' };
/** A rate in basis points, 0..10000 (10000 = 100%). */
export type BasisPoints = number & { readonly [bpBrand]: 'BasisPoints' };

export const ZERO_FEN = 0 as Fen;
export const BP_SCALE = 10000;
export { MAX_FEN };

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isBasisPoints(value: unknown): value is BasisPoints {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BP_SCALE;
}

/** Checks an amount that arrives from outside (a form, a document) without throwing. */
export function tryFen(value: unknown, field = 'amountFen'): Result<Fen> {
  if (isFen(value)) return ok(value);
  return err('INVALID_INPUT', { field, value: describe(value), reason: whyNotFen(value) });
}

/** Brands a number the caller already trusts; a wrong one is a bug, so it throws. */
export function fen(value: number, field = 'amountFen'): Fen {
  if (isFen(value)) return value;
  throw new DomainError('INVALID_INPUT', { field, value: describe(value), reason: whyNotFen(value) });
}

export function bp(value: number, field = 'rateBp'): BasisPoints {
  if (isBasisPoints(value)) return value;
  throw new DomainError('INVALID_INPUT', {
    field,
    value: describe(value),
    reason: 'rate must be an integer 0..10000 bp',
  });
}

function whyNotFen(value: unknown): string {
  if (typeof value !== 'number') return 'not a number';
  if (!Number.isInteger(value)) return 'not an integer number of fen';
  if (value < 0) return 'negative';
  return 'above Number.MAX_SAFE_INTEGER';
}

function describe(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'string' || value === null || value === undefined
    ? value
    : typeof value;
}

export function addFen(a: Fen, b: Fen): Fen {
  return fen(a + b);
}

/** Subtraction that may not go below zero: a negative amount of money is always a bug here. */
export function subtractFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}

export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const amount of amounts) total += amount;
  return fen(total);
}

export function multiplyFen(unit: Fen, quantity: number): Fen {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new DomainError('INVALID_INPUT', { field: 'quantity', value: quantity });
  }
  return fen(unit * quantity);
}

/**
 * floor(a × b / c) for non-negative integers, exact for every safe input: plain numbers while the
 * product stays safe, BigInt beyond that. (Floating division followed by floor can be off by one
 * near integers once the product is large, so even the fast path avoids it.)
 */
export function floorMulDiv(a: number, b: number, c: number): number {
  if (c <= 0) throw new DomainError('INVALID_INPUT', { field: 'divisor', value: c });
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) return (product - (product % c)) / c;
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * part / whole in basis points, rounded half up (2 of 3 → 6667 bp, shown 66.67%), never truncated: the one rounding
 * of a displayed share. null when there is nothing to divide by, so an empty period shows "—" rather than 0%.
 */
export function roundedRatioBp(part: number, whole: number): number | null {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole <= 0) return null;
  const negative = part < 0;
  const magnitude = Math.abs(part);
  const rounded = Number((BigInt(magnitude) * BigInt(2 * BP_SCALE) + BigInt(whole)) / BigInt(2 * whole));
  return negative ? -rounded : rounded;
}

/** The one rounding rule for rates: floor(base × rate / 10000). Never exceeds rate × base. */
export function applyRate(base: Fen, rate: BasisPoints): Fen {
  return floorMulDiv(base, rate, BP_SCALE) as Fen;
}

/**
 * floor(amount × part / whole): the share of an amount that belongs to `part` of `whole` units,
 * used for "what is left of this line after refunding some of its quantity". Because it is monotone
 * in `part`, differences between two calls are never negative and telescope exactly.
 */
export function proportionalShare(amount: Fen, part: number, whole: number): Fen {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || whole <= 0 || part > whole) {
    throw new DomainError('INVALID_INPUT', { field: 'part', part, whole });
  }
  if (part === whole) return amount;
  return floorMulDiv(amount, part, whole) as Fen;
}

/**
 * Spreads `total` over parts in proportion to `weights` with the largest-remainder method, so the
 * parts always add up to `total` exactly. Ties go to the earlier part, which keeps it deterministic.
 * When total ≤ sum(weights) (a discount never exceeds the subtotal) no part exceeds its weight.
 */
export function allocateLargestRemainder(total: Fen, weights: readonly number[]): Fen[] {
  const count = weights.length;
  let weightSum = 0;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new DomainError('INVALID_INPUT', { field: 'weights', value: weight });
    }
    weightSum += weight;
  }
  if (!Number.isSafeInteger(weightSum))
    throw new DomainError('INVALID_INPUT', { field: 'weights', reason: 'sum is unsafe' });
  const shares = new Array<number>(count).fill(0);
  if (total === 0) return shares as Fen[];
  if (weightSum === 0) {
    throw new DomainError('INVALID_INPUT', {
      field: 'weights',
      reason: 'cannot spread a non-zero amount over zero weights',
    });
  }
  const remainders = new Array<number>(count);
  let allocated = 0;
  for (let i = 0; i < count; i++) {
    const weight = weights[i] as number;
    const product = total * weight;
    let share: number;
    let remainder: number;
    if (product <= Number.MAX_SAFE_INTEGER) {
      remainder = product % weightSum;
      share = (product - remainder) / weightSum;
    } else {
      const big = BigInt(total) * BigInt(weight);
      const bigSum = BigInt(weightSum);
      share = Number(big / bigSum);
      remainder = Number(big % bigSum);
    }
    shares[i] = share;
    remainders[i] = remainder;
    allocated += share;
  }
  // leftover < count, so picking the largest remaining remainder `leftover` times is cheap and
  // avoids sorting in the common case of a handful of lines.
  for (let leftover = total - allocated; leftover > 0; leftover--) {
    let best = -1;
    let bestRemainder = -1;
    for (let i = 0; i < count; i++) {
      const remainder = remainders[i] as number;
      if (remainder > bestRemainder) {
        best = i;
        bestRemainder = remainder;
      }
    }
    shares[best] = (shares[best] as number) + 1;
    remainders[best] = -1;
  }
  return shares as Fen[];
}

/**
 * Parses a yuan amount in canonical decimal text ("12.30", "12.3", "12") as a decimal string. More than two
 * decimals, signs, exponents, separators and symbols are refused rather than rounded: a person typed it, so a
 * person should fix it. The text rule is the contract's (`parseYuanDecimal`); pages that read what a person typed
 * use the contract's `parseYuan`, which also accepts "¥" and full-width digits.
 */
export function parseYuan(input: string): Result<Fen> {
  if (typeof input !== 'string') return err('INVALID_INPUT', { field: 'yuan', reason: 'not a string' });
  const parsed = parseYuanDecimal(input);
  if (parsed !== null) return ok(parsed as Fen);
  const tooLarge = /^\s*\d+(?:\.\d{1,2})?\s*$/.test(input);
  return err('INVALID_INPUT', {
    field: 'yuan',
    value: input,
    reason: tooLarge ? 'amount too large' : 'expected a yuan amount like 12.30',
  });
}

/** "1230" fen → "12.30". For display and for fields that must be sent in yuan; never parsed back by float. */
export function formatYuan(amount: Fen): string {
  return yuanText(fen(amount));
}
