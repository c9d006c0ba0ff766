/**
 * The after-sales queue, oldest first: each request is one order line and a quantity (the whole line or part of
 * it). Approving refunds the shopper through WeChat Pay and reverses the commission; rejecting needs a reason.
 */
import { defineComponent, onMounted, shallowReactive } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { AFTER_SALE_STATUS, AFTER_SALE_TYPE_LABEL } from '../../../contract/src/labels';
import { api } from '../api';
import { location } from '../hash-location';
import type { AfterSaleDoc, OrderDoc } from '../api-types';
import { dateTime, shortId, yuan } from '../format';
import { can } from '../permissions';
import { ListTable } from '../ui/ListTable';
import { statusFilter } from '../ui/filters';
import { useKeysetList } from '../ui/keyset';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { useOrderPanel } from './orders/order-panel';
import {
  approveRefundFlow,
  partialRefundFlow,
  receiveReturnFlow,
  refundScope,
  rejectRefundFlow,
  retryRefundFlow,
} from './orders/refund-actions';

export default defineComponent(() => {
  /** Orders of the requests on screen, for their line titles and amounts. */
  const orders = shallowReactive(new Map<string, OrderDoc>());
  const list = useKeysetList<AfterSaleDoc, { status: string }>(
    async (filters, paging) => {
      const page = await api.refunds({
        status: filters.status || undefined,
        orderId: location.query.orderId || undefined,
        ...paging,
      });
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
    // From a refused shipment (`?orderId=`): every after-sale of that order; otherwise the queue of new requests.
    { status: location.query.orderId ? '' : 'requested' },
  );
  const panel = useOrderPanel(() => void list.load());
  onMounted(list.load);

  type Decision = 'approve' | 'reject' | 'partial' | 'received' | 'retry';
  async function decide(request: AfterSaleDoc, decision: Decision): Promise<void> {
    const order = orders.get(request.orderId);
    const flows: Record<Decision, () => Promise<AfterSaleDoc | undefined>> = {
      approve: () => approveRefundFlow(request, order),
      reject: () => rejectRefundFlow(request, order),
      partial: () => partialRefundFlow(request),
      received: () => receiveReturnFlow(request),
      retry: () => retryRefundFlow(request),
    };
    const done = await flows[decision]();
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
    {
      colKey: 'type',
      title: '类型',
      cell: (_h, { row }) => AFTER_SALE_TYPE_LABEL[(row as AfterSaleDoc).type ?? 'refund'],
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
      // Fixed on approval; until then the amount the core computed when the shopper asked.
      cell: (_h, { row }) => {
        const request = row as AfterSaleDoc;
        return (
          <span class="money">
            {yuan(request.refundFen ?? request.refundableFen ?? null)}
            {request.refundFen === null && request.refundableFen !== undefined ? (
              <span class="muted">（可退）</span>
            ) : null}
          </span>
        );
      },
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
        const decided = (
          <span class="muted">{request.decidedBy ? `${request.decidedBy} 于 ${dateTime(request.decidedAt)}` : ''}</span>
        );
        if (!can.runShop()) return request.status === 'requested' ? <span class="muted">待运营处理</span> : decided;
        if (request.status === 'awaiting_return' || request.status === 'return_shipped')
          return (
            <span class="row-actions">
              <Button size="small" theme="primary" onClick={() => void decide(request, 'received')}>
                确认收到退货
              </Button>
              <Button size="small" theme="danger" variant="outline" onClick={() => void decide(request, 'reject')}>
                拒绝
              </Button>
            </span>
          );
        if (request.status === 'approved' && request.refundError)
          return (
            <span class="row-actions">
              <span class="danger-text" title={request.refundError.message}>
                退款失败
              </span>
              <Button size="small" theme="warning" onClick={() => void decide(request, 'retry')}>
                重试退款
              </Button>
            </span>
          );
        if (request.status !== 'requested') return decided;
        return (
          <span class="row-actions">
            <Button size="small" theme="primary" onClick={() => void decide(request, 'approve')}>
              {request.type === 'return' ? '同意退货' : '同意退款'}
            </Button>
            {request.type !== 'return' ? (
              <Button size="small" variant="outline" onClick={() => void decide(request, 'partial')}>
                改金额退款
              </Button>
            ) : null}
            <Button size="small" theme="danger" variant="outline" onClick={() => void decide(request, 'reject')}>
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
        description="仅退款与退货退款；可退金额在买家申请时算好。退货先等买家寄回，确认收货后才退款；微信支付拒绝的退款可重试。"
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
