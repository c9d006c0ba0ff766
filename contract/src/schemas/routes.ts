/**
 * The input schema of every mini-program-facing function route. Strict: a field a route does not expect (an
 * `openid`, a price, a commission) is refused rather than trusted or ignored. Identity never travels in an event.
 */
import { z } from 'zod';
import {
  MAX_AFTER_SALE_PHOTOS,
  MAX_APPLICANT_NAME_LENGTH,
  MAX_CARRIER_LENGTH,
  MAX_APPLICATION_REASON_LENGTH,
  MAX_CART_LINES,
  MAX_LINE_INDEX,
  MAX_QUANTITY_PER_LINE,
  MAX_REFUND_REASON_LENGTH,
  PHONE_PATTERN,
  TRACKING_NO_PATTERN,
} from '../limits';
import { AFTER_SALE_TYPES, ORDER_STATES } from '../states';
import { BEHAVIOUR_EVENT_TYPES, MAX_TRACK_EVENTS } from '../behaviour';
import type { FunctionName, RouteName, RouteOutput } from '../wire/outputs';
import {
  addressSchema,
  campaignSchema,
  cartItemsSchema,
  codeSchema,
  idSchema,
  pageSchema,
  requestIdSchema,
  sceneSchema,
} from './fragments';
import { bindPhoneSchema, buyerNoteSchema, updateProfileSchema } from './people';

const nothing = z.strictObject({});
/** A group-buy order: the campaign, and the group to join (none: open a new group). */
const groupBuySchema = z.strictObject({ campaignId: idSchema, groupId: idSchema.optional() });
const paging = z.strictObject(pageSchema);
const byOrder = z.strictObject({ orderId: idSchema });

export const ROUTE_SCHEMAS = {
  shop: {
    categories: nothing,
    products: z.strictObject({
      categoryId: idSchema.optional(),
      q: z.string().trim().max(30).optional(),
      ...pageSchema,
    }),
    product: z.strictObject({ id: idSchema }),
    coupons: nothing,
    quote: z.strictObject({
      items: cartItemsSchema,
      couponId: idSchema.optional(),
      groupBuy: groupBuySchema.optional(),
    }),
    claimCoupon: z.strictObject({ couponId: idSchema }),
    claimableCoupons: z.strictObject({ productId: idSchema.optional() }),
    campaigns: z.strictObject({ productId: idSchema.optional() }),
    group: z.strictObject({ groupId: idSchema }),
    store: nothing,
    profile: nothing,
    updateProfile: updateProfileSchema,
    bindPhone: bindPhoneSchema,
    alsoBought: z.strictObject({ productId: idSchema }),
    track: z.strictObject({
      events: z
        .array(
          z.strictObject({
            type: z.enum(BEHAVIOUR_EVENT_TYPES),
            productId: idSchema.optional(),
            /** The inviting distributor's invite code, as the share card or poster carried it. */
            distributor: codeSchema.optional(),
            /** The client's clock, for the client's own batching; the server counts on its own day. */
            at: z.number().int().nonnegative(),
          }),
        )
        .min(1)
        .max(MAX_TRACK_EVENTS),
    }),
  },
  placeOrder: {
    main: z.strictObject({
      requestId: requestIdSchema,
      items: cartItemsSchema,
      address: addressSchema,
      couponId: idSchema.optional(),
      buyerNote: buyerNoteSchema.optional(),
      groupBuy: groupBuySchema.optional(),
    }),
  },
  orders: {
    list: z.strictObject({
      status: z.enum(ORDER_STATES).optional(),
      /** The 售后 tab: orders that have had an after-sale. */
      afterSales: z.boolean().optional(),
      ...pageSchema,
    }),
    detail: byOrder,
    cancel: byOrder,
    confirmReceipt: byOrder,
    requestRefund: z.strictObject({
      orderId: idSchema,
      lines: z
        .array(
          z.strictObject({
            line: z.int().min(0).max(MAX_LINE_INDEX),
            quantity: z.int().min(1).max(MAX_QUANTITY_PER_LINE),
          }),
        )
        .min(1)
        .max(MAX_CART_LINES),
      reason: z.string().trim().min(1).max(MAX_REFUND_REASON_LENGTH),
      requestId: requestIdSchema.optional(),
      type: z.enum(AFTER_SALE_TYPES).default('refund'),
      photos: z.array(z.string().min(1).max(512)).max(MAX_AFTER_SALE_PHOTOS).default([]),
    }),
    refunds: byOrder,
    returnShipped: z.strictObject({
      afterSaleId: idSchema,
      carrier: z.string().trim().min(1).max(MAX_CARRIER_LENGTH),
      trackingNo: z.string().trim().regex(TRACKING_NO_PATTERN, '运单号为 4–40 位字母、数字或 -'),
    }),
    photoFolder: nothing,
  },
  distributorCenter: {
    summary: nothing,
    apply: z.strictObject({
      name: z.string().trim().min(1).max(MAX_APPLICANT_NAME_LENGTH),
      phone: z.string().regex(PHONE_PATTERN, '请填写 11 位手机号'),
      reason: z.string().trim().max(MAX_APPLICATION_REASON_LENGTH).default(''),
    }),
    entries: paging,
    frozen: paging,
    team: z.strictObject({ level: z.union([z.literal(1), z.literal(2)]).default(1), ...pageSchema }),
    ranking: nothing,
    materials: nothing,
    withdrawals: paging,
    shareCode: z.strictObject({ productId: idSchema.optional(), campaign: campaignSchema.optional() }),
    poster: z.strictObject({ productId: idSchema, campaign: campaignSchema.optional() }),
    orders: paging,
    withdrawalQuote: z.strictObject({ amountFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER) }),
    payee: nothing,
    transferPackage: z.strictObject({ withdrawalId: idSchema }),
    savePayee: z.strictObject({
      realName: z.string().trim().min(2).max(30),
      idNumber: z
        .string()
        .trim()
        .regex(/^\d{17}[\dXx]$/, '请填写 18 位身份证号')
        .transform((value) => value.toUpperCase()),
    }),
    posterBackgrounds: nothing,
    funnel: z.strictObject({ days: z.union([z.literal(7), z.literal(30)]).default(7) }),
  },
  requestWithdrawal: {
    main: z.strictObject({ requestId: requestIdSchema, amountFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER) }),
  },
  bindInviter: {
    main: z.union([
      z.strictObject({ scene: sceneSchema }),
      z.strictObject({ inviterCode: codeSchema, via: z.enum(['link', 'code']).optional() }),
    ]),
  },
  // Exactly the functions and routes of RouteOutputs: a missing or a stray route fails here.
} as const satisfies { [F in FunctionName]: { [R in RouteName<F>]: z.ZodType } };

type RouteSchemas = typeof ROUTE_SCHEMAS;

export type RouteSchema<F extends FunctionName, R extends RouteName<F>> = R extends keyof RouteSchemas[F]
  ? RouteSchemas[F][R] extends z.ZodType
    ? RouteSchemas[F][R]
    : never
  : never;

/** What a caller sends (defaults may be left out). */
export type RouteInput<F extends FunctionName, R extends RouteName<F> = RouteName<F>> = z.input<RouteSchema<F, R>>;
/** What a handler receives once the schema has parsed the event (defaults filled in). */
export type RouteParsed<F extends FunctionName, R extends RouteName<F> = RouteName<F>> = z.output<RouteSchema<F, R>>;

export type RouteHandler<F extends FunctionName, R extends RouteName<F>> = (
  input: RouteParsed<F, R>,
) => Promise<RouteOutput<F, R>>;

/** One handler per route of `F`, each typed by the route's parsed input and its output. */
export type RouteHandlers<F extends FunctionName> = { [R in RouteName<F>]: RouteHandler<F, R> };

export function routeSchema<F extends FunctionName, R extends RouteName<F>>(
  functionName: F,
  route: R,
): RouteSchema<F, R> {
  return (ROUTE_SCHEMAS[functionName] as Record<string, z.ZodType>)[route] as RouteSchema<F, R>;
}
