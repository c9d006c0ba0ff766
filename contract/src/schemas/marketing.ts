/**
 * Admin bodies of the marketing centre: coupon campaigns, limited-time prices, group buys. Times are taken the way
 * the admin API takes instants (epoch ms as a number or digits, a China-time day `YYYY-MM-DD`) and also as ISO
 * date-times; the server checks what depends on stored data (the product exists, the price is below it).
 */
import { z } from 'zod';
import { MAX_ID_LENGTH } from '../limits';
import { basisPointsSchema, fenSchema, instantSchema, textSchema } from './admin';

const idSchema = z.string().min(1).max(MAX_ID_LENGTH);

/** An instant as epoch ms (number or digits), a China-time day, or an ISO date-time (no offset: China time). */
export function campaignInstantSchema(bound: 'start' | 'end') {
  // A date-time without an offset is China time (the shop's calendar), never the server's own time zone.
  const iso = z.iso
    .datetime({ offset: true, local: true })
    .transform((text) => Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}+08:00`));
  return z.union([z.int().min(0), iso, instantSchema(bound)]);
}

export const campaignCommissionSchema = z.enum(['paid', 'none']);

const windowOk = (body: { validFrom?: number; validTo?: number; startAt?: number; endAt?: number }) =>
  (body.validFrom ?? body.startAt ?? 0) < (body.validTo ?? body.endAt ?? 0);
const WINDOW_MESSAGE = '结束时间必须晚于开始时间';

export const couponCampaignBodySchema = z
  .strictObject({
    title: textSchema(40),
    kind: z.enum(['amount_off', 'percent_off']),
    amountFen: fenSchema.min(1).optional(),
    rateBp: basisPointsSchema.min(1).max(9999).optional(),
    capFen: fenSchema.min(1).optional(),
    minSpendFen: fenSchema.optional(),
    validFrom: campaignInstantSchema('start'),
    validTo: campaignInstantSchema('end'),
    /** Each claimed coupon is valid this many days from its claim; validFrom/validTo then bound claiming. */
    validDays: z.int().min(1).max(365).optional(),
    total: z.int().min(1).max(10_000_000),
    perUser: z.int().min(1).max(100),
    productIds: z.array(idSchema).max(200).optional(),
    categoryIds: z.array(idSchema).max(50).optional(),
  })
  .refine(windowOk, { message: WINDOW_MESSAGE, path: ['validTo'] })
  .refine((body) => body.kind !== 'amount_off' || body.amountFen !== undefined, {
    message: '满减券需要填写减免金额',
    path: ['amountFen'],
  })
  .refine((body) => body.kind !== 'percent_off' || body.rateBp !== undefined, {
    message: '折扣券需要填写折扣比例',
    path: ['rateBp'],
  });

export const flashSaleBodySchema = z
  .strictObject({
    title: textSchema(40).optional(),
    productId: idSchema,
    skuId: idSchema.optional(),
    priceFen: fenSchema.min(1),
    startAt: campaignInstantSchema('start'),
    endAt: campaignInstantSchema('end'),
    perUser: z.int().min(0).max(999).default(0),
    stockCap: z.int().min(0).max(1_000_000).default(0),
    commission: campaignCommissionSchema.default('paid'),
  })
  .refine(windowOk, { message: WINDOW_MESSAGE, path: ['endAt'] });

export const groupBuyBodySchema = z
  .strictObject({
    title: textSchema(40).optional(),
    productId: idSchema,
    skuId: idSchema.optional(),
    groupPriceFen: fenSchema.min(1),
    size: z.int().min(2).max(100),
    hours: z.int().min(1).max(720),
    startAt: campaignInstantSchema('start'),
    endAt: campaignInstantSchema('end'),
    overflowOpensNewGroup: z.boolean().default(false),
    commission: campaignCommissionSchema.default('paid'),
  })
  .refine(windowOk, { message: WINDOW_MESSAGE, path: ['endAt'] });

export const issueCouponsBodySchema = z.strictObject({
  openids: z.array(z.string().min(1).max(64)).min(1).max(500),
});
