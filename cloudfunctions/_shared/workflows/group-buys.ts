/**
 * Group buying (拼团). An order with `groupBuy` is priced at the group price; paying it opens its group (no groupId
 * given: the group's id derives from the order) or joins the one named. Membership is taken at payment by one
 * conditional update of the group (`paidCount < size`, this order not yet a member), so however many pay at once
 * a group never has more than `size` paid members; the payment that fills it marks the group and its orders
 * succeeded (only then may they ship). A payment that finds its group full, failed or expired opens a new group
 * when the campaign says so, else is refunded at once. A timer fails groups whose time ran out and refunds every
 * member through the normal refund path (after-sales approved by the system; the refund callback, which asks
 * WeChat Pay, puts stock back and reverses commissions).
 */
import { DomainError } from '../../../core/src';
import type { GroupView } from '../../../contract/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs, updatedCount } from '../platform/documents';
import { stableId } from '../platform/ids';
import { publicNickname } from '../platform/masks';
import { isDuplicateKey } from '../platform/transactions';
import { COLLECTIONS } from '../store/collections';
import type { GroupBuyDoc, GroupDoc, OrderGroupBuy } from '../store/marketing';
import type { OrderDoc } from '../store/orders';
import type { ProductDoc } from '../store/products';
import type { UserDoc } from '../store/users';
import type { AfterSaleDoc } from '../store/after-sales';
import { approveAfterSale, openMerchantRefund } from './refunds';

const HOUR_MS = 3_600_000;
const SYSTEM_ACTOR = 'system:groupBuy';
export const GROUP_FAILED_REFUND_REASON = '拼团未成功，货款原路退回';
const GROUP_OVERFLOW_REFUND_REASON = '该团已满员，货款原路退回';

/** The group an order opens when it names none: one per order, so a retried placeOrder opens the same group. */
export const groupIdForOpener = (orderId: string) => `g${stableId('group', orderId)}`;

/**
 * Checks, when an order is placed, that the group can be joined (or a new one opened), and answers what the order
 * records. The decisive check is at payment; this one spares a shopper paying for a group that is already over.
 */
export async function groupBuyForNewOrder(
  openid: string,
  orderId: string,
  request: { campaignId: string; groupId?: string },
  now: number,
): Promise<OrderGroupBuy & { joined: boolean }> {
  if (request.groupId === undefined)
    return { campaignId: request.campaignId, groupId: groupIdForOpener(orderId), status: 'pending', joined: false };
  const group = await getDoc<GroupDoc>(COLLECTIONS.groups, request.groupId);
  if (!group || group.campaignId !== request.campaignId)
    throw new DomainError('NOT_FOUND', { groupId: request.groupId }, '该团不存在');
  const already = Object.values(group.members).some((member) => member.openid === openid);
  if (group.status !== 'open' || group.expiresAt <= now || group.paidCount >= group.size || already)
    throw new DomainError('GROUP_NOT_JOINABLE', { groupId: request.groupId });
  return { campaignId: request.campaignId, groupId: group._id, status: 'pending', joined: false };
}

/** After a payment is recorded: the order takes its place in its group (once), or overflows. Safe to repeat. */
export async function joinGroupOnPayment(order: OrderDoc, now: number): Promise<void> {
  const groupBuy = order.groupBuy;
  if (!groupBuy || groupBuy.joined) return;
  const campaign = await getDoc<GroupBuyDoc>(COLLECTIONS.groupBuys, groupBuy.campaignId);
  if (!campaign) throw new Error(`group-buy campaign ${groupBuy.campaignId} vanished`);
  let groupId = groupBuy.groupId;
  if (groupId === groupIdForOpener(order._id)) await openGroup(campaign, groupId, order, now);
  let joined = await takePlace(groupId, order, now);
  if (!joined && campaign.overflowOpensNewGroup && groupId !== groupIdForOpener(order._id)) {
    groupId = groupIdForOpener(order._id);
    await openGroup(campaign, groupId, order, now);
    joined = await takePlace(groupId, order, now);
  }
  const orders = db().collection(COLLECTIONS.orders);
  if (!joined) {
    await orders.doc(order._id).update({ data: { groupBuy: { ...groupBuy, status: 'overflow', joined: true } } });
    await refundWholeOrder(order._id, GROUP_OVERFLOW_REFUND_REASON, now);
    return;
  }
  await orders.doc(order._id).update({ data: { groupBuy: { ...groupBuy, groupId, joined: true } } });
  await succeedIfFull(groupId, now);
}

async function openGroup(campaign: GroupBuyDoc, groupId: string, order: OrderDoc, now: number): Promise<void> {
  const group: GroupDoc = {
    _id: groupId,
    campaignId: campaign._id,
    productId: campaign.productId,
    leaderOpenid: order.buyerOpenid,
    status: 'open',
    size: campaign.size,
    paidCount: 0,
    members: {},
    openedAt: now,
    expiresAt: now + campaign.hours * HOUR_MS,
  };
  try {
    await db().collection(COLLECTIONS.groups).add({ data: group });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** One conditional update: a place while the group is open, unexpired and below its size; true if this order has one. */
async function takePlace(groupId: string, order: OrderDoc, now: number): Promise<boolean> {
  const _ = db().command;
  const groups = db().collection(COLLECTIONS.groups);
  const member = `members.${order._id}`;
  const taken = await groups
    .where({
      _id: groupId,
      status: 'open',
      expiresAt: _.gt(now),
      paidCount: _.lt(await sizeOf(groupId)),
      [member]: _.exists(false),
    })
    .update({ data: { paidCount: _.inc(1), [member]: { openid: order.buyerOpenid, paidAt: now } } });
  if (updatedCount(taken) === 1) return true;
  const { total } = (await groups.where({ _id: groupId, [member]: _.exists(true) }).count()) as { total: number };
  return total === 1;
}

async function sizeOf(groupId: string): Promise<number> {
  const group = await getDoc<GroupDoc>(COLLECTIONS.groups, groupId);
  return group?.size ?? 0;
}

/** open → succeeded once `size` have paid; then every member order may ship. Safe to repeat. */
async function succeedIfFull(groupId: string, now: number): Promise<void> {
  const group = await getDoc<GroupDoc>(COLLECTIONS.groups, groupId);
  if (!group || group.paidCount < group.size) return;
  if (group.status === 'open')
    await db()
      .collection(COLLECTIONS.groups)
      .where({ _id: groupId, status: 'open' })
      .update({ data: { status: 'succeeded', succeededAt: now } });
  const after = await getDoc<GroupDoc>(COLLECTIONS.groups, groupId);
  if (after?.status !== 'succeeded') return;
  for (const orderId of Object.keys(after.members)) {
    await db()
      .collection(COLLECTIONS.orders)
      .where({ _id: orderId, 'groupBuy.status': 'pending' })
      .update({ data: { 'groupBuy.status': 'succeeded' } });
  }
}

/** Every unit of every line back through the normal refund path, opened and approved by the system. */
async function refundWholeOrder(orderId: string, reason: string, now: number): Promise<void> {
  const order = await getDoc<OrderDoc>(COLLECTIONS.orders, orderId);
  if (!order) return;
  const earlier = await listDocs<AfterSaleDoc>(
    db().collection(COLLECTIONS.afterSales).where({ orderId, requestId: 'group-buy-refund' }).limit(100),
  );
  if (earlier.length > 0) {
    // A retry: ask WeChat Pay again for refunds approved but not yet completed (same outRefundNo, paid once).
    for (const afterSale of earlier)
      if (afterSale.status === 'approved') await approveAfterSale(afterSale._id, SYSTEM_ACTOR, now);
    return;
  }
  await openMerchantRefund(
    {
      orderId,
      lines: order.lines.map((line) => ({ line: line.line, quantity: line.quantity - line.refundedQuantity })),
      reason,
      requestId: 'group-buy-refund',
    },
    SYSTEM_ACTOR,
    now,
  );
}

/**
 * Timer work: groups whose time ran out fail (a full one that was not yet marked succeeds instead), their orders
 * are refunded; paid group orders whose join was interrupted are joined now.
 */
export async function sweepGroups(
  now: number,
  deadline: number,
): Promise<{ failed: number; refunded: number; joined: number }> {
  const _ = db().command;
  let failed = 0;
  let refunded = 0;
  let joined = 0;
  const stuck = await listDocs<OrderDoc>(
    db()
      .collection(COLLECTIONS.orders)
      .where({ status: 'paid', 'groupBuy.joined': false, paidAt: _.lte(now - 60_000) })
      .limit(50),
  );
  for (const order of stuck) {
    if (Date.now() >= deadline) break;
    await joinGroupOnPayment(order, now);
    joined++;
  }
  while (Date.now() < deadline) {
    const due = await listDocs<GroupDoc>(
      db()
        .collection(COLLECTIONS.groups)
        .where({ status: _.in(['open', 'failed']), expiresAt: _.lte(now) })
        .orderBy('expiresAt', 'asc')
        .limit(50),
    );
    const work = due.filter((group) => group.status === 'open' || !group.refundsDone);
    if (work.length === 0) break;
    for (const group of work) {
      if (Date.now() >= deadline) break;
      if (group.paidCount >= group.size) {
        await succeedIfFull(group._id, now);
        continue;
      }
      if (group.status === 'open') {
        const moved = await db()
          .collection(COLLECTIONS.groups)
          .where({ _id: group._id, status: 'open', paidCount: _.lt(group.size) })
          .update({ data: { status: 'failed', failedAt: now } });
        if (updatedCount(moved) !== 1) continue;
        failed++;
      }
      for (const orderId of Object.keys(group.members)) {
        await db()
          .collection(COLLECTIONS.orders)
          .where({ _id: orderId, 'groupBuy.status': 'pending' })
          .update({ data: { 'groupBuy.status': 'failed' } });
        await refundWholeOrder(orderId, GROUP_FAILED_REFUND_REASON, now);
        refunded++;
      }
      await db()
        .collection(COLLECTIONS.groups)
        .doc(group._id)
        .update({ data: { refundsDone: true } });
    }
  }
  return { failed, refunded, joined };
}

/** A group as anyone with its id sees it (the share card's page). */
export async function groupView(openid: string, groupId: string, now: number): Promise<GroupView> {
  const group = await getDoc<GroupDoc>(COLLECTIONS.groups, groupId);
  if (!group) throw new DomainError('NOT_FOUND', { groupId }, '该团不存在');
  const [campaign, product] = await Promise.all([
    getDoc<GroupBuyDoc>(COLLECTIONS.groupBuys, group.campaignId),
    getDoc<ProductDoc>(COLLECTIONS.products, group.productId),
  ]);
  const members = Object.values(group.members).sort((a, b) => a.paidAt - b.paidAt);
  const _ = db().command;
  const users =
    members.length === 0
      ? []
      : await listDocs<UserDoc>(
          db()
            .collection(COLLECTIONS.users)
            .where({ _id: _.in(members.map((m) => m.openid)) })
            .limit(members.length),
        );
  const nickname = new Map(users.map((user) => [user._id, user.nickname]));
  return {
    groupId: group._id,
    campaignId: group.campaignId,
    productId: group.productId,
    title: campaign?.title ?? product?.title ?? '',
    image: product?.images[0] ?? null,
    groupPriceFen: campaign?.groupPriceFen ?? 0,
    status: group.status,
    size: group.size,
    paidMembers: group.paidCount,
    members: members.map((m) => ({
      name: publicNickname(nickname.get(m.openid)),
      isLeader: m.openid === group.leaderOpenid,
    })),
    expiresAt: group.expiresAt,
    remainingMs: group.status === 'open' ? Math.max(0, group.expiresAt - now) : 0,
    isMember: members.some((m) => m.openid === openid),
  };
}
