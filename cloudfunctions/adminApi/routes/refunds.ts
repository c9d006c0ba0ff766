/** After-sales requests (refunds): the queue and the operator's decision. Approval asks WeChat Pay for the money. */
import { z } from 'zod';
import { AFTER_SALE_STATES } from '../../../core/src';
import {
  approveAfterSale,
  openMerchantRefund,
  receiveReturnedGoods,
  rejectAfterSale,
} from '../../_shared/workflows/refunds';
import type { AfterSaleDoc } from '../../_shared/store/after-sales';
import { COLLECTIONS } from '../../_shared/store/collections';
import { recordChange } from '../audit';
import { listPage, listPagingQuery, OLDEST_FIRST } from '../queries';
import { handler } from '../router';
import { textSchema } from '../schemas';
import { MAX_FEN } from '../../../contract/src';

/** Oldest first: the queue is worked in the order shoppers asked. */
/**
 * Sorted by an index for every filter: `created`, `status_created`, `order_created` (an order's few after-sales,
 * `status` checked on them too). Equalities only, so the total is an exact index count.
 */
export const listRefunds = handler(
  {
    query: z.strictObject({
      status: z.enum(AFTER_SALE_STATES).optional(),
      orderId: z.string().trim().min(1).max(64).optional(),
      ...listPagingQuery,
    }),
  },
  async ({ query }) => {
    const filter: Record<string, unknown> = {};
    if (query.status) filter.status = query.status;
    if (query.orderId) filter.orderId = query.orderId;
    return listPage<AfterSaleDoc>(COLLECTIONS.afterSales, filter, OLDEST_FIRST, query, { exactCount: true });
  },
);

/**
 * Approves a refund (WeChat Pay is asked for the money) or a return (the goods are awaited). `refundFen` below the
 * computed amount needs `partialReason`. Approving an approved after-sale whose refund WeChat refused retries it.
 */
export const approveRefund = handler(
  {
    body: z
      .strictObject({
        refundFen: z.int().min(1).max(MAX_FEN).optional(),
        partialReason: textSchema(200).optional(),
      })
      .default({}),
  },
  async ({ params, body, actor, now }) => {
    const id = params.id as string;
    const { before, after } = await approveAfterSale(id, actor.username, now, body);
    await recordChange(actor, 'refund.approve', `afterSales/${id}`, before, after, now);
    return after;
  },
);

/** The returned goods arrived: the refund is asked for. */
export const receiveReturn = handler({}, async ({ params, actor, now }) => {
  const id = params.id as string;
  const { before, after } = await receiveReturnedGoods(id, actor.username, now);
  await recordChange(actor, 'refund.received', `afterSales/${id}`, before, after, now);
  return after;
});

export const rejectRefund = handler(
  { body: z.strictObject({ reason: textSchema(200) }) },
  async ({ params, body, actor, now }) => {
    const id = params.id as string;
    const { before, after } = await rejectAfterSale(id, body.reason, actor.username, now);
    await recordChange(actor, 'refund.reject', `afterSales/${id}`, before, after, now);
    return after;
  },
);

/** The operator refunds units of a paid order themself, at any time (after the window: clawback and debt). */
export const openRefund = handler(
  {
    body: z.strictObject({
      lines: z
        .array(z.strictObject({ line: z.int().min(0).max(99), quantity: z.int().min(1).max(999) }))
        .min(1)
        .max(50),
      reason: textSchema(200),
    }),
  },
  async ({ params, body, actor, now }) => {
    const orderId = params.id as string;
    const changes = await openMerchantRefund({ orderId, lines: body.lines, reason: body.reason }, actor.username, now);
    for (const { before, after } of changes)
      await recordChange(actor, 'refund.open', `afterSales/${after._id}`, before, after, now);
    return changes.map((change) => change.after);
  },
);
