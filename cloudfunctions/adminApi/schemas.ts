/**
 * Input pieces several admin screens share. The shapes are the contract's (contract/src/schemas/admin.ts): money
 * as fen or as yuan text (`19.9`, `¥19.90`, `￥19.90`, full-width digits), commission overrides, text, China-day
 * range bounds. Here they only gain the core's brands: the schema has checked what `Fen`/`BasisPoints` promise.
 */
import type { z } from 'zod';
import {
  commissionOverrideSchema as contractCommissionOverride,
  fenSchema as contractFen,
  yuanSchema as contractYuan,
} from '../../contract/src/schemas';
import type { CommissionOverride, Fen } from '../../core/src';

export { instantSchema, textSchema } from '../../contract/src/schemas';

export const fenSchema = contractFen.transform((value) => value as Fen);

/** Yuan text → fen, parsed as a decimal string by the contract's `parseYuan`; never through a float. */
export const yuanSchema = contractYuan.transform((value) => value as Fen);

export const commissionOverrideSchema = contractCommissionOverride.transform(
  (override: z.output<typeof contractCommissionOverride>) => override as CommissionOverride,
);

/** A price given either as `<name>Fen` (integer fen) or as `<name>` (yuan string); exactly one of the two. */
export function priceOf(input: { priceFen?: Fen; price?: Fen }): Fen | undefined {
  return input.priceFen ?? input.price;
}

export const onePriceAtMost = (input: { priceFen?: unknown; price?: unknown }) =>
  input.priceFen === undefined || input.price === undefined;
export const ONE_PRICE_MESSAGE = { message: 'priceFen 与 price 只能填一个', path: ['price'] };
