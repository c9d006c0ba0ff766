/**
 * What a distributor sees about themself: balances, the ledger behind them, frozen commissions with the day they
 * settle, their team (nickname and join date only), the ranking, and their withdrawals. Every query is scoped to
 * the caller's own openid.
 */
import {
  chinaMonthDay,
  type CenterSummary,
  type FrozenCommission,
  type LedgerEntryView,
  type Material,
  type RankingRow,
  type TeamLevel,
  type TeamPage,
  type WithdrawalView,
} from '../../../contract/src';
import { earnedOf, type DistributionRules } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { balancesOf } from '../store/ledger';
import { COLLECTIONS } from '../store/collections';
import type { CommissionDoc } from '../store/commissions';
import type { MaterialDoc } from '../store/materials';
import type { BalanceDoc, LedgerEntryDoc } from '../store/ledger';
import type { OrderDoc } from '../store/orders';
import type { UserDoc } from '../store/users';
import type { WithdrawalDoc } from '../store/withdrawals';
import { rulesOfVersion } from '../store/rules';
import { publicNickname } from '../platform/masks';
import { ensureDistributor } from './distributors';
import { gradeView } from './grades';

export async function summary(openid: string, rules: DistributionRules, now: number): Promise<CenterSummary> {
  const distributor = await ensureDistributor(openid, rules, now);
  const [balanceDoc, grade] = await Promise.all([
    getDoc<BalanceDoc>(COLLECTIONS.balances, openid),
    distributor?.status === 'approved' ? gradeView(distributor) : Promise.resolve(null),
  ]);
  const balances = balancesOf(balanceDoc);
  return {
    status: distributor?.status ?? 'none',
    inviteCode: distributor?.status === 'approved' ? distributor.inviteCode : null,
    recruitment: rules.recruitment,
    /** The saved commission rate per level (index 0 = direct), so the apply page states the real terms. */
    levelRatesBp: rules.enabled ? rules.levelRatesBp.slice(0, rules.levels) : [],
    frozenFen: balances.frozen,
    availableFen: balances.available,
    heldFen: balances.held,
    withdrawnFen: balances.withdrawn,
    debtFen: balances.debt,
    withdrawal: rules.withdrawal,
    freeze: distributor?.freeze ? { reason: distributor.freeze.reason, at: distributor.freeze.at } : null,
    grade,
  };
}

export async function ledgerEntries(openid: string, page: number, pageSize: number): Promise<LedgerEntryView[]> {
  const entries = await listDocs<LedgerEntryDoc>(
    db()
      .collection(COLLECTIONS.ledgerEntries)
      .where({ distributorId: openid })
      .orderBy('at', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize),
  );
  return entries.map(({ _id, kind, amountFen, deltas, at, orderId, withdrawalId, feeFen }) => ({
    id: _id,
    kind,
    amountFen,
    deltas,
    at,
    orderId: orderId ?? null,
    withdrawalId: withdrawalId ?? null,
    feeFen: feeFen ?? null,
  }));
}

/** "settles 12-05, 7 days after receipt" — a date in China time, and why it is that date. */
function settleExplanation(
  commission: CommissionDoc,
  order: OrderDoc | null,
  freezeDays: number,
): Pick<FrozenCommission, 'settleDate' | 'why'> {
  if (commission.settleAt === null || !order?.receivedAt) {
    return { settleDate: null, why: `确认收货后 ${freezeDays} 天结算（售后期）` };
  }
  const date = chinaMonthDay(commission.settleAt);
  const receivedOn = chinaMonthDay(order.receivedAt);
  return { settleDate: date, why: `${date} 结算：${receivedOn} 确认收货后 ${freezeDays} 天售后期结束` };
}

export async function frozenCommissions(openid: string, page: number, pageSize: number): Promise<FrozenCommission[]> {
  const commissions = await listDocs<CommissionDoc>(
    db()
      .collection(COLLECTIONS.commissions)
      .where({ beneficiaryId: openid, status: 'frozen' })
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize),
  );
  const orders = new Map<string, OrderDoc | null>();
  const rules = new Map<number, number>();
  const rows: FrozenCommission[] = [];
  for (const commission of commissions) {
    if (!orders.has(commission.orderId))
      orders.set(commission.orderId, await getDoc<OrderDoc>(COLLECTIONS.orders, commission.orderId));
    if (!rules.has(commission.ruleVersion))
      rules.set(commission.ruleVersion, (await rulesOfVersion(commission.ruleVersion)).freezeDays);
    const order = orders.get(commission.orderId) ?? null;
    rows.push({
      commissionId: commission._id,
      orderId: commission.orderId,
      level: commission.level,
      amountFen: commission.amountFen - commission.reversedFen,
      settleAt: commission.settleAt,
      ...settleExplanation(commission, order, rules.get(commission.ruleVersion) ?? 7),
    });
  }
  return rows;
}

/**
 * How one shopper appears to another: a masked nickname (`张*`) or 微信用户. Never any piece of an openid: it is
 * the shopper's identity towards the platform and must not leave the server for someone else's screen.
 */
function displayName(user: Pick<UserDoc, 'nickname'> | undefined): string {
  return publicNickname(user?.nickname);
}

export async function team(openid: string, level: TeamLevel, page: number, pageSize: number): Promise<TeamPage> {
  const _ = db().command;
  const users = db().collection(COLLECTIONS.users);
  let inviters = [openid];
  if (level === 2) {
    const direct = await listDocs<UserDoc>(users.where({ inviterOpenid: openid }).field({ _id: true }).limit(1000));
    inviters = direct.map((user) => user._id);
    if (inviters.length === 0) return { members: [], total: 0 };
  }
  const filter = { inviterOpenid: level === 1 ? openid : _.in(inviters) };
  const [members, counted] = await Promise.all([
    listDocs<UserDoc>(
      users
        .where(filter)
        .orderBy('boundAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize),
    ),
    users.where(filter).count() as Promise<{ total: number }>,
  ]);
  // Nickname and join date only: a distributor never sees their team's personal data or purchases.
  return {
    members: members.map((member) => ({ nickname: displayName(member), joinedAt: member.boundAt })),
    total: counted.total,
  };
}

/**
 * The top 20 by what they earned, read from the `earned` index on the maintained `earnedFen` (postEntries writes it
 * with the buckets): 20 documents whatever the number of distributors. Ties go by `_id`.
 */
export async function ranking(openid: string): Promise<RankingRow[]> {
  const top = await listDocs<BalanceDoc>(
    db().collection(COLLECTIONS.balances).orderBy('earnedFen', 'desc').orderBy('_id', 'asc').limit(20),
  );
  const _ = db().command;
  const users = await listDocs<UserDoc>(
    db()
      .collection(COLLECTIONS.users)
      .where({ _id: _.in(top.map((row) => row._id)) })
      .limit(20),
  );
  const byId = new Map(users.map((user) => [user._id, user]));
  return top.map((row, index) => ({
    rank: index + 1,
    nickname: displayName(byId.get(row._id)),
    // A document from before earnedFen was kept (until backfill:earned) shows its buckets' sum.
    earnedFen: (row.earnedFen as number | undefined) ?? earnedOf(balancesOf(row)),
    isMe: row._id === openid,
  }));
}

export async function withdrawals(openid: string, page: number, pageSize: number): Promise<WithdrawalView[]> {
  const rows = await listDocs<WithdrawalDoc>(
    db()
      .collection(COLLECTIONS.withdrawals)
      .where({ openid })
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize),
  );
  return rows.map(({ _id, amountFen, feeFen, netFen, status, createdAt, rejectReason, paidAt, taxFen, transfer }) => ({
    withdrawalId: _id,
    amountFen,
    feeFen,
    netFen,
    status,
    createdAt,
    rejectReason: rejectReason ?? null,
    paidAt: paidAt ?? null,
    taxFen: taxFen ?? 0,
    // A 商家转账 bill waiting for the distributor to confirm it in WeChat (wx.requestMerchantTransfer).
    awaitingConfirmation: status === 'approved' && transfer?.state === 'WAIT_USER_CONFIRM',
  }));
}

export async function materials(): Promise<Material[]> {
  return listDocs<MaterialDoc>(db().collection(COLLECTIONS.materials).orderBy('sort', 'desc').limit(100));
}
