/** Orders: filter by status, creation date and distributor; detail; ship; CSV export of the filtered orders. */
import { defineComponent, onMounted } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { ORDER_STATUS } from '../../../contract/src/labels';
import { api, type OrderFilter } from '../api';
import type { OrderDoc } from '../api-types';
import { dateTime, dayOrUndefined, yuan } from '../format';
import { can } from '../permissions';
import { location } from '../hash-location';
import { ListTable } from '../ui/ListTable';
import { dateRangeFilter, statusFilter, useCsvExport } from '../ui/filters';
import { usePagedList } from '../ui/paged';
import { DistributorPicker } from '../ui/DistributorPicker';
import { PersonCell } from '../ui/PersonCell';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { useOrderPanel } from './orders/order-panel';

interface Filters {
  status: string;
  range: string[];
  distributor: string;
}

function orderFilter(filters: Filters): OrderFilter {
  return {
    status: filters.status || undefined,
    from: dayOrUndefined(filters.range[0]),
    to: dayOrUndefined(filters.range[1]),
    distributor: filters.distributor.trim() || undefined,
  };
}

export default defineComponent(() => {
  const list = usePagedList<OrderDoc, Filters>(
    (filters, paging) => api.orders({ ...orderFilter(filters), ...paging }),
    {
      status: location.query.status ?? '',
      range: [],
      distributor: location.query.distributor ?? '',
    },
  );
  const panel = useOrderPanel(() => void list.load());
  onMounted(list.load);
  const exportButton = useCsvExport(() => api.exportOrders(orderFilter(list.filters)));

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
        actions={exportButton}
      />
      <div class="panel">
        <div class="filters">
          {statusFilter(list, ORDER_STATUS, '160px')}
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
    </div>
  );
});
