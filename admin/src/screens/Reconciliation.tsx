/**
 * 对账差异: what the daily reconciliation found WeChat Pay and the shop disagree about. Owner and finance fix the
 * cause by hand, then resolve the item with a note (required, audited). The API answers the whole queue at once,
 * so the pages are cut here.
 */
import { defineComponent, onMounted } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { api } from '../api';
import type { PaymentMismatchDoc } from '../api-types';
import { dateTime, yuan } from '../format';
import { location } from '../hash-location';
import { askText } from '../ui/dialogs';
import { statusFilter } from '../ui/filters';
import { ListTable } from '../ui/ListTable';
import { showSuccess } from '../ui/notify';
import { usePagedList } from '../ui/paged';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { billDay, MISMATCH_KIND, MISMATCH_STATUS } from './reconciliation/labels';

type Row = PaymentMismatchDoc;

function statusOf(text: string): 'open' | 'resolved' | undefined {
  return text === 'open' || text === 'resolved' ? text : undefined;
}

function Summary(props: { item: Row }) {
  const { item } = props;
  return (
    <ul class="amounts">
      <li>差异类型：{MISMATCH_KIND[item.kind] ?? item.kind}</li>
      <li>
        商户订单号：<span class="mono">{item.outTradeNo}</span>
      </li>
      {item.outRefundNo ? (
        <li>
          退款单号：<span class="mono">{item.outRefundNo}</span>
        </li>
      ) : null}
      <li>微信金额：{yuan(item.wechatFen)}</li>
      <li>本店金额：{yuan(item.shopFen)}</li>
    </ul>
  );
}

export default defineComponent(() => {
  const list = usePagedList<Row, { status: string }>(
    async (filters, paging) => {
      const { items } = await api.paymentMismatches(statusOf(filters.status));
      const start = (paging.page - 1) * paging.pageSize;
      return {
        items: items.slice(start, start + paging.pageSize),
        total: items.length,
        page: paging.page,
        pageSize: paging.pageSize,
      };
    },
    { status: location.query.status ?? 'open' },
  );
  onMounted(list.load);

  async function resolve(item: Row): Promise<void> {
    const done = await askText({
      header: '处理对账差异',
      label: '处理说明',
      placeholder: '例如：已在商户平台退款给付款人',
      confirmText: '标记已处理',
      multiline: true,
      maxLength: 500,
      note: () => (
        <div>
          <Summary item={item} />
          <p>请先在商户平台或本店完成更正，再标记已处理。处理说明会记入操作日志。</p>
        </div>
      ),
      action: (note) => api.resolvePaymentMismatch(item._id, note),
    });
    if (done) {
      showSuccess('对账差异已处理');
      await list.load();
    }
  }

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'billDate', title: '账单日', cell: (_h, { row }) => billDay((row as Row).billDate) },
    { colKey: 'kind', title: '差异类型', cell: (_h, { row }) => MISMATCH_KIND[(row as Row).kind] ?? (row as Row).kind },
    {
      colKey: 'outTradeNo',
      title: '订单 / 退款单号',
      cell: (_h, { row }) => {
        const item = row as Row;
        return (
          <div>
            <div class="mono">{item.outRefundNo ?? item.outTradeNo}</div>
            {item.orderId ? <div class="muted mono">订单 {item.orderId}</div> : null}
          </div>
        );
      },
    },
    {
      colKey: 'wechatFen',
      title: '微信金额',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as Row).wechatFen)}</span>,
    },
    {
      colKey: 'shopFen',
      title: '本店金额',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as Row).shopFen)}</span>,
    },
    { colKey: 'detectedAt', title: '发现时间', cell: (_h, { row }) => dateTime((row as Row).detectedAt) },
    {
      colKey: 'status',
      title: '状态',
      cell: (_h, { row }) => <StatusTag labels={MISMATCH_STATUS} value={(row as Row).status} />,
    },
    {
      colKey: 'note',
      title: '处理信息',
      cell: (_h, { row }) => {
        const item = row as Row;
        return item.resolvedBy ? (
          <span class="muted">{`${item.resolvedBy} ${dateTime(item.resolvedAt)}：${item.note ?? ''}`}</span>
        ) : (
          <span class="muted">—</span>
        );
      },
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) =>
        (row as Row).status === 'open' ? (
          <Button size="small" theme="primary" onClick={() => void resolve(row as Row)}>
            处理
          </Button>
        ) : null,
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="对账差异"
        description="每日对账发现的微信支付账单与本店记录不一致的支付和退款。未处理的差异会被账本检查计为问题。"
      />
      <div class="panel">
        <div class="filters">
          {statusFilter(list, MISMATCH_STATUS, '140px')}
          <Button onClick={() => void list.search()}>刷新</Button>
        </div>
        <ListTable list={list} columns={columns} emptyText="没有对账差异" testId="mismatches-table" />
      </div>
    </div>
  );
});
