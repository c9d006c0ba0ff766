/**
 * Who is a distributor. In `open` recruitment (全员分销) every shopper becomes one on first visit to the
 * distributor center; in `approval` mode a shopper applies and an operator decides. Every distributor has a
 * short invite code (unique index), which posters and links carry.
 */
import {
  DomainError,
  transition,
  distributorMachine,
  type DistributionRules,
  type DistributorEvent,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, updatedCount } from '../platform/documents';
import { randomCode } from '../platform/ids';
import { COLLECTIONS } from '../store/collections';
import type { DistributorDoc } from '../store/distributors';
import { isDuplicateKey } from '../platform/transactions';
import { sealApplication } from '../store/personal-records';

const INVITE_CODE_LENGTH = 6;

/**
 * Creates the distributor document with a fresh invite code. Two racing first calls both try to create it; the
 * loser's duplicate-key error is answered with the winner's document.
 */
async function createDistributor(
  openid: string,
  fields: Omit<DistributorDoc, '_id' | 'inviteCode'>,
): Promise<DistributorDoc> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const doc: DistributorDoc = { _id: openid, inviteCode: randomCode(INVITE_CODE_LENGTH), ...fields };
    try {
      await db().collection(COLLECTIONS.distributors).add({ data: doc });
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await getDoc<DistributorDoc>(COLLECTIONS.distributors, openid);
      if (existing) return existing;
      // The invite code collided with someone else's: draw another.
    }
  }
  throw new Error('could not draw a unique invite code');
}

/** The caller's distributor document; in open recruitment it is created on first use. */
export async function ensureDistributor(
  openid: string,
  rules: DistributionRules,
  now: number,
): Promise<DistributorDoc | null> {
  const existing = await getDoc<DistributorDoc>(COLLECTIONS.distributors, openid);
  if (existing || rules.recruitment !== 'open') return existing;
  return createDistributor(openid, {
    status: 'approved',
    createdAt: now,
    decidedAt: now,
    decidedBy: 'open-recruitment',
  });
}

export interface Application {
  name: string;
  phone: string;
  reason: string;
}

export async function applyAsDistributor(
  openid: string,
  application: Application,
  rules: DistributionRules,
  now: number,
): Promise<DistributorDoc> {
  // An existing document (approved in open mode, or an earlier application) answers for itself, except a
  // rejected one: its owner may apply again with a new application.
  const existing = await ensureDistributor(openid, rules, now);
  if (!existing)
    return createDistributor(openid, {
      status: 'applied',
      createdAt: now,
      application: sealApplication(application, openid, now),
    });
  if (existing.status !== 'rejected') return existing;
  return reapply(existing, application, now);
}

/** rejected → applied with the new application, guarded on the status read (a double tap applies once). */
async function reapply(rejected: DistributorDoc, application: Application, now: number): Promise<DistributorDoc> {
  const next = transition(distributorMachine, rejected.status, 'reapply');
  if (!next.ok) throw next.error;
  const _ = db().command;
  const sealed = sealApplication(application, rejected._id, now);
  const fields = {
    status: next.value,
    application: sealed,
    decidedAt: _.remove(),
    decidedBy: _.remove(),
    rejectReason: _.remove(),
  };
  const result = await db()
    .collection(COLLECTIONS.distributors)
    .where({ _id: rejected._id, status: rejected.status })
    .update({ data: fields });
  if (updatedCount(result) === 1)
    return {
      _id: rejected._id,
      inviteCode: rejected.inviteCode,
      createdAt: rejected.createdAt,
      status: next.value,
      application: sealed,
    };
  // Someone else moved it first (a concurrent re-application or an operator): answer with what is stored now.
  const current = await getDoc<DistributorDoc>(COLLECTIONS.distributors, rejected._id);
  if (!current) throw new DomainError('CONFLICT', { openid: rejected._id });
  return current;
}

export type DistributorDecision = 'approve' | 'reject' | 'disable' | 'enable';

/** An operator's decision, through the distributor state machine; returns both documents for the audit log. */
export async function decideDistributor(
  openid: string,
  decision: DistributorDecision,
  actor: string,
  now: number,
  reason?: string,
): Promise<{ before: DistributorDoc; after: DistributorDoc }> {
  const before = await getDoc<DistributorDoc>(COLLECTIONS.distributors, openid);
  if (!before) throw new DomainError('NOT_FOUND', { openid }, '该用户还没有申请成为分销员');
  const next = transition(distributorMachine, before.status, decision as DistributorEvent);
  if (!next.ok) throw next.error;
  const after: DistributorDoc = {
    ...before,
    status: next.value,
    decidedAt: now,
    decidedBy: actor,
    ...(decision === 'reject' ? { rejectReason: reason ?? '' } : {}),
  };
  // Guarded on the status we read, so two operators deciding at once cannot both win.
  const result = await db()
    .collection(COLLECTIONS.distributors)
    .where({ _id: openid, status: before.status })
    .update({
      data: {
        status: after.status,
        decidedAt: now,
        decidedBy: actor,
        ...(decision === 'reject' ? { rejectReason: reason ?? '' } : {}),
      },
    });
  if (updatedCount(result) !== 1) throw new DomainError('CONFLICT', { openid });
  return { before, after };
}
