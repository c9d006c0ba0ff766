/**
 * Distributors' withdrawal requests for owner and finance: approve or reject (the held amount goes back), then
 * mark paid with the payout reference, or record a failed payout and retry it. Each step asks for confirmation.
 */
import { defineComponent, onMounted, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Tabs, TabPanel } from 'tdesign-vue-next/es/tabs';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { WITHDRAWAL_STATUS } from '../../../contract/src/labels';
import { api, type WithdrawalFilter } from '../api';
import type { WithdrawalDoc } from '../api-types';
import { dateTime, dayOrUndefined, yuan } from '../format';
import { location } from '../hash-location';
import { askText, confirmAction } from '../ui/dialogs';
import { textField } from '../ui/fields';
import { ListTable } from '../ui/ListTable';
import { showSuccess } from '../ui/notify';
import { dateRangeFilter, statusFilter, useCsvExport } from '../ui/filters';
import { useKeysetList } from '../ui/keyset';
import { PersonCell, type People } from '../ui/PersonCell';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { PayoutSettingsPanel } from './withdrawals/PayoutSettingsPanel';
import { TaxReport } from './withdrawals/TaxReport';

interface Filters {
  status: string;
  openid: string;
  range: string[];
}

function withdrawalFilter(filters: Filters): WithdrawalFilter {
  return {
    status: filters.status || undefined,
    openid: filters.openid.trim() || undefined,
    from: dayOrUndefined(filters.range[0]),
    to: dayOrUndefined(filters.range[1]),
  };
}

function Amounts(props: { withdrawal: WithdrawalDoc; people?: People }) {
  const { withdrawal } = props;
  return (
    <ul class="amounts">
      <li>
        分销员：
        <PersonCell openid={withdrawal.openid} people={props.people} />
      </li>
      <li>申请金额：{yuan(withdrawal.amountFen)}</li>
      <li>手续费：{yuan(withdrawal.feeFen)}</li>
      {withdrawal.taxFen ? <li>代扣个税：{yuan(withdrawal.taxFen)}</li> : null}
      {withdrawal.approvedBy ? <li>审核人：{withdrawal.approvedBy}</li> : null}
      <li>
        实付金额：<strong>{yuan(withdrawal.netFen)}</strong>
      </li>
    </ul>
  );
}

export default defineComponent(() => {
  const list = useKeysetList<WithdrawalDoc, Filters>(
    (filters, paging) => api.withdrawals({ ...withdrawalFilter(filters), ...paging }),
    {
      status: location.query.status ?? 'requested',
      openid: location.query.openid ?? '',
      range: [],
    },
  );
  onMounted(list.load);
  const tab = ref<'queue' | 'tax' | 'settings'>('queue');

  async function run<T>(step: Promise<T | undefined>, done: string): Promise<void> {
    if (await step) {
      showSuccess(done);
      await list.load();
    }
  }

  const approve = (w: WithdrawalDoc) =>
    run(
      confirmAction({
        header: '通过提现申请',
        confirmText: '通过',
        body: () => (
          <div>
            <Amounts withdrawal={w} people={list.people.value} />
            <p>通过后进入待打款；请在完成打款后标记已打款并填写打款凭证。</p>
          </div>
        ),
        action: () => api.approveWithdrawal(w._id),
      }),
      '已通过，待打款',
    );

  const reject = (w: WithdrawalDoc) =>
    run(
      askText({
        header: '拒绝提现申请',
        label: '拒绝原因',
        placeholder: '分销员会看到这个原因',
        confirmText: '拒绝',
        danger: true,
        multiline: true,
        note: () => (
          <div>
            <Amounts withdrawal={w} people={list.people.value} />
            <p>拒绝后，冻结的 {yuan(w.amountFen)} 退回分销员的可提现余额。</p>
          </div>
        ),
        action: (reason) => api.rejectWithdrawal(w._id, reason),
      }),
      '已拒绝，金额已退回可提现余额',
    );

  const markPaid = (w: WithdrawalDoc) =>
    run(
      askText({
        header: '标记已打款',
        label: '打款凭证',
        placeholder: '银行流水号或企业付款单号',
        confirmText: `确认已打款 ${yuan(w.netFen)}`,
        maxLength: 64,
        note: () => (
          <div>
            <Amounts withdrawal={w} people={list.people.value} />
            <p>请确认已向分销员实际打款 {yuan(w.netFen)}。标记后不可撤销。</p>
            <p class="muted">金额较大的提现需由审核人以外的另一位财务或店主标记打款（阈值见打款设置）。</p>
          </div>
        ),
        action: (reference) => api.markWithdrawalPaid(w._id, reference),
      }),
      '已标记为已打款',
    );

  const fail = (w: WithdrawalDoc) =>
    run(
      askText({
        header: '记录打款失败',
        label: '失败原因',
        placeholder: '例如：收款账户信息有误',
        confirmText: '记录失败',
        danger: true,
        note: () => <Amounts withdrawal={w} people={list.people.value} />,
        action: (reason) => api.failWithdrawal(w._id, reason),
      }),
      '已记录打款失败',
    );

  const retry = (w: WithdrawalDoc) =>
    run(
      confirmAction({
        header: '重新打款',
        confirmText: '重新进入待打款',
        body: () => (
          <div>
            <Amounts withdrawal={w} people={list.people.value} />
            <p>上次失败原因：{w.failureReason ?? '—'}。确认问题已解决后重新进入待打款。</p>
          </div>
        ),
        action: () => api.retryWithdrawal(w._id),
      }),
      '已重新进入待打款',
    );

  const exportButton = useCsvExport(() => api.exportWithdrawals(withdrawalFilter(list.filters)));

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'createdAt', title: '申请时间', cell: (_h, { row }) => dateTime((row as WithdrawalDoc).createdAt) },
    {
      colKey: 'openid',
      title: '分销员',
      cell: (_h, { row }) => <PersonCell openid={(row as WithdrawalDoc).openid} people={list.people.value} />,
    },
    {
      colKey: 'amountFen',
      title: '申请金额',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as WithdrawalDoc).amountFen)}</span>,
    },
    {
      colKey: 'feeFen',
      title: '手续费',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as WithdrawalDoc).feeFen)}</span>,
    },
    {
      colKey: 'taxFen',
      title: '代扣个税',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as WithdrawalDoc).taxFen ?? 0)}</span>,
    },
    {
      colKey: 'netFen',
      title: '实付',
      align: 'right',
      cell: (_h, { row }) => <strong class="money">{yuan((row as WithdrawalDoc).netFen)}</strong>,
    },
    {
      colKey: 'status',
      title: '状态',
      cell: (_h, { row }) => <StatusTag labels={WITHDRAWAL_STATUS} value={(row as WithdrawalDoc).status} />,
    },
    {
      colKey: 'note',
      title: '处理信息',
      cell: (_h, { row }) => {
        const w = row as WithdrawalDoc;
        const lines = [
          w.approvedBy ? `审核 ${w.approvedBy} ${dateTime(w.approvedAt)}` : '',
          w.paidBy ? `打款 ${w.paidBy} ${dateTime(w.paidAt)}` : '',
          !w.approvedBy && w.decidedBy ? `${w.decidedBy} ${dateTime(w.decidedAt)}` : '',
          w.payoutReference ? `凭证 ${w.payoutReference}` : '',
          w.rejectReason ? `拒绝：${w.rejectReason}` : '',
          w.failureReason ? `失败：${w.failureReason}` : '',
        ].filter(Boolean);
        return <span class="muted">{lines.join('；') || '—'}</span>;
      },
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) => {
        const w = row as WithdrawalDoc;
        switch (w.status) {
          case 'requested':
            return (
              <span class="row-actions">
                <Button size="small" theme="primary" onClick={() => void approve(w)}>
                  通过
                </Button>
                <Button size="small" theme="danger" variant="outline" onClick={() => void reject(w)}>
                  拒绝
                </Button>
              </span>
            );
          case 'approved':
            return (
              <span class="row-actions">
                <Button size="small" theme="primary" onClick={() => void markPaid(w)}>
                  标记已打款
                </Button>
                <Button size="small" theme="danger" variant="text" onClick={() => void fail(w)}>
                  打款失败
                </Button>
              </span>
            );
          case 'failed':
            return (
              <Button size="small" variant="outline" onClick={() => void retry(w)}>
                重新打款
              </Button>
            );
          default:
            return null;
        }
      },
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="提现"
        description="按申请先后排列。金额为分销员申请提现的金额，实付为扣除手续费和代扣个税后应打给分销员的金额。"
        actions={exportButton}
      />
      <Tabs value={tab.value} onChange={(value) => (tab.value = value as typeof tab.value)}>
        <TabPanel
          value="queue"
          label="提现申请"
          panel={() => (
            <div class="panel">
              <div class="filters">
                {statusFilter(list, WITHDRAWAL_STATUS, '140px')}
                {dateRangeFilter(list, '申请开始日期')}
                <Input
                  {...textField(list.filters, 'openid')}
                  placeholder="分销员 openid"
                  clearable
                  onEnter={() => void list.search()}
                  style="width:220px"
                />
                <Button onClick={() => void list.search()}>查询</Button>
              </div>
              <ListTable list={list} columns={columns} emptyText="没有符合条件的提现申请" testId="withdrawals-table" />
            </div>
          )}
        />
        <TabPanel value="tax" label="个税报表" panel={() => <TaxReport />} />
        <TabPanel value="settings" label="打款设置" panel={() => <PayoutSettingsPanel />} />
      </Tabs>
    </div>
  );
});
