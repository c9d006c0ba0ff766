/**
 * Binding a shopper to the distributor who invited them, from a poster's short code (`scene`) or an invite code
 * in a share link. A refused binding is a normal answer, not an error: the shopper never notices.
 */
import { decideBinding, type BindingRefusal, type BindingSource, type DistributionRules } from '../../../core/src';
import { getDoc } from '../platform/documents';
import type { BindingDoc } from '../store/bindings';
import { COLLECTIONS } from '../store/collections';
import { distributorByInviteCode, type DistributorDoc } from '../store/distributors';
import type { ShareCodeDoc } from '../store/share-codes';
import type { UserDoc } from '../store/users';
import { txGet } from '../platform/documents';
import { inTransaction } from '../platform/transactions';
import { ensureUser, inviterChain } from '../store/users';

export type BindRequest = { scene: string } | { inviterCode: string; via?: 'link' | 'code' };

export type BindOutcome =
  | { bound: true; inviterCode: string; source: BindingSource; productId: string | null }
  | { bound: false; reason: BindingRefusal | 'UNKNOWN_CODE'; productId: string | null };

/** Deep enough for any loop check: the walk stops at the first inviter without an inviter. */
const LOOP_CHECK_DEPTH = 64;

async function resolveInviter(
  request: BindRequest,
): Promise<{ inviter: DistributorDoc | null; source: BindingSource; productId: string | null; code: string }> {
  if ('scene' in request) {
    const share = await getDoc<ShareCodeDoc>(COLLECTIONS.shareCodes, request.scene);
    const inviter = share ? await getDoc<DistributorDoc>(COLLECTIONS.distributors, share.inviterOpenid) : null;
    return { inviter, source: 'poster', productId: share?.productId ?? null, code: request.scene };
  }
  return {
    inviter: await distributorByInviteCode(request.inviterCode),
    source: request.via ?? 'link',
    productId: null,
    code: request.inviterCode,
  };
}

/** Thrown inside the transaction when the shopper's binding changed since we decided: decide again. */
class BindingMovedError extends Error {}

export async function bindInviter(
  openid: string,
  request: BindRequest,
  rules: DistributionRules,
  now: number,
): Promise<BindOutcome> {
  const { inviter, source, productId, code } = await resolveInviter(request);
  if (!inviter) return { bound: false, reason: 'UNKNOWN_CODE', productId };
  for (let attempt = 0; attempt < 3; attempt++) {
    const shopper = await ensureUser(openid, now);
    const inviters = await inviterChain(inviter._id, LOOP_CHECK_DEPTH);
    const decision = decideBinding({
      shopperId: openid,
      inviterId: inviter._id,
      source,
      now,
      rules,
      current:
        shopper.inviterOpenid && shopper.boundAt !== null
          ? { inviterId: shopper.inviterOpenid, boundAt: shopper.boundAt }
          : null,
      inviterStatus: inviter.status,
      inviterFrozen: inviter.freeze !== undefined,
      shopperHasPaidOrder: shopper.paidOrderCount > 0,
      inviters,
    });
    if (!decision.bind) return { bound: false, reason: decision.reason, productId };
    const { record } = decision;
    try {
      await inTransaction(async (tx) => {
        const latest = await txGet<UserDoc>(tx, COLLECTIONS.users, openid);
        if (!latest || latest.inviterOpenid !== shopper.inviterOpenid || latest.boundAt !== shopper.boundAt)
          throw new BindingMovedError();
        await tx
          .collection(COLLECTIONS.users)
          .doc(openid)
          .update({
            data: { inviterOpenid: record.newInviterId, boundAt: record.at, bindingSource: record.source },
          });
        const audit: BindingDoc = {
          openid,
          oldInviterOpenid: record.oldInviterId,
          newInviterOpenid: record.newInviterId,
          source: record.source,
          at: record.at,
          ruleVersion: record.ruleVersion,
          code,
        };
        await tx.collection(COLLECTIONS.bindings).add({ data: audit });
      });
      return { bound: true, inviterCode: inviter.inviteCode, source, productId };
    } catch (error) {
      if (!(error instanceof BindingMovedError)) throw error;
    }
  }
  return { bound: false, reason: 'ALREADY_BOUND', productId };
}
