/** Input pieces several admin screens share: money typed as fen or as a yuan string, commission overrides, ids. */
import { z } from 'zod';
import { DAY_MS, MAX_LEVELS, parseYuan, type BasisPoints, type Fen } from '../../core/src';

export const fenSchema = z
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .transform((value) => value as Fen);
const basisPointsSchema = z
  .int()
  .min(0)
  .max(10000)
  .transform((value) => value as BasisPoints);

/** "12.30" → 1230 fen, parsed as a decimal string by the core; never through a float. */
export const yuanSchema = z.string().transform((text, ctx): Fen => {
  const parsed = parseYuan(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: '金额格式应为元，最多两位小数，例如 12.30' });
  return z.NEVER;
});

export const textSchema = (max: number) => z.string().trim().min(1).max(max);

export const commissionOverrideSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('rate'),
    levelRatesBp: z
      .array(basisPointsSchema)
      .min(1)
      .max(MAX_LEVELS)
      .refine((rates) => rates.reduce((sum, rate) => sum + rate, 0) <= 10000, '各级佣金比例之和不能超过 100%'),
  }),
  z.strictObject({ kind: z.literal('fixed'), levelFenPerUnit: z.array(fenSchema).min(1).max(MAX_LEVELS) }),
  z.strictObject({ kind: z.literal('none') }),
]);

/** A price given either as `<name>Fen` (integer fen) or as `<name>` (yuan string); exactly one of the two. */
export function priceOf(input: { priceFen?: Fen; price?: Fen }): Fen | undefined {
  return input.priceFen ?? input.price;
}

export const onePriceAtMost = (input: { priceFen?: unknown; price?: unknown }) => input.priceFen === undefined || input.price === undefined;
export const ONE_PRICE_MESSAGE = { message: 'priceFen 与 price 只能填一个', path: ['price'] };

/**
 * A bound of a time range in a query string: epoch ms, or a China-time calendar day `YYYY-MM-DD`. As the end of a
 * range a day includes itself, so `from=2024-05-01&to=2024-05-01` is that whole day.
 */
export function instantSchema(bound: 'start' | 'end') {
  const day = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .transform((text) => Date.parse(`${text}T00:00:00+08:00`) + (bound === 'end' ? DAY_MS : 0))
    .pipe(z.number().int());
  return z.union([z.string().regex(/^\d+$/).transform(Number).pipe(z.int().min(0)), day]);
}
