/** Shoppers: the member list with spend and inviter, one member's binding history, and their place in the tree. */
import { z } from 'zod';
import { findOpenidsMatching, peopleRecord } from '../../_shared/store/people';
import { DomainError, MAX_LEVELS } from '../../../core/src';
import { db } from '../../_shared/platform/cloud';
import { getDoc, listDocs } from '../../_shared/platform/documents';
import type { BindingDoc } from '../../_shared/store/bindings';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { DistributorDoc } from '../../_shared/store/distributors';
import type { UserDoc } from '../../_shared/store/users';
import { withMaskedApplication } from '../../_shared/store/personal-records';
import {
  aggregateList,
  listPage,
  listPagingQuery,
  NEWEST_FIRST,
  pageOf,
  pagingQuery,
  SOLD_ORDER_STATES,
} from '../queries';
import { handler } from '../router';
import { invitedBy, secondLevel } from '../team';

/** Members shown per level of a tree; the totals are always exact. */
const TREE_MEMBERS_SHOWN = 200;

async function spendOf(openids: string[]): Promise<Map<string, { spentFen: number; refundedFen: number }>> {
  const _ = db().command;
  const $ = _.aggregate;
  const totals = await aggregateList<{ _id: string; spentFen: number; refundedFen: number }>(
    db()
      .collection(COLLECTIONS.orders)
      .aggregate()
      .match({ buyerOpenid: _.in(openids), status: _.in(SOLD_ORDER_STATES) })
      .group({ _id: '$buyerOpenid', spentFen: $.sum('$totalFen'), refundedFen: $.sum($.ifNull(['$refundedFen', 0])) })
      .limit(openids.length),
  );
  return new Map(totals.map(({ _id, ...figures }) => [_id, figures]));
}

async function distributorStatuses(openids: string[]): Promise<Map<string, DistributorDoc['status']>> {
  const _ = db().command;
  const docs = await listDocs<DistributorDoc>(
    db()
      .collection(COLLECTIONS.distributors)
      .where({ _id: _.in(openids) })
      .limit(openids.length),
  );
  return new Map(docs.map((doc) => [doc._id, doc.status]));
}

/** A shopper document as an operator screen gets it: the sealed phone stays on the server (`people` masks it). */
function withoutPhone({ phone: _phone, ...user }: UserDoc): Omit<UserDoc, 'phone'> {
  return user;
}

/**
 * The members a query means, as a filter an index answers: no filter reads `created`; `inviter` reads
 * `inviter_created`; `q` becomes the openids the people search finds (a whole phone by its keyed hash, a nickname's
 * beginning on the `nickname` index, or an openid), at most MAX_MATCHES documents read by `_id`. A "contains"
 * search would read every shopper, so a nickname is found by its beginning.
 */
async function memberFilter(query: { q?: string; inviter?: string }): Promise<Record<string, unknown>> {
  const filter: Record<string, unknown> = {};
  if (query.q) filter._id = db().command.in(await findOpenidsMatching(query.q));
  if (query.inviter) filter.inviterOpenid = query.inviter;
  return filter;
}

export const listMembers = handler(
  {
    query: z.strictObject({
      q: z.string().trim().max(64).optional(),
      inviter: z.string().trim().min(1).max(64).optional(),
      ...listPagingQuery,
    }),
  },
  async ({ query }) => {
    // Every filter is an equality an index counts exactly (or a bounded list of ids): the total is always given.
    const page = await listPage<UserDoc>(COLLECTIONS.users, await memberFilter(query), NEWEST_FIRST, query, {
      exactCount: true,
    });
    if (page.items.length === 0) return { ...page, people: {} };
    const ids = page.items.map((user) => user._id);
    const inviters = page.items.map((user) => user.inviterOpenid);
    const [spend, statuses, people] = await Promise.all([
      spendOf(ids),
      distributorStatuses(ids),
      peopleRecord([...ids, ...inviters]),
    ]);
    return {
      ...page,
      people,
      items: page.items.map((user) => ({
        ...withoutPhone(user),
        spentFen: spend.get(user._id)?.spentFen ?? 0,
        refundedFen: spend.get(user._id)?.refundedFen ?? 0,
        distributorStatus: statuses.get(user._id) ?? null,
      })),
    };
  },
);

export const listBindings = handler({ query: z.strictObject(pagingQuery) }, async ({ params, query }) =>
  pageOf<BindingDoc>(
    COLLECTIONS.bindings,
    { openid: params.openid as string },
    { field: 'at', direction: 'desc' },
    query,
  ),
);

/** Inviters above the member (nearest first, as far as rules could ever pay) and the team two levels below. */
export const memberTree = handler({}, async ({ params }) => {
  const openid = params.openid as string;
  const [member, distributor] = await Promise.all([
    getDoc<UserDoc>(COLLECTIONS.users, openid),
    getDoc<DistributorDoc>(COLLECTIONS.distributors, openid),
  ]);
  // A distributor at the top of a tree was never invited, so may have no shopper document.
  if (!member && !distributor) throw new DomainError('NOT_FOUND', { openid }, '该用户不存在');
  const up: { openid: string; level: number; nickname: string | null }[] = [];
  const seen = new Set([openid]);
  let next = member?.inviterOpenid ?? null;
  // Stops at a loop in stored data rather than walking it forever.
  while (next && !seen.has(next) && up.length < MAX_LEVELS) {
    seen.add(next);
    const inviter = await getDoc<UserDoc>(COLLECTIONS.users, next);
    up.push({ openid: next, level: up.length + 1, nickname: inviter?.nickname ?? null });
    next = inviter?.inviterOpenid ?? null;
  }
  const level1 = await invitedBy(openid);
  const level2 = await secondLevel(level1, TREE_MEMBERS_SHOWN);
  const shown = level1.slice(0, TREE_MEMBERS_SHOWN).map(withoutPhone);
  return {
    member: member ? withoutPhone(member) : null,
    people: await peopleRecord([
      openid,
      ...up.map((row) => row.openid),
      ...shown.map((user) => user._id),
      ...level2.members.map((user) => user._id),
    ]),
    distributor: distributor ? withMaskedApplication(distributor) : null,
    up,
    down: {
      level1: { total: level1.length, members: shown },
      level2: { ...level2, members: level2.members.map(withoutPhone) },
    },
  };
});
