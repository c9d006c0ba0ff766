/**
 * The reconciliation queue (对账差异): what the daily reconcilePayments timer found WeChat Pay and the shop disagree
 * about. Owner and finance list it and resolve an item with a note (after fixing the cause by hand, e.g. refunding
 * a payment nobody ordered); each resolution is an audit record. Registered in routes.ts by spreading this table.
 */
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import { db } from '../../_shared/platform/cloud';
import { getDoc, updatedCount } from '../../_shared/platform/documents';
import { listMismatches, PAYMENT_MISMATCHES, type PaymentMismatchDoc } from '../../_shared/workflows/reconciliation';
import { ROLE_GROUPS } from '../../../contract/src';
import { recordChange } from '../audit';
import { handler, route, type RouteEntry } from '../router';
import { textSchema } from '../schemas';

const FINANCE = ROLE_GROUPS.finance;

export const listPaymentMismatches = handler(
  { query: z.strictObject({ status: z.enum(['open', 'resolved']).optional() }) },
  async ({ query }) => ({ items: await listMismatches(query.status) }),
);

export const resolvePaymentMismatch = handler(
  { body: z.strictObject({ note: textSchema(500) }) },
  async ({ params, body, actor, now }) => {
    const id = params.id as string;
    const before = await getDoc<PaymentMismatchDoc>(PAYMENT_MISMATCHES, id);
    if (!before) throw new DomainError('NOT_FOUND', { id }, '对账差异不存在');
    const changes = { status: 'resolved' as const, resolvedAt: now, resolvedBy: actor.username, note: body.note };
    // Guarded on the status read, so two operators resolving at once record one resolution.
    const moved = await db()
      .collection(PAYMENT_MISMATCHES)
      .where({ _id: id, status: 'open' })
      .update({ data: changes });
    if (updatedCount(moved) !== 1)
      throw new DomainError('ILLEGAL_TRANSITION', { id, status: before.status }, '该差异已处理');
    const after = { ...before, ...changes };
    await recordChange(actor, 'reconciliation.resolve', `${PAYMENT_MISMATCHES}/${id}`, before, after, now);
    return after;
  },
);

export const RECONCILIATION_ROUTES: readonly RouteEntry[] = [
  route('GET', '/reconciliation/mismatches', FINANCE, listPaymentMismatches),
  route('POST', '/reconciliation/mismatches/:id/resolve', FINANCE, resolvePaymentMismatch),
];
