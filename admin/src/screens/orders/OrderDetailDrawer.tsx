/**
 * One order: amounts, address and shipping, its lines, the commission lines with the rules version they were
 * computed under, and its after-sales requests with their decisions.
 */
import { defineComponent, ref, shallowRef, watch, type PropType } from 'vue';
import { Drawer } from 'tdesign-vue-next/es/drawer';
import { Descriptions } from 'tdesign-vue-next/es/descriptions';
import { Table } from 'tdesign-vue-next/es/table';
import { Button } from 'tdesign-vue-next/es/button';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Loading } from 'tdesign-vue-next/es/loading';
import { AFTER_SALE_STATUS, COMMISSION_STATUS, ORDER_STATUS } from '../../../../contract/src/labels';
import { formatPercent } from '../../../../contract/src/money';
import { api } from '../../api';
import type { AfterSaleDoc, CommissionDoc, OrderDetail, OrderDoc } from '../../api-types';
import { dateTime, yuan } from '../../format';
import { can } from '../../permissions';
import { messageOf } from '../../ui/errors';
import { StatusTag } from '../../ui/StatusTag';
import { PersonCell } from '../../ui/PersonCell';
import { approveRefundFlow, refundScope, rejectRefundFlow } from './refund-actions';

type Line = OrderDoc['lines'][number];

function termsText(commission: CommissionDoc): string {
  return commission.terms.kind === 'rate'
    ? `比例 ${formatPercent(commission.terms.rateBp)}`
    : `固定 ${yuan(commission.terms.perUnitFen)}/件`;
}

export const OrderDetailDrawer = defineComponent({
  props: {
    orderId: { type: String as PropType<string | null>, default: null },
    onClose: { type: Function as PropType<() => void>, required: true },
    onShip: { type: Function as PropType<(order: OrderDoc) => void>, required: true },
    /** Something about the order changed here (a refund decision): lists should reload. */
    onChanged: { type: Function as PropType<() => void>, default: () => undefined },
  },
  setup(props) {
    const detail = shallowRef<OrderDetail>();
    const refunds = shallowRef<AfterSaleDoc[]>([]);
    const loading = ref(false);
    const failure = ref('');

    async function load(orderId: string): Promise<void> {
      loading.value = true;
      failure.value = '';
      try {
        const [answer, requests] = await Promise.all([api.order(orderId), api.refunds({ orderId, limit: 100 })]);
        detail.value = answer;
        refunds.value = requests.items;
      } catch (error) {
        failure.value = messageOf(error);
      } finally {
        loading.value = false;
      }
    }

    watch(
      () => props.orderId,
      (orderId) => {
        detail.value = undefined;
        if (orderId) void load(orderId);
      },
      { immediate: true },
    );

    async function decide(request: AfterSaleDoc, approve: boolean): Promise<void> {
      const order = detail.value?.order;
      const done = approve ? await approveRefundFlow(request, order) : await rejectRefundFlow(request, order);
      if (done && props.orderId) {
        props.onChanged?.();
        await load(props.orderId);
      }
    }

    const body = () => {
      if (failure.value) return <Alert theme="error" message={`加载失败：${failure.value}`} />;
      const current = detail.value;
      if (!current)
        return (
          <div class="screen-message">
            <Loading text="加载中…" />
          </div>
        );
      const { order, commissions, rules, people } = current;
      const address = order.address;
      return (
        <div class="order-detail" data-testid="order-detail">
          <Descriptions
            title="订单信息"
            bordered
            column={2}
            tableLayout="auto"
            items={[
              { label: '状态', content: () => <StatusTag labels={ORDER_STATUS} value={order.status} /> },
              { label: '买家', content: () => <PersonCell openid={order.buyerOpenid} people={people} /> },
              { label: '下单时间', content: dateTime(order.createdAt) },
              { label: '支付时间', content: dateTime(order.paidAt) },
              { label: '商品金额', content: yuan(order.subtotalFen) },
              { label: '优惠', content: yuan(order.discountFen) },
              { label: '运费', content: yuan(order.shippingFen) },
              { label: '实付', content: () => <strong>{yuan(order.totalFen)}</strong> },
              { label: '已退款', content: yuan(order.refundedFen ?? 0) },
              { label: '商户单号', content: () => <span class="mono">{order.outTradeNo}</span> },
              { label: '收货人', content: `${address.userName} ${address.telNumber}` },
              {
                label: '收货地址',
                content: `${address.provinceName}${address.cityName}${address.countyName}${address.detailInfo}`,
              },
              {
                label: '物流',
                content: order.shipping
                  ? `${order.shipping.carrier} ${order.shipping.trackingNo}（${dateTime(order.shippedAt)}）`
                  : '未发货',
              },
              { label: '收货时间', content: dateTime(order.receivedAt) },
              // 买家留言 is the shopper's text: shown as text, whatever it contains.
              {
                label: '买家留言',
                content: () => (
                  <span class="buyer-note" data-testid="buyer-note">
                    {order.buyerNote || '—'}
                  </span>
                ),
              },
            ]}
          />

          <h3 class="panel__title detail-title">商品</h3>
          <Table
            rowKey="line"
            data={order.lines}
            size="small"
            columns={[
              { colKey: 'title', title: '商品' },
              { colKey: 'unitPriceFen', title: '单价', cell: (_h, { row }) => yuan((row as Line).unitPriceFen) },
              { colKey: 'quantity', title: '数量' },
              { colKey: 'discountFen', title: '优惠', cell: (_h, { row }) => yuan((row as Line).discountFen) },
              { colKey: 'paidFen', title: '实付', cell: (_h, { row }) => yuan((row as Line).paidFen) },
              { colKey: 'refundedQuantity', title: '已退件数' },
            ]}
          />

          <h3 class="panel__title detail-title">
            佣金明细 · 规则版本 v{rules.version}（{rules.rules.levels} 级：
            {rules.rules.levelRatesBp.map((bp) => formatPercent(bp)).join(' / ')}，冻结 {rules.rules.freezeDays} 天）
          </h3>
          <Table
            rowKey="_id"
            data={commissions}
            size="small"
            empty="该订单没有佣金（无上级分销员或商品不参与分佣）"
            columns={[
              { colKey: 'level', title: '层级', cell: (_h, { row }) => `${(row as CommissionDoc).level} 级` },
              {
                colKey: 'beneficiaryId',
                title: '分销员',
                cell: (_h, { row }) => <PersonCell openid={(row as CommissionDoc).beneficiaryId} people={people} />,
              },
              {
                colKey: 'line',
                title: '商品',
                cell: (_h, { row }) =>
                  order.lines[(row as CommissionDoc).line]?.title ?? (row as CommissionDoc).productId,
              },
              { colKey: 'baseFen', title: '计佣基数', cell: (_h, { row }) => yuan((row as CommissionDoc).baseFen) },
              { colKey: 'terms', title: '规则', cell: (_h, { row }) => termsText(row as CommissionDoc) },
              { colKey: 'amountFen', title: '佣金', cell: (_h, { row }) => yuan((row as CommissionDoc).amountFen) },
              {
                colKey: 'reversedFen',
                title: '已冲回',
                cell: (_h, { row }) => yuan((row as CommissionDoc).reversedFen),
              },
              {
                colKey: 'status',
                title: '状态',
                cell: (_h, { row }) => <StatusTag labels={COMMISSION_STATUS} value={(row as CommissionDoc).status} />,
              },
              {
                colKey: 'settleAt',
                title: '预计结算',
                cell: (_h, { row }) => dateTime((row as CommissionDoc).settleAt),
              },
            ]}
          />

          <h3 class="panel__title detail-title">售后</h3>
          <Table
            rowKey="_id"
            data={refunds.value}
            size="small"
            empty="没有售后申请"
            columns={[
              {
                colKey: 'createdAt',
                title: '申请时间',
                cell: (_h, { row }) => dateTime((row as AfterSaleDoc).createdAt),
              },
              { colKey: 'line', title: '退款商品', cell: (_h, { row }) => refundScope(row as AfterSaleDoc, order) },
              { colKey: 'reason', title: '原因' },
              { colKey: 'refundFen', title: '退款金额', cell: (_h, { row }) => yuan((row as AfterSaleDoc).refundFen) },
              {
                colKey: 'status',
                title: '状态',
                cell: (_h, { row }) => <StatusTag labels={AFTER_SALE_STATUS} value={(row as AfterSaleDoc).status} />,
              },
              {
                colKey: 'actions',
                title: '操作',
                cell: (_h, { row }) =>
                  (row as AfterSaleDoc).status === 'requested' && can.runShop() ? (
                    <span class="row-actions">
                      <Button
                        size="small"
                        theme="primary"
                        variant="text"
                        onClick={() => void decide(row as AfterSaleDoc, true)}
                      >
                        同意退款
                      </Button>
                      <Button
                        size="small"
                        theme="danger"
                        variant="text"
                        onClick={() => void decide(row as AfterSaleDoc, false)}
                      >
                        拒绝
                      </Button>
                    </span>
                  ) : (
                    <span class="muted">{(row as AfterSaleDoc).rejectReason ?? ''}</span>
                  ),
              },
            ]}
          />
        </div>
      );
    };

    return () => (
      <Drawer
        visible={props.orderId !== null}
        size="860px"
        header={`订单详情 ${props.orderId ?? ''}`}
        onClose={() => props.onClose()}
        footer={
          detail.value?.order.status === 'paid' && can.runShop()
            ? () => (
                <Button theme="primary" onClick={() => detail.value && props.onShip(detail.value.order)}>
                  发货
                </Button>
              )
            : false
        }
      >
        {loading.value && detail.value ? (
          <Loading loading showOverlay>
            {body()}
          </Loading>
        ) : (
          body()
        )}
      </Drawer>
    );
  },
});
