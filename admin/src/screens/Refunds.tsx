/**
 * The after-sales queue, oldest first: each request is one order line and a quantity (the whole line or part of
 * it). Approving refunds the shopper through WeChat Pay and reverses the commission; rejecting needs a reason.
 */
import { defineComponent, onMounted, shallowReactive } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { AFTER_SALE_STATUS } from '../../../contract/src/labels';
import { api } from '../api';
import type { AfterSaleDoc, OrderDoc } from '../api-types';
import { dateTime, shortId, yuan } from '../format';
import { can } from '../permissions';
import { ListTable } from '../ui/ListTable';
import { statusFilter } from '../ui/filters';
import { usePagedList } from '../ui/paged';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { useOrderPanel } from './orders/order-panel';
import { approveRefundFlow, refundScope, rejectRefundFlow } from './orders/refund-actions';

export default defineComponent(() => {
  /** Orders of the requests on screen, for their line titles and amounts. */
  const orders = shallowReactive(new Map<string, OrderDoc>());
  const list = usePagedList<AfterSaleDoc, { status: string }>(
    async (filters, paging) => {
      const page = await api.refunds({ status: filters.status || undefined, ...paging });
      const missing = [...new Set(page.items.map((request) => request.orderId))].filter((id) => !orders.has(id));
      const found = await Promise.all(
        missing.map((id) =>
          api.order(id).then(
            (detail) => detail.order,
            () => undefined,
          ),
        ),
      );
      for (const order of found) if (order) orders.set(order._id, order);
      return page;
    },
    { status: 'requested' },
  );
  const panel = useOrderPanel(() => void list.load());
  onMounted(list.load);

  async function decide(request: AfterSaleDoc, approve: boolean): Promise<void> {
    const order = orders.get(request.orderId);
    const done = approve ? await approveRefundFlow(request, order) : await rejectRefundFlow(request, order);
    if (done) {
      orders.delete(request.orderId);
      await list.load();
    }
  }

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'createdAt', title: '申请时间', cell: (_h, { row }) => dateTime((row as AfterSaleDoc).createdAt) },
    {
      colKey: 'orderId',
      title: '订单',
      cell: (_h, { row }) => (
        <Button variant="text" theme="primary" class="mono" onClick={() => panel.view((row as AfterSaleDoc).orderId)}>
          {(row as AfterSaleDoc).orderId}
        </Button>
      ),
    },
    {
      colKey: 'line',
      title: '退款商品',
      cell: (_h, { row }) => refundScope(row as AfterSaleDoc, orders.get((row as AfterSaleDoc).orderId)),
    },
    { colKey: 'reason', title: '原因', ellipsis: true },
    {
      colKey: 'buyerOpenid',
      title: '买家',
      cell: (_h, { row }) => <span class="mono">{shortId((row as AfterSaleDoc).buyerOpenid)}</span>,
    },
    {
      colKey: 'refundFen',
      title: '退款金额',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as AfterSaleDoc).refundFen)}</span>,
    },
    {
      colKey: 'status',
      title: '状态',
      cell: (_h, { row }) => <StatusTag labels={AFTER_SALE_STATUS} value={(row as AfterSaleDoc).status} />,
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) => {
        const request = row as AfterSaleDoc;
        if (request.status !== 'requested')
          return (
            <span class="muted">
              {request.decidedBy ? `${request.decidedBy} 于 ${dateTime(request.decidedAt)}` : ''}
            </span>
          );
        if (!can.runShop()) return <span class="muted">待运营处理</span>;
        return (
          <span class="row-actions">
            <Button size="small" theme="primary" onClick={() => void decide(request, true)}>
              同意退款
            </Button>
            <Button size="small" theme="danger" variant="outline" onClick={() => void decide(request, false)}>
              拒绝
            </Button>
          </span>
        );
      },
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="售后退款"
        description="买家可申请退整行或部分件数；同意后按退回件数从该行实付中计算退款，原路退回，并冲回对应佣金。"
      />
      <div class="panel">
        <div class="filters">
          {statusFilter(list, AFTER_SALE_STATUS, '180px')}
          <Button variant="outline" onClick={() => void list.load()}>
            刷新
          </Button>
        </div>
        <ListTable list={list} columns={columns} emptyText="没有待处理的售后申请" testId="refunds-table" />
      </div>
      {panel.render()}
    </div>
  );
});
