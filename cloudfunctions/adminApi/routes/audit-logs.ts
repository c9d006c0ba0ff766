/**
 * The audit log, newest first, for the owner, in the operators' language: each entry carries its action's name,
 * its object's name and the admin screen that shows it, and the labels of the fields it changed (the contract's
 * one table, `audit-vocabulary.ts`), beside the stored codes.
 */
import { z } from 'zod';
import { peopleRecord } from '../../_shared/store/people';
import { auditActionLabel, changedAuditFields, describeAuditTarget } from '../../../contract/src';
import type { AuditLogDoc } from '../../_shared/store/audit-logs';
import { COLLECTIONS } from '../../_shared/store/collections';
import { pageOf, pagingQuery } from '../queries';
import { handler } from '../router';

/** Targets that name a shopper by openid. */
const SHOPPER_TARGET = /^(members|distributors|users|withdrawals-of)\/([^/]+)$/;

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
    // Actors are operators' usernames, or a shopper's openid; targets name a shopper as `members/<openid>` etc.
    const candidates = page.items.flatMap((log) => [log.actor, SHOPPER_TARGET.exec(log.target)?.[2]]);
    return {
      ...page,
      items: page.items.map((entry) => ({
        ...entry,
        actionLabel: auditActionLabel(entry.action),
        object: describeAuditTarget(entry.target),
        changedFields: changedAuditFields(entry.before, entry.after),
      })),
      people: await peopleRecord(candidates, { knownOnly: true }),
    };
  },
);
