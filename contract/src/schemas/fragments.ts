/** Event fragments several routes accept, defined once. */
import { z } from 'zod';
import {
  CAMPAIGN_PATTERN,
  DEFAULT_PAGE_SIZE,
  MAX_CART_LINES,
  MAX_CODE_LENGTH,
  MAX_ID_LENGTH,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_QUANTITY_PER_LINE,
  REQUEST_ID_PATTERN,
  SHARE_CODE_PATTERN,
} from '../limits';

/** A client-generated id that makes a request safe to retry (saved on the phone before the first try). */
export const requestIdSchema = z.string().regex(REQUEST_ID_PATTERN, 'requestId: 8–64 letters, digits, _ or -');

export const idSchema = z.string().min(1).max(MAX_ID_LENGTH);

/** An invite code or a share code (it travels in a mini program code's 32-character `scene`). */
export const codeSchema = z.string().trim().min(1).max(MAX_CODE_LENGTH);

/** A campaign tag on a share code or poster. */
export const campaignSchema = z.string().regex(CAMPAIGN_PATTERN, 'campaign: 1–20 letters, digits, _ or -');

/**
 * A poster's `scene` as the launch hands it over (URL-encoded, at most 32 characters): decoded and checked
 * against the share-code alphabet. Anything else (bad percent-encoding, other characters, too long) is refused.
 */
export const sceneSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_CODE_LENGTH)
  .transform((raw, ctx) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'scene 编码无效' });
      return z.NEVER;
    }
    if (!SHARE_CODE_PATTERN.test(decoded)) {
      ctx.addIssue({ code: 'custom', message: 'scene 不是有效的推广码' });
      return z.NEVER;
    }
    return decoded;
  });

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
  .array(
    z.strictObject({
      productId: idSchema,
      /** The chosen SKU: required for a product with specs, refused for one without. */
      skuId: idSchema.optional(),
      quantity: z.int().min(1).max(MAX_QUANTITY_PER_LINE),
    }),
  )
  .min(1)
  .max(MAX_CART_LINES);

export const pageSchema = {
  page: z.int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};
