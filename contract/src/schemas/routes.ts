/**
 * The input schema of every mini-program-facing function route. Strict: a field a route does not expect (an
 * `openid`, a price, a commission) is refused rather than trusted or ignored. Identity never travels in an event.
 */
import { z } from 'zod';
import {
  MAX_APPLICANT_NAME_LENGTH,
  MAX_APPLICATION_REASON_LENGTH,
  MAX_CART_LINES,
  MAX_LINE_INDEX,
  MAX_QUANTITY_PER_LINE,
  MAX_REFUND_REASON_LENGTH,
  PHONE_PATTERN,
} from '../limits';
import { ORDER_STATES } from '../states';
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

const nothing = z.strictObject({});
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
    quote: z.strictObject({ items: cartItemsSchema, couponId: idSchema.optional() }),
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
    }),
  },
  orders: {
    list: z.strictObject({ status: z.enum(ORDER_STATES).optional(), ...pageSchema }),
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
    }),
    refunds: byOrder,
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
