/**
 * A product's specs and SKUs as the admin API takes them. Each shape is checked here; whether the SKUs form a valid
 * matrix of the specs (every value known, no combination twice) is the core's decision (core/src/skus.ts).
 */
import { z } from 'zod';
import { MAX_SKUS, MAX_SPEC_DIMENSIONS, MAX_SPEC_TEXT_LENGTH, MAX_SPEC_VALUES } from '../limits';
import { commissionOverrideSchema, fenSchema, yuanSchema } from './admin';

/** A spec name or value: plain text shown as text, never markup (it is stored as typed). */
const specTextSchema = z.string().trim().min(1).max(MAX_SPEC_TEXT_LENGTH);

export const specSchema = z.strictObject({
  name: specTextSchema,
  values: z.array(specTextSchema).min(1).max(MAX_SPEC_VALUES),
});

export const specsSchema = z.array(specSchema).min(1).max(MAX_SPEC_DIMENSIONS);

/** A SKU's stock: the same bound as a product's. */
export const skuStockSchema = z.int().min(0).max(10_000_000);

/** One SKU: its price as `priceFen` or yuan text `price` (one of the two), the same for the 划线价. */
export const skuInputSchema = z
  .strictObject({
    specValues: z.array(specTextSchema).min(1).max(MAX_SPEC_DIMENSIONS),
    priceFen: fenSchema.optional(),
    price: yuanSchema.optional(),
    listPriceFen: fenSchema.optional(),
    listPrice: yuanSchema.optional(),
    stock: skuStockSchema,
    image: z.string().min(1).max(500).optional(),
    code: z.string().trim().max(40).optional(),
    enabled: z.boolean().default(true),
    lowStockThreshold: skuStockSchema.optional(),
    commission: commissionOverrideSchema.optional(),
  })
  .refine((sku) => sku.priceFen === undefined || sku.price === undefined, {
    message: 'priceFen 与 price 只能填一个',
    path: ['price'],
  })
  .refine((sku) => sku.listPriceFen === undefined || sku.listPrice === undefined, {
    message: 'listPriceFen 与 listPrice 只能填一个',
    path: ['listPrice'],
  })
  .refine((sku) => (sku.priceFen ?? sku.price ?? 0) > 0, { message: '规格价格必须大于 0', path: ['priceFen'] })
  .transform(({ price, listPrice, ...sku }) => ({
    ...sku,
    priceFen: (sku.priceFen ?? price) as number,
    ...(sku.listPriceFen !== undefined || listPrice !== undefined
      ? { listPriceFen: (sku.listPriceFen ?? listPrice) as number }
      : {}),
  }));

export const skusInputSchema = z.array(skuInputSchema).min(1).max(MAX_SKUS);

export type SpecInput = z.output<typeof specSchema>;
export type SkuInput = z.output<typeof skuInputSchema>;
