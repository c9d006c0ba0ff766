/**
 * 个人信息删除: on a shopper's request an operator erases their personal data. Names, phones, addresses, nickname
 * and avatar are removed or replaced by a marker; the money facts stay exactly as they were (order amounts and
 * lines, commissions, the ledger, balances, withdrawals), because the books and the tax record must still add up.
 * Safe to repeat: a second erasure finds nothing left to erase.
 */
import { DomainError } from '../../core/src/errors';
import { db } from '../_shared/platform/cloud';
import { getDoc, updatedCount } from '../_shared/platform/documents';
import { COLLECTIONS } from '../_shared/store/collections';
import { type DistributorDoc } from '../_shared/store/distributors';
import { type UserDoc } from '../_shared/store/users';

export interface ErasureReport {
  openid: string;
  user: boolean;
  distributor: boolean;
  /** Orders whose address was replaced by the erased marker in this run. */
  orders: number;
}

/** A multi-document update may stop at the platform's batch limit; the loop runs until none are left. */
const MAX_ROUNDS = 100;

export async function erasePersonalData(openid: string, now: number): Promise<ErasureReport> {
  const _ = db().command;
  const [user, distributor] = await Promise.all([
    getDoc<UserDoc>(COLLECTIONS.users, openid),
    getDoc<DistributorDoc>(COLLECTIONS.distributors, openid),
  ]);
  const hasOrders = (await db().collection(COLLECTIONS.orders).where({ buyerOpenid: openid }).count()) as {
    total: number;
  };
  if (!user && !distributor && hasOrders.total === 0) throw new DomainError('NOT_FOUND', { openid }, '该用户不存在');

  if (user) {
    await db()
      .collection(COLLECTIONS.users)
      .doc(openid)
      .update({
        data: { nickname: _.remove(), avatarUrl: _.remove(), phone: _.remove(), erasedAt: user.erasedAt ?? now },
      });
  }
  if (distributor) {
    const application = distributor.application
      ? // `_.set` replaces the whole object; a plain object would be merged into the old one, keeping its fields.
        { application: _.set({ name: '', phone: '', reason: '', at: distributor.application.at }) }
      : {};
    await db()
      .collection(COLLECTIONS.distributors)
      .doc(openid)
      .update({ data: { nickname: _.remove(), erasedAt: distributor.erasedAt ?? now, ...application } });
  }
  let orders = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = await db()
      .collection(COLLECTIONS.orders)
      .where({ buyerOpenid: openid, 'address.erasedAt': _.exists(false) })
      .update({ data: { address: _.set({ erasedAt: now }) } });
    const count = updatedCount(result);
    orders += count;
    if (count === 0) break;
  }
  return { openid, user: user !== null, distributor: distributor !== null, orders };
}
