/** The audit log, newest first, for the owner. */
import { z } from 'zod';
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
    return pageOf<AuditLogDoc>(COLLECTIONS.auditLogs, filter, { field: 'at', direction: 'desc' }, query);
  },
);
