/** Input pieces several admin API screens share: money typed as fen or as yuan text, commission overrides, days. */
import { z } from 'zod';
import { chinaDayStartOf, DAY_MS } from '../china-time';
import { LEVEL_RATES_SUM_MESSAGE, MAX_LEVELS } from '../limits';
import { MAX_FEN, parseYuan, YUAN_FORMAT_HINT } from '../money';

export const fenSchema = z.int().min(0).max(MAX_FEN);
export const basisPointsSchema = z.int().min(0).max(10000);

/** "12.30" (or "¥12.30", full-width digits: what an operator types) → 1230 fen, parsed as a decimal string. */
export const yuanSchema = z.string().transform((text, ctx): number => {
  const parsed = parseYuan(text);
  if (parsed !== null) return parsed;
  ctx.addIssue({ code: 'custom', message: `金额格式应为元，最多两位小数，例如 12.30` });
  return z.NEVER;
});
export { YUAN_FORMAT_HINT };

export const textSchema = (max: number) => z.string().trim().min(1).max(max);

export const commissionOverrideSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('rate'),
    levelRatesBp: z
      .array(basisPointsSchema)
      .min(1)
      .max(MAX_LEVELS)
      .refine((rates) => rates.reduce((sum, rate) => sum + rate, 0) <= 10000, LEVEL_RATES_SUM_MESSAGE),
  }),
  z.strictObject({ kind: z.literal('fixed'), levelFenPerUnit: z.array(fenSchema).min(1).max(MAX_LEVELS) }),
  z.strictObject({ kind: z.literal('none') }),
]);

/**
 * A bound of a time range in a query string: epoch ms, or a China-time calendar day `YYYY-MM-DD`. As the end of a
 * range a day includes itself, so `from=2024-05-01&to=2024-05-01` is that whole day.
 */
export function instantSchema(bound: 'start' | 'end') {
  const day = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .transform((text, ctx): number => {
      const start = chinaDayStartOf(text);
      if (start !== null) return start + (bound === 'end' ? DAY_MS : 0);
      ctx.addIssue({ code: 'custom', message: `${text} 不是有效日期` });
      return z.NEVER;
    });
  return z.union([z.string().regex(/^\d+$/).transform(Number).pipe(z.int().min(0)), day]);
}
