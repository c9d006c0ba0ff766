/**
 * CSV exports for the finance books: every commission line (who earns what from which order, its terms, what
 * refunds took back, when it settles) and every distributor with their balances. Like the orders and withdrawals
 * exports: one call, refused up front past the export limit, yuan from integer fen, China time.
 */
import { z } from 'zod';
import {
  chinaDate,
  COMMISSION_STATES,
  COMMISSION_STATUS,
  DISTRIBUTOR_STATES,
  DISTRIBUTOR_STATUS,
  formatPercent,
} from '../../../contract/src';
import { db } from '../../_shared/platform/cloud';
import { listDocs } from '../../_shared/platform/documents';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { CommissionDoc } from '../../_shared/store/commissions';
import type { DistributorDoc } from '../../_shared/store/distributors';
import { balancesOf, type BalanceDoc } from '../../_shared/store/ledger';
import { chinaTimeCell, toCsv, yuan, type Cell } from '../csv';
import { CsvFile } from '../http';
import { createdWithin, exportRows, MAX_PER_GET } from '../queries';
import { handler } from '../router';
import { instantSchema } from '../schemas';

const openidSchema = z.string().trim().min(1).max(64);

const commissionFilterQuery = {
  status: z.enum(COMMISSION_STATES).optional(),
  distributor: openidSchema.optional(),
  order: z.string().trim().min(1).max(64).optional(),
  from: instantSchema('start').optional(),
  to: instantSchema('end').optional(),
};

const COMMISSION_COLUMNS = [
  '佣金编号',
  '订单号',
  '分销员',
  '层级',
  '买家',
  '商品',
  '数量',
  '计佣金额(元)',
  '佣金规则',
  '佣金(元)',
  '已冲回(元)',
  '实得(元)',
  '状态',
  '产生时间',
  '预计结算时间',
  '结算时间',
  '规则版本',
];

function termsText(terms: CommissionDoc['terms']): string {
  return terms.kind === 'rate' ? formatPercent(terms.rateBp) : `每件 ${yuan(terms.perUnitFen)} 元`;
}

function commissionRow(doc: CommissionDoc): Cell[] {
  return [
    doc._id,
    doc.orderId,
    doc.beneficiaryId,
    doc.level,
    doc.buyerOpenid,
    doc.productId,
    doc.quantity,
    yuan(doc.baseFen),
    termsText(doc.terms),
    yuan(doc.amountFen),
    yuan(doc.reversedFen),
    yuan(doc.amountFen - doc.reversedFen),
    COMMISSION_STATUS[doc.status]?.text ?? doc.status,
    chinaTimeCell(doc.createdAt),
    chinaTimeCell(doc.settleAt),
    chinaTimeCell(doc.settledAt),
    doc.ruleVersion,
  ];
}

export const exportCommissions = handler({ query: z.strictObject(commissionFilterQuery) }, async ({ query, now }) => {
  const filter: Record<string, unknown> = createdWithin(query);
  if (query.status) filter.status = query.status;
  if (query.distributor) filter.beneficiaryId = query.distributor;
  if (query.order) filter.orderId = query.order;
  const commissions = await exportRows<CommissionDoc>(COLLECTIONS.commissions, filter);
  return new CsvFile(`commissions-${chinaDate(now)}.csv`, toCsv(COMMISSION_COLUMNS, commissions.map(commissionRow)));
});

const DISTRIBUTOR_COLUMNS = [
  '分销员',
  '昵称',
  '邀请码',
  '状态',
  '风控冻结',
  '冻结原因',
  '加入时间',
  '待结算(元)',
  '可提现(元)',
  '提现中(元)',
  '已提现(元)',
  '欠款(元)',
];

/** Balance documents of `openids`, read by id a page at a time (never one query per distributor). */
async function balancesByOpenid(openids: string[]): Promise<Map<string, BalanceDoc>> {
  const _ = db().command;
  const found = new Map<string, BalanceDoc>();
  for (let i = 0; i < openids.length; i += MAX_PER_GET) {
    const ids = openids.slice(i, i + MAX_PER_GET);
    const docs = await listDocs<BalanceDoc>(
      db()
        .collection(COLLECTIONS.balances)
        .where({ _id: _.in(ids) })
        .limit(MAX_PER_GET),
    );
    for (const doc of docs) found.set(doc._id, doc);
  }
  return found;
}

function distributorRow(doc: DistributorDoc, balance: BalanceDoc | undefined): Cell[] {
  const { frozen, available, held, withdrawn, debt } = balancesOf(balance ?? null);
  return [
    doc._id,
    // The applicant's name is sealed; an export opens nothing in bulk (the list screen shows it masked, one page).
    doc.nickname ?? '',
    doc.inviteCode,
    DISTRIBUTOR_STATUS[doc.status]?.text ?? doc.status,
    doc.freeze ? '是' : '否',
    doc.freeze?.reason ?? '',
    chinaTimeCell(doc.createdAt),
    yuan(frozen),
    yuan(available),
    yuan(held),
    yuan(withdrawn),
    yuan(debt),
  ];
}

export const exportDistributors = handler(
  {
    query: z.strictObject({
      status: z.enum(DISTRIBUTOR_STATES).optional(),
      from: instantSchema('start').optional(),
      to: instantSchema('end').optional(),
    }),
  },
  async ({ query, now }) => {
    const filter: Record<string, unknown> = createdWithin(query);
    if (query.status) filter.status = query.status;
    const distributors = await exportRows<DistributorDoc>(COLLECTIONS.distributors, filter);
    const balances = await balancesByOpenid(distributors.map((d) => d._id));
    return new CsvFile(
      `distributors-${chinaDate(now)}.csv`,
      toCsv(
        DISTRIBUTOR_COLUMNS,
        distributors.map((d) => distributorRow(d, balances.get(d._id))),
      ),
    );
  },
);
