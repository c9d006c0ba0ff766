/**
 * The audit log: one document per change an operator made (who, what, on which record, before and after, when).
 * Written after the change succeeded; a change that failed changed nothing and leaves no entry.
 */
import { db } from '../_shared/platform/cloud';
import type { AuditLogDoc } from '../_shared/store/audit-logs';
import { COLLECTIONS } from '../_shared/store/collections';
import type { Actor } from './actor';

export async function recordChange(
  actor: Actor,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  now: number,
): Promise<void> {
  const entry: AuditLogDoc = {
    at: now,
    actor: actor.username,
    action,
    target,
    before: before ?? null,
    after: after ?? null,
  };
  await db().collection(COLLECTIONS.auditLogs).add({ data: entry });
}
