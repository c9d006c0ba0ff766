/**
 * How money leaves the shop: the payout settings (two-operator threshold, income-tax withholding, channel) and the
 * monthly income-tax report for the merchant's filing (per person: name, masked ID number, income, tax withheld),
 * as JSON and CSV. Registered in routes.ts by spreading PAYOUT_ROUTES.
 */
import type { TaxReportRow } from '../../../contract/src';
import { z } from 'zod';
import { chinaDayStartOf, ROLE_GROUPS } from '../../../contract/src';
import { db } from '../../_shared/platform/cloud';
import { withoutId } from '../../_shared/platform/documents';
import { COLLECTIONS } from '../../_shared/store/collections';
import { loadPayee, maskIdNumber } from '../../_shared/store/payees';
import { PAYOUT_CHANNELS, payoutSettings, type PayoutSettingsDoc } from '../../_shared/store/payout-settings';
import type { WithdrawalDoc } from '../../_shared/store/withdrawals';
import { maskName } from '../../_shared/platform/masks';
import { recordChange } from '../audit';
import { toCsv, yuan } from '../csv';
import { CsvFile } from '../http';
import { allMatching } from '../queries';

/** One month's paid withdrawals is far below this; the cap only bounds a runaway read. */
const MONTH_REPORT_LIMIT = 100_000;
import { handler, route, type RouteEntry } from '../router';
import { fenSchema } from '../schemas';

const { owner: OWNER, finance: FINANCE } = ROLE_GROUPS;

export const getPayoutSettings = handler({}, async () => payoutSettings());

export const updatePayoutSettings = handler(
  {
    body: z.strictObject({
      secondOperatorAboveFen: fenSchema.optional(),
      taxWithholding: z.boolean().optional(),
      channel: z.enum(PAYOUT_CHANNELS).optional(),
    }),
  },
  async ({ body, actor, now }) => {
    const before = await payoutSettings();
    const after: PayoutSettingsDoc = { ...before, ...body };
    await db()
      .collection(COLLECTIONS.settings)
      .doc('payouts')
      .set({ data: withoutId(after) });
    await recordChange(actor, 'settings.payouts', 'settings/payouts', before, after, now);
    return after;
  },
);

const monthQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM'),
});

function monthBounds(month: string): { start: number; end: number } {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const next = mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
  return { start: chinaDayStartOf(`${month}-01`) as number, end: chinaDayStartOf(`${next}-01`) as number };
}

/**
 * Paid withdrawals taxed in the month (the month their income counts in), summed per person. Withdrawals paid
 * while withholding was off have no `taxedAt` and are not in the report.
 */
async function taxReport(
  month: string,
): Promise<{ month: string; rows: TaxReportRow[]; totals: { incomeFen: number; taxFen: number } }> {
  const { start, end } = monthBounds(month);
  const _ = db().command;
  const paid = await allMatching<WithdrawalDoc>(
    COLLECTIONS.withdrawals,
    { status: 'paid', taxedAt: _.gte(start).and(_.lt(end)) },
    MONTH_REPORT_LIMIT,
  );
  const byPerson = new Map<string, TaxReportRow>();
  for (const withdrawal of paid) {
    const row = byPerson.get(withdrawal.openid) ?? {
      openid: withdrawal.openid,
      name: '未登记',
      idNumberMasked: '未登记',
      incomeFen: 0,
      taxFen: 0,
      payouts: 0,
    };
    row.incomeFen += withdrawal.amountFen;
    row.taxFen += withdrawal.taxFen ?? 0;
    row.payouts += 1;
    byPerson.set(withdrawal.openid, row);
  }
  const rows = [...byPerson.values()].sort((a, b) => a.openid.localeCompare(b.openid));
  for (const row of rows) {
    const payee = await loadPayee(row.openid);
    if (payee) {
      row.name = maskName(payee.realName);
      row.idNumberMasked = maskIdNumber(payee.idNumber);
    }
  }
  const totals = rows.reduce(
    (sum, row) => ({ incomeFen: sum.incomeFen + row.incomeFen, taxFen: sum.taxFen + row.taxFen }),
    { incomeFen: 0, taxFen: 0 },
  );
  return { month, rows, totals };
}

export const getTaxReport = handler({ query: monthQuery }, async ({ query }) => taxReport(query.month));

const TAX_COLUMNS = ['分销员', '姓名', '身份证号', '所得项目', '本月收入额(元)', '已预扣个税(元)', '打款笔数'];

export const exportTaxReport = handler({ query: monthQuery }, async ({ query }) => {
  const report = await taxReport(query.month);
  const rows = report.rows.map((row) => [
    row.openid,
    row.name,
    row.idNumberMasked,
    '劳务报酬所得',
    yuan(row.incomeFen),
    yuan(row.taxFen),
    row.payouts,
  ]);
  return new CsvFile(`income-tax-${report.month}.csv`, toCsv(TAX_COLUMNS, rows));
});

export const PAYOUT_ROUTES: readonly RouteEntry[] = [
  route('GET', '/settings/payouts', FINANCE, getPayoutSettings),
  route('PUT', '/settings/payouts', OWNER, updatePayoutSettings),
  route('GET', '/tax-report', FINANCE, getTaxReport),
  route('GET', '/tax-report.csv', FINANCE, exportTaxReport),
];
