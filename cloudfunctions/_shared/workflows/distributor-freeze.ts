/**
 * 风控冻结: an operator holds a suspect distributor's money while it is looked into. Unlike `disable` (which stops
 * new earnings but leaves what was earned owed and payable), a freeze holds what was earned: settlement leaves their
 * commissions frozen, withdrawals are refused, pending ones cannot be approved or paid, and nobody new binds to them.
 * Unfreezing resumes all of it (the next settlement run settles what fell due meanwhile).
 *
 * Every money step that a freeze stops reads the distributor document inside its own transaction (see
 * `assertNotFrozen`), so a freeze that commits first is always seen.
 */
import { DomainError } from '../../../core/src';
import { db } from '../platform/cloud';
import { txGet } from '../platform/documents';
import { inTransaction, type Transaction } from '../platform/transactions';
import { COLLECTIONS } from '../store/collections';
import type { DistributorDoc } from '../store/distributors';
import type { Change } from './change';

export function frozenError(openid: string): DomainError {
  return new DomainError('DISTRIBUTOR_FROZEN', { openid });
}

/** Inside a money transaction: refuses with DISTRIBUTOR_FROZEN while `openid` is frozen. */
export async function assertNotFrozen(tx: Transaction, openid: string): Promise<void> {
  const distributor = await txGet<DistributorDoc>(tx, COLLECTIONS.distributors, openid);
  if (distributor?.freeze) throw frozenError(openid);
}

/**
 * Before money leaves outside a transaction (a payout channel, a transfer bill): refuses with DISTRIBUTOR_FROZEN
 * while `openid` is frozen. The transaction that records the payment checks again.
 */
export async function assertNotFrozenBeforePayout(openid: string): Promise<void> {
  if ((await frozenAmong([openid])).size > 0) throw frozenError(openid);
}

function notFound(openid: string): DomainError {
  return new DomainError('NOT_FOUND', { openid }, '该用户还不是分销员');
}

/** Freezes `openid` with a reason they will read; freezing again replaces the reason (and keeps the first time). */
export async function freezeDistributor(
  openid: string,
  reason: string,
  actor: string,
  now: number,
): Promise<Change<DistributorDoc>> {
  return inTransaction(async (tx) => {
    const before = await txGet<DistributorDoc>(tx, COLLECTIONS.distributors, openid);
    if (!before) throw notFound(openid);
    const freeze = { reason, at: before.freeze?.at ?? now, by: actor };
    await tx.collection(COLLECTIONS.distributors).doc(openid).update({ data: { freeze } });
    return { before, after: { ...before, freeze } };
  });
}

/** Lifts the freeze; lifting one that is not there changes nothing and answers the same. */
export async function unfreezeDistributor(
  openid: string,
  actor: string,
  now: number,
  note?: string,
): Promise<Change<DistributorDoc>> {
  return inTransaction(async (tx) => {
    const before = await txGet<DistributorDoc>(tx, COLLECTIONS.distributors, openid);
    if (!before) throw notFound(openid);
    if (!before.freeze) return { before, after: before };
    await tx
      .collection(COLLECTIONS.distributors)
      .doc(openid)
      .update({
        data: { freeze: db().command.remove(), unfrozenAt: now, unfrozenBy: actor, unfreezeNote: note ?? '' },
      });
    const after: DistributorDoc = { ...before, unfrozenAt: now, unfrozenBy: actor, unfreezeNote: note ?? '' };
    delete after.freeze;
    return { before, after };
  });
}

/** Which of `openids` are frozen now, read in pages of the platform's `$in` limit. */
export async function frozenAmong(openids: readonly string[]): Promise<Set<string>> {
  const _ = db().command;
  const frozen = new Set<string>();
  const PAGE = 1000;
  for (let i = 0; i < openids.length; i += PAGE) {
    const ids = openids.slice(i, i + PAGE);
    const { data } = (await db()
      .collection(COLLECTIONS.distributors)
      .where({ _id: _.in(ids), 'freeze.at': _.gt(0) })
      .field({ _id: true })
      .limit(PAGE)
      .get()) as { data: Array<{ _id: string }> };
    for (const doc of data) frozen.add(doc._id);
  }
  return frozen;
}
