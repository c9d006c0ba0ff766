/** Distributors' withdrawal requests: review, the payout's outcome, and the export for the finance books. */
import { z } from 'zod';
import { peopleRecord } from '../../_shared/store/people';
import { DomainError, WITHDRAWAL_STATES } from '../../../core/src';
import type { Change } from '../../_shared/workflows/change';
import {
  approveWithdrawal,
  failWithdrawal,
  markWithdrawalPaid,
  rejectWithdrawal,
  retryWithdrawal,
} from '../../_shared/workflows/withdrawals';
import { releaseTransfer } from '../../_shared/workflows/transfers';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { WithdrawalDoc } from '../../_shared/store/withdrawals';
import { recordChange } from '../audit';
import { chinaDate } from '../../../contract/src';
import { chinaTimeCell, toCsv, yuan } from '../csv';
import { CsvFile } from '../http';
import { createdWithin, exportRows, listPage, listPagingQuery, OLDEST_FIRST } from '../queries';
import { handler } from '../router';
import { instantSchema, textSchema } from '../schemas';

const withdrawalFilterQuery = {
  status: z.enum(WITHDRAWAL_STATES).optional(),
  openid: z.string().trim().min(1).max(64).optional(),
  from: instantSchema('start').optional(),
  to: instantSchema('end').optional(),
};

function withdrawalFilter(query: {
  status?: string;
  openid?: string;
  from?: number;
  to?: number;
}): Record<string, unknown> {
  const filter: Record<string, unknown> = createdWithin(query);
  if (query.status) filter.status = query.status;
  if (query.openid) filter.openid = query.openid;
  return filter;
}

/** The queue is worked in the order distributors asked. */
/**
 * Sorted by an index for every filter: `created`, `status_created`, `requester_created` (openid) and
 * `requester_status_created` (openid and status), each with the creation range on its last key. A count is exact
 * on equalities alone; with a range it would walk the range, so a keyset page gives no total then.
 */
export const listWithdrawals = handler(
  { query: z.strictObject({ ...withdrawalFilterQuery, ...listPagingQuery }) },
  async ({ query }) => {
    const page = await listPage<WithdrawalDoc>(COLLECTIONS.withdrawals, withdrawalFilter(query), OLDEST_FIRST, query, {
      exactCount: query.from === undefined && query.to === undefined,
    });
    // Who asked, as a person (nickname, masked phone) rather than an openid.
    return { ...page, people: await peopleRecord(page.items.map((withdrawal) => withdrawal.openid)) };
  },
);

/** Every decision runs the withdrawal flow and leaves an audit entry of the same shape. */
function decision<B extends z.ZodType>(
  action: string,
  body: B | undefined,
  decide: (id: string, body: z.infer<B>, actor: string, now: number) => Promise<Change<WithdrawalDoc>>,
) {
  return handler({ body }, async ({ params, body: input, actor, now }) => {
    const id = params.id as string;
    let change: Change<WithdrawalDoc>;
    try {
      change = await decide(id, input, actor.username, now);
    } catch (error) {
      // The two-operator rule refusing someone is a decision about money too: it goes in the audit log.
      if (error instanceof DomainError && error.code === 'SECOND_OPERATOR_REQUIRED') {
        await recordChange(actor, `${action}.refused`, `withdrawals/${id}`, null, error.toJSON(), now);
      }
      throw error;
    }
    const { before, after } = change;
    await recordChange(actor, action, `withdrawals/${id}`, before, after, now);
    return after;
  });
}

const reasonBody = z.strictObject({ reason: textSchema(200) });

export const approveWithdrawalRoute = decision('withdrawal.approve', undefined, (id, _body, actor, now) =>
  approveWithdrawal(id, actor, now),
);
export const rejectWithdrawalRoute = decision('withdrawal.reject', reasonBody, (id, { reason }, actor, now) =>
  rejectWithdrawal(id, reason, actor, now),
);
export const markWithdrawalPaidRoute = decision(
  'withdrawal.paid',
  z.strictObject({ payoutReference: textSchema(64) }),
  (id, { payoutReference }, actor, now) => markWithdrawalPaid(id, payoutReference, actor, now),
);
/** 商家转账: releases an approved withdrawal as a transfer bill the distributor confirms (two-operator rule). */
export const releaseTransferRoute = decision('withdrawal.transfer', undefined, (id, _body, actor, now) =>
  releaseTransfer(id, actor, now),
);
export const failWithdrawalRoute = decision('withdrawal.fail', reasonBody, (id, { reason }, actor, now) =>
  failWithdrawal(id, reason, actor, now),
);
export const retryWithdrawalRoute = decision('withdrawal.retry', undefined, (id, _body, actor, now) =>
  retryWithdrawal(id, actor, now),
);

const STATUS_LABELS: Record<WithdrawalDoc['status'], string> = {
  requested: '待审核',
  approved: '待打款',
  rejected: '已拒绝',
  paid: '已打款',
  failed: '打款失败',
};

const WITHDRAWAL_COLUMNS = [
  '提现单号',
  '分销员',
  '状态',
  '申请时间',
  '申请金额(元)',
  '手续费(元)',
  '代扣个税(元)',
  '实付金额(元)',
  '审核时间',
  '审核人',
  '打款时间',
  '打款凭证',
  '拒绝/失败原因',
  '第几次',
];

function withdrawalRow(doc: WithdrawalDoc): (string | number)[] {
  return [
    doc._id,
    doc.openid,
    STATUS_LABELS[doc.status] ?? doc.status,
    chinaTimeCell(doc.createdAt),
    yuan(doc.amountFen),
    yuan(doc.feeFen),
    yuan(doc.taxFen ?? 0),
    yuan(doc.netFen),
    chinaTimeCell(doc.decidedAt),
    doc.approvedBy ?? doc.decidedBy ?? '',
    chinaTimeCell(doc.paidAt),
    doc.payoutReference ?? '',
    doc.rejectReason ?? doc.failureReason ?? '',
    doc.attempt,
  ];
}

export const exportWithdrawals = handler({ query: z.strictObject(withdrawalFilterQuery) }, async ({ query, now }) => {
  const withdrawals = await exportRows<WithdrawalDoc>(COLLECTIONS.withdrawals, withdrawalFilter(query));
  return new CsvFile(`withdrawals-${chinaDate(now)}.csv`, toCsv(WITHDRAWAL_COLUMNS, withdrawals.map(withdrawalRow)));
});
