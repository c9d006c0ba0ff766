/**
 * The order desk: status tabs with counts (from the server's `counts`; without them the tabs still filter), a search
 * box (order number, phone, nickname, product, distributor: the server's `q`), creation date and distributor
 * filters, detail, ship, batch shipping from a CSV, a printable picking list, the CSV export, and 导出订单: an
 * export job of any size with the same filters, its progress and its download link (`orders/OrdersExport.tsx`).
 */
import { defineComponent, onMounted, ref } from 'vue';
import { Tabs, TabPanel } from 'tdesign-vue-next/es/tabs';
import { ORDER_STATES } from '../../../contract/src/states';
import { BatchShipDialog } from './orders/BatchShipDialog';
import { printPickingList } from './orders/picking-list';
import { showError } from '../ui/notify';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { ORDER_STATUS } from '../../../contract/src/labels';
import { api, type OrderFilter } from '../api';
import type { OrderDoc } from '../api-types';
import { dateTime, dayOrUndefined, yuan } from '../format';
import { can } from '../permissions';
import { location } from '../hash-location';
import { textField } from '../ui/fields';
import { ListTable } from '../ui/ListTable';
import { dateRangeFilter, useCsvExport } from '../ui/filters';
import { usePagedList } from '../ui/paged';
import { DistributorPicker } from '../ui/DistributorPicker';
import { PersonCell } from '../ui/PersonCell';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { useOrderPanel } from './orders/order-panel';
import { useOrdersExport } from './orders/OrdersExport';

interface Filters {
  status: string;
  range: string[];
  distributor: string;
  q: string;
}

function orderFilter(filters: Filters): OrderFilter {
  return {
    status: filters.status || undefined,
    from: dayOrUndefined(filters.range[0]),
    to: dayOrUndefined(filters.range[1]),
    distributor: filters.distributor.trim() || undefined,
    q: filters.q.trim() || undefined,
  };
}

export default defineComponent(() => {
  /** Orders per status, when the server counts them (`counts`); null = the tabs show no figures. */
  const counts = ref<Partial<Record<string, number>> | null>(null);
  const batchOpen = ref(false);
  const list = usePagedList<OrderDoc, Filters>(
    async (filters, paging) => {
      const page = await api.orders({ ...orderFilter(filters), ...paging });
      counts.value = page.counts ?? null;
      return page;
    },
    {
      status: location.query.status ?? '',
      range: [],
      distributor: location.query.distributor ?? '',
      q: location.query.q ?? '',
    },
  );
  const tabLabel = (status: string, text: string) => {
    const figure =
      counts.value === null
        ? undefined
        : status === ''
          ? Object.values(counts.value).reduce<number>((sum, n) => sum + (n ?? 0), 0)
          : (counts.value[status] ?? 0);
    return figure === undefined ? text : `${text} ${figure}`;
  };
  function printPicking(): void {
    if (!printPickingList(list.items.value)) showError('浏览器拦截了打印窗口，请允许弹出窗口后重试');
  }
  const panel = useOrderPanel(() => void list.load());
  onMounted(list.load);
  const exportButton = useCsvExport(() => api.exportOrders(orderFilter(list.filters)));
  const exportJob = useOrdersExport(() => {
    const { q, ...filter } = orderFilter(list.filters);
    return { filter, searchTyped: q !== undefined };
  });

  const columns: PrimaryTableCol<TableRowData>[] = [
    {
      colKey: '_id',
      title: '订单号',
      cell: (_h, { row }) => (
        <Button variant="text" theme="primary" class="mono" onClick={() => panel.view((row as OrderDoc)._id)}>
          {(row as OrderDoc)._id}
        </Button>
      ),
    },
    { colKey: 'createdAt', title: '下单时间', cell: (_h, { row }) => dateTime((row as OrderDoc).createdAt) },
    {
      colKey: 'lines',
      title: '商品',
      ellipsis: true,
      cell: (_h, { row }) => (row as OrderDoc).lines.map((line) => `${line.title} ×${line.quantity}`).join('，'),
    },
    {
      colKey: 'totalFen',
      title: '实付',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as OrderDoc).totalFen)}</span>,
    },
    {
      colKey: 'status',
      title: '状态',
      cell: (_h, { row }) => <StatusTag labels={ORDER_STATUS} value={(row as OrderDoc).status} />,
    },
    {
      colKey: 'buyerOpenid',
      title: '买家',
      cell: (_h, { row }) => <PersonCell openid={(row as OrderDoc).buyerOpenid} people={list.people.value} />,
    },
    {
      colKey: 'distributor',
      title: '一级分销员',
      cell: (_h, { row }) => {
        const first = (row as OrderDoc).snapshot.beneficiaries[0];
        return first ? <PersonCell openid={first} people={list.people.value} /> : <span class="muted">—</span>;
      },
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) => (
        <span class="row-actions">
          <Button size="small" variant="text" theme="primary" onClick={() => panel.view((row as OrderDoc)._id)}>
            详情
          </Button>
          {(row as OrderDoc).status === 'paid' && can.runShop() ? (
            <Button size="small" variant="text" theme="primary" onClick={() => panel.ship(row as OrderDoc)}>
              发货
            </Button>
          ) : null}
        </span>
      ),
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="订单"
        description="按状态、下单日期（北京时间）和分销员（任一级）筛选；导出为当前筛选条件下的全部订单。"
        actions={() => (
          <span class="row-actions">
            {can.runShop() ? (
              <Button variant="outline" onClick={() => (batchOpen.value = true)} data-testid="batch-ship">
                批量发货
              </Button>
            ) : null}
            <Button variant="outline" onClick={printPicking} data-testid="picking-list">
              打印拣货单
            </Button>
            {exportButton()}
            {can.exportOrders() ? exportJob.button() : null}
          </span>
        )}
      />
      {exportJob.panel()}
      <div class="panel">
        <Tabs
          class="status-tabs"
          value={list.filters.status}
          onChange={(value) => {
            list.filters.status = String(value ?? '');
            void list.search();
          }}
          data-testid="order-tabs"
        >
          <TabPanel value="" label={tabLabel('', '全部')} />
          {ORDER_STATES.map((status) => (
            <TabPanel key={status} value={status} label={tabLabel(status, ORDER_STATUS[status].text)} />
          ))}
        </Tabs>
        <div class="filters">
          <Input
            {...textField(list.filters, 'q')}
            placeholder="订单号 / 手机号 / 昵称 / 商品 / 分销员"
            clearable
            class="desk-search"
            onEnter={() => void list.search()}
            data-testid="order-search"
          />
          {dateRangeFilter(list, '下单开始日期')}
          <DistributorPicker
            modelValue={list.filters.distributor}
            onChange={(openid: string) => {
              list.filters.distributor = openid;
              void list.search();
            }}
          />
          <Button onClick={() => void list.search()}>查询</Button>
        </div>
        <ListTable list={list} columns={columns} emptyText="没有符合条件的订单" testId="orders-table" />
      </div>
      {panel.render()}
      <BatchShipDialog
        visible={batchOpen.value}
        onClose={() => (batchOpen.value = false)}
        onShipped={() => void list.load()}
      />
    </div>
  );
});
