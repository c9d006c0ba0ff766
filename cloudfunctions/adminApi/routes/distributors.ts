/** Distributors: the list with team, sales and earnings; applications; approve, reject, disable, enable. */
import { z } from 'zod';
import { findOpenidsMatching, peopleRecord } from '../../_shared/store/people';
import { DISTRIBUTOR_STATES, distributorFiguresOf, summariseDistributor } from '../../../core/src';
import { db } from '../../_shared/platform/cloud';
import { getDoc, listDocs } from '../../_shared/platform/documents';
import { decideDistributor, type DistributorDecision } from '../../_shared/workflows/distributors';
import { freezeDistributor, unfreezeDistributor } from '../../_shared/workflows/distributor-freeze';
import { distributorRisks, RISK_DEFAULT_DAYS } from '../../_shared/workflows/distributor-risks';
import { balancesOf } from '../../_shared/store/ledger';
import { COLLECTIONS } from '../../_shared/store/collections';
import { distributorTotals, type FigureDoc } from '../../_shared/store/rollups';
import type { DistributorDoc } from '../../_shared/store/distributors';
import type { BalanceDoc } from '../../_shared/store/ledger';
import { PHONE_LOOKUP, withMaskedApplication } from '../../_shared/store/personal-records';
import { lookupHashes, normalisePhone } from '../../_shared/platform/sealing';
import { recordChange } from '../audit';
import { listPage, listPagingQuery, NEWEST_FIRST, OLDEST_FIRST, pageOf, pagingQuery } from '../queries';
import { handler } from '../router';
import { textSchema } from '../schemas';
import { teamSize } from '../team';

/**
 * Sales a distributor brought in directly (level 1) and commission earned at any level, from their all-time
 * rollup (`store/rollups.ts`): one document per row, read for the whole page at once, never an aggregation.
 * Paid GMV, refunds and net are kept apart; the refund rate is rounded by the core.
 */
function figuresOf(totals: FigureDoc | undefined) {
  const figures = summariseDistributor([distributorFiguresOf(totals)]);
  return {
    sales: {
      orders: figures.directOrders,
      salesFen: figures.directPaidFen,
      refundedFen: figures.directRefundedFen,
      netSalesFen: figures.directNetFen,
      refundRateBp: figures.refundRateBp,
    },
    commission: { accruedFen: figures.commissionAccruedFen, reversedFen: figures.commissionReversedFen },
    /** Commission earned at any level: what was accrued, less what refunds took back. */
    earnedFen: figures.commissionNetFen,
  };
}

async function withFigures(distributor: DistributorDoc, totals: FigureDoc | undefined) {
  const [team, balance] = await Promise.all([
    teamSize(distributor._id),
    getDoc<BalanceDoc>(COLLECTIONS.balances, distributor._id),
  ]);
  return { ...withMaskedApplication(distributor), team, ...figuresOf(totals), balances: balancesOf(balance) };
}

/** What one search reads at most from each index it asks: enough for a list to pick from, never a whole table. */
const SEARCH_MATCHES = 50;

/**
 * The distributors `q` means, each found on its own index and then read by `_id`: the openid typed in full, the
 * invite code (`invite_code`), the application's phone by its keyed hash (`application_phone_hash`: the phone is
 * stored only sealed) and the shopper's nickname beginning or bound phone (the people search on `users`).
 */
async function distributorsMatching(q: string): Promise<string[]> {
  const _ = db().command;
  const distributors = db().collection(COLLECTIONS.distributors);
  const only = { _id: true };
  const phone = normalisePhone(q);
  const [byCode, byPhone, people] = await Promise.all([
    listDocs<{ _id: string }>(distributors.where({ inviteCode: q.toUpperCase() }).field(only).limit(1)),
    /^1\d{10}$/.test(phone)
      ? listDocs<{ _id: string }>(
          distributors
            .where({ 'application.phoneHash': _.in(lookupHashes(PHONE_LOOKUP, phone)) })
            .field(only)
            .limit(SEARCH_MATCHES),
        )
      : [],
    findOpenidsMatching(q),
  ]);
  return [...new Set([q, ...byCode.map((doc) => doc._id), ...byPhone.map((doc) => doc._id), ...people])];
}

/**
 * No filter reads the `created` index, `status` reads `status_created`; `q` narrows to the matching openids, read
 * by `_id`. Every filter is an equality an index counts exactly, so the total is always given.
 */
async function distributorFilter(query: { status?: string; q?: string }): Promise<Record<string, unknown>> {
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.q) filter._id = db().command.in(await distributorsMatching(query.q));
  return filter;
}

export const listDistributors = handler(
  {
    query: z.strictObject({
      status: z.enum(DISTRIBUTOR_STATES).optional(),
      q: z.string().trim().max(64).optional(),
      ...listPagingQuery,
    }),
  },
  async ({ query }) => {
    const page = await listPage<DistributorDoc>(
      COLLECTIONS.distributors,
      await distributorFilter(query),
      NEWEST_FIRST,
      query,
      { exactCount: true },
    );
    const totals = await distributorTotals(page.items.map((item) => item._id));
    const [items, people] = await Promise.all([
      Promise.all(page.items.map((item) => withFigures(item, totals.get(item._id)))),
      peopleRecord(page.items.map((distributor) => distributor._id)),
    ]);
    return { ...page, items, people };
  },
);

export const listApplications = handler({ query: z.strictObject(pagingQuery) }, async ({ query }) => {
  // Oldest first: applicants wait in the order they applied.
  const page = await pageOf<DistributorDoc>(COLLECTIONS.distributors, { status: 'applied' }, OLDEST_FIRST, query);
  return {
    ...page,
    items: page.items.map(withMaskedApplication),
    people: await peopleRecord(page.items.map((distributor) => distributor._id)),
  };
});

function decide(decision: DistributorDecision) {
  const body = decision === 'reject' ? z.strictObject({ reason: textSchema(200) }) : undefined;
  return handler({ body }, async ({ params, body: input, actor, now }) => {
    const openid = params.openid as string;
    const reason = (input as { reason?: string } | undefined)?.reason;
    const { before, after } = await decideDistributor(openid, decision, actor.username, now, reason);
    await recordChange(actor, `distributor.${decision}`, `distributors/${openid}`, before, after, now);
    return withMaskedApplication(after);
  });
}

export const approveDistributor = decide('approve');
export const rejectDistributor = decide('reject');
export const disableDistributor = decide('disable');
export const enableDistributor = decide('enable');

/** 风控冻结: holds the distributor's money with a reason they can read; audited like every decision. */
export const freezeDistributorRoute = handler(
  { body: z.strictObject({ reason: textSchema(200) }) },
  async ({ params, body, actor, now }) => {
    const openid = params.openid as string;
    const { before, after } = await freezeDistributor(openid, body.reason, actor.username, now);
    await recordChange(actor, 'distributor.freeze', `distributors/${openid}`, before, after, now);
    return withMaskedApplication(after);
  },
);

/** An optional note (what the look-into found) goes to the audit entry with the lifted freeze. */
export const unfreezeDistributorRoute = handler(
  { body: z.strictObject({ reason: textSchema(200).optional() }) },
  async ({ params, body, actor, now }) => {
    const openid = params.openid as string;
    const { before, after } = await unfreezeDistributor(openid, actor.username, now, body.reason);
    if (before.freeze) await recordChange(actor, 'distributor.unfreeze', `distributors/${openid}`, before, after, now);
    return withMaskedApplication(after);
  },
);

/** 风控名单: self-purchase, shared phones and refund-heavy distributors among the last `days` of paid orders. */
export const listDistributorRisks = handler(
  { query: z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(RISK_DEFAULT_DAYS) }) },
  async ({ query, now }) => distributorRisks(now, query.days),
);
