/**
 * 个税报表: one month's payouts per person (masked name and ID number, income, tax withheld) with totals, for the
 * merchant's 劳务报酬 filing, and the same report as CSV.
 */
import { defineComponent, onMounted, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { DatePicker } from 'tdesign-vue-next/es/date-picker';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { api } from '../../api';
import type { TaxReport as Report, TaxReportRow } from '../../api-types';
import { yuan } from '../../format';
import { messageOf } from '../../ui/errors';
import { useCsvExport } from '../../ui/filters';

/** This month in China time, `YYYY-MM`. */
function currentChinaMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

const columns: PrimaryTableCol<TableRowData>[] = [
  { colKey: 'name', title: '姓名', cell: (_h, { row }) => (row as TaxReportRow).name },
  { colKey: 'idNumberMasked', title: '身份证号', cell: (_h, { row }) => (row as TaxReportRow).idNumberMasked },
  {
    colKey: 'incomeFen',
    title: '本月收入额',
    align: 'right',
    cell: (_h, { row }) => <span class="money">{yuan((row as TaxReportRow).incomeFen)}</span>,
  },
  {
    colKey: 'taxFen',
    title: '已预扣个税',
    align: 'right',
    cell: (_h, { row }) => <span class="money">{yuan((row as TaxReportRow).taxFen)}</span>,
  },
  {
    colKey: 'payouts',
    title: '打款笔数',
    align: 'right',
    cell: (_h, { row }) => String((row as TaxReportRow).payouts),
  },
];

export const TaxReport = defineComponent(() => {
  const month = ref(currentChinaMonth());
  const report = ref<Report | null>(null);
  const loading = ref(false);
  const error = ref('');

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      report.value = await api.taxReport(month.value);
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }
  onMounted(load);

  const exportButton = useCsvExport(() => api.exportTaxReport(month.value));

  return () => (
    <div class="panel" data-testid="tax-report">
      <div class="filters">
        <DatePicker
          mode="month"
          value={month.value}
          valueType="YYYY-MM"
          format="YYYY-MM"
          onChange={(value) => {
            month.value = String(value ?? '') || currentChinaMonth();
            void load();
          }}
        />
        {exportButton()}
      </div>
      {error.value ? (
        <p class="dialog-error">
          {error.value}{' '}
          <Button variant="text" onClick={() => void load()}>
            重试
          </Button>
        </p>
      ) : (
        <Table
          rowKey="openid"
          data={(report.value?.rows ?? []) as unknown as TableRowData[]}
          columns={columns}
          loading={loading.value}
          empty="本月没有代扣个税的打款"
          data-testid="tax-report-table"
        />
      )}
      {report.value ? (
        <p data-testid="tax-report-totals">
          合计：收入额 <strong class="money">{yuan(report.value.totals.incomeFen)}</strong>，已预扣个税{' '}
          <strong class="money">{yuan(report.value.totals.taxFen)}</strong>
        </p>
      ) : null}
      <p class="muted">所得项目为劳务报酬所得；仅含开启代扣个税后打款的提现。姓名与证件号已脱敏。</p>
    </div>
  );
});
