/** Event fragments several functions accept, defined once. */
import { z } from 'zod';

/** A client-generated id that makes a request safe to retry (saved on the phone before the first try). */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId: 8–64 letters, digits, _ or -');

export const idSchema = z.string().min(1).max(64);

/**
 * The shape `wx.chooseAddress` resolves with. Not strict: WeChat adds fields over time (nationalCode, errMsg,
 * streetName…); they are data, not privileges, and only the known ones are kept.
 */
export const addressSchema = z.object({
  userName: z.string().trim().min(1).max(50),
  telNumber: z.string().trim().min(5).max(30),
  provinceName: z.string().trim().min(1).max(50),
  cityName: z.string().trim().min(1).max(50),
  countyName: z.string().trim().max(50),
  detailInfo: z.string().trim().min(1).max(200),
  postalCode: z.string().trim().max(10).optional(),
});

export const cartItemsSchema = z
  .array(z.strictObject({ productId: idSchema, quantity: z.int().min(1).max(999) }))
  .min(1)
  .max(50);

export const pageSchema = {
  page: z.int().min(1).max(1000).default(1),
  pageSize: z.int().min(1).max(50).default(20),
};
