/**
 * 风控名单: distributors whose recent orders look like commission farming (self-purchase, one phone behind several
 * accounts, many refunds), computed on the server from a bounded window of paid orders. It flags; the operator
 * decides (the 冻结 button freezes the distributor with a reason they will read).
 */
import { defineComponent, onMounted, ref, type PropType } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Tag } from 'tdesign-vue-next/es/tag';
import { formatPercent } from '../../../../contract/src/money';
import { api } from '../../api';
import type { RiskReport, RiskRow } from '../../api-types';
import { dateTime, yuan } from '../../format';
import { can } from '../../permissions';
import { messageOf } from '../../ui/errors';

const KIND_TEXT: Record<RiskRow['kind'], string> = {
  'self-purchase': '疑似自买',
  'shared-phone': '多账号同一手机号',
  'refund-heavy': '退款偏多',
};

function evidenceText(row: RiskRow): string {
  const f = row.figures;
  if (row.kind === 'self-purchase') return `${f.orders} 单为本人购买或寄往本人手机号（共 ${f.ofDirectOrders} 单）`;
  if (row.kind === 'shared-phone') return `${f.orders} 单的收货手机号被 ${f.accounts} 个账号共用`;
  return `${f.orders} 单中退款 ${yuan(f.refundedFen ?? 0)} / 实付 ${yuan(f.paidFen ?? 0)}（${formatPercent(f.refundShareBp ?? 0)}）`;
}

export const RiskList = defineComponent({
  props: { onFreeze: { type: Function as PropType<(openid: string) => void>, required: true } },
  setup(props) {
    const report = ref<RiskReport | null>(null);
    const error = ref('');
    const loading = ref(false);
    async function load(): Promise<void> {
      loading.value = true;
      error.value = '';
      try {
        report.value = await api.distributorRisks();
      } catch (e) {
        error.value = messageOf(e);
      } finally {
        loading.value = false;
      }
    }
    onMounted(() => void load());
    const columns: PrimaryTableCol<TableRowData>[] = [
      {
        colKey: 'distributorId',
        title: '分销员',
        cell: (_h, { row }) => (
          <div>
            <div>{(row as RiskRow).nickname ?? '—'}</div>
            <div class="muted mono">{(row as RiskRow).distributorId}</div>
          </div>
        ),
      },
      {
        colKey: 'kind',
        title: '风险',
        cell: (_h, { row }) => (
          <Tag theme="warning" variant="light">
            {KIND_TEXT[(row as RiskRow).kind]}
          </Tag>
        ),
      },
      { colKey: 'figures', title: '依据', cell: (_h, { row }) => evidenceText(row as RiskRow) },
      {
        colKey: 'orderIds',
        title: '相关订单',
        ellipsis: true,
        cell: (_h, { row }) => <span class="mono">{(row as RiskRow).orderIds.join('、')}</span>,
      },
      {
        colKey: 'actions',
        title: '操作',
        cell: (_h, { row }) =>
          (row as RiskRow).frozen ? (
            <Tag theme="danger" variant="light">
              已冻结
            </Tag>
          ) : can.runShop() ? (
            <Button
              size="small"
              variant="text"
              theme="danger"
              onClick={() => props.onFreeze((row as RiskRow).distributorId)}
            >
              冻结
            </Button>
          ) : null,
      },
    ];
    return () => (
      <div style="margin-top:12px" data-testid="risk-list">
        <p class="muted">
          {report.value
            ? `统计 ${dateTime(report.value.since)} 以来的 ${report.value.ordersRead} 笔已支付订单${report.value.truncated ? '（订单过多，只统计了最近的部分）' : ''}；手机号只按密文摘要比对。`
            : '正在统计…'}
          <Button size="small" variant="text" theme="primary" loading={loading.value} onClick={() => void load()}>
            重新统计
          </Button>
        </p>
        {error.value ? <p class="danger-text">{error.value}</p> : null}
        <Table
          rowKey="key"
          data={(report.value?.items ?? []).map((item) => ({ ...item, key: `${item.distributorId}:${item.kind}` }))}
          columns={columns}
          loading={loading.value}
          empty="最近没有需要关注的分销员"
        />
      </div>
    );
  },
});
