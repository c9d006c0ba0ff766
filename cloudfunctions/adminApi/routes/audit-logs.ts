/**
 * The audit log, newest first, for the owner, in the operators' language: each entry carries its action's name,
 * its object's name and the admin screen that shows it, and the labels of the fields it changed (the contract's
 * one table, `audit-vocabulary.ts`), beside the stored codes.
 */
import { z } from 'zod';
import { auditActionLabel, changedAuditFields, describeAuditTarget } from '../../../contract/src';
import type { AuditLogDoc } from '../../_shared/store/audit-logs';
import { COLLECTIONS } from '../../_shared/store/collections';
import { pageOf, pagingQuery } from '../queries';
import { handler } from '../router';

export const listAuditLogs = handler(
  {
    query: z.strictObject({
      actor: z.string().trim().min(1).max(64).optional(),
      action: z.string().trim().min(1).max(64).optional(),
      target: z.string().trim().min(1).max(200).optional(),
      ...pagingQuery,
    }),
  },
  async ({ query }) => {
    const { actor, action, target } = query;
    const filter = { ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(target ? { target } : {}) };
    const page = await pageOf<AuditLogDoc>(COLLECTIONS.auditLogs, filter, { field: 'at', direction: 'desc' }, query);
    return {
      ...page,
      items: page.items.map((entry) => ({
        ...entry,
        actionLabel: auditActionLabel(entry.action),
        object: describeAuditTarget(entry.target),
        changedFields: changedAuditFields(entry.before, entry.after),
      })),
    };
  },
);
