/**
 * Orders: the list with filters, one order with its commissions and rules version, shipping, and the export.
 * Addresses are masked (name, phone, down to the district) everywhere but one order's detail, and there only for
 * the roles that ship; each such view is an audit record (`order.viewAddress`).
 */
import { z } from 'zod';
import { peopleRecord } from '../../_shared/store/people';
import { DomainError, ORDER_STATES } from '../../../core/src';
import { db } from '../../_shared/platform/cloud';
import { getDoc, listDocs } from '../../_shared/platform/documents';
import { shipOrder } from '../../_shared/workflows/fulfilment';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { CommissionDoc } from '../../_shared/store/commissions';
import { orderNoOf, type OrderDoc } from '../../_shared/store/orders';
import { rulesOfVersion } from '../../_shared/store/rules';
import { type AdminRole } from '../../_shared/store/admin-users';
import { fullAddress, maskedAddress } from '../../_shared/store/personal-records';
import { recordChange } from '../audit';
import { chinaDate, ROLE_GROUPS } from '../../../contract/src';
import { chinaTimeCell, toCsv, yuan } from '../csv';
import { CsvFile } from '../http';
import { createdWithin, exportRows, MAX_PER_GET } from '../queries';
import { handler } from '../router';
import { instantSchema, textSchema } from '../schemas';

const orderFilterQuery = {
  status: z.enum(ORDER_STATES).optional(),
  from: instantSchema('start').optional(),
  to: instantSchema('end').optional(),
  distributor: z.string().trim().min(1).max(64).optional(),
};

/** `from` inclusive, `to` exclusive, on the creation time; `distributor` = any level of the order's beneficiaries. */
function orderFilter(query: {
  status?: string;
  from?: number;
  to?: number;
  distributor?: string;
}): Record<string, unknown> {
  const filter: Record<string, unknown> = createdWithin(query);
  if (query.status) filter.status = query.status;
  if (query.distributor) filter['snapshot.beneficiaries'] = query.distributor;
  return filter;
}

/** The roles that ship an order, and so may read where it goes. */
export const SHIPPING_ROLES: readonly AdminRole[] = ROLE_GROUPS.shop;

function withMaskedAddress(order: OrderDoc): OrderDoc {
  return { ...order, address: maskedAddress(order.address, order.buyerOpenid) };
}

/** The buyer and every beneficiary of the orders: the people an order screen names. */
export function peopleIn(orders: OrderDoc[]): Array<string | null> {
  return orders.flatMap((order) => [order.buyerOpenid, ...(order.snapshot?.beneficiaries ?? [])]);
}

export const getOrder = handler({}, async ({ params, actor, now }) => {
  const id = params.id as string;
  const stored = await getDoc<OrderDoc>(COLLECTIONS.orders, id);
  if (!stored) throw new DomainError('NOT_FOUND', { orderId: id }, '订单不存在');
  const ships = SHIPPING_ROLES.includes(actor.role);
  const order = ships
    ? { ...stored, address: fullAddress(stored.address, stored.buyerOpenid) }
    : withMaskedAddress(stored);
  // Who read where a shopper lives, and when; the record names the order, never the address itself.
  if (ships) await recordChange(actor, 'order.viewAddress', `orders/${id}`, null, null, now);
  const commissions = await listDocs<CommissionDoc>(
    db().collection(COLLECTIONS.commissions).where({ orderId: id }).limit(MAX_PER_GET),
  );
  return {
    order,
    commissions,
    rules: { version: order.ruleVersion, rules: await rulesOfVersion(order.ruleVersion) },
    people: await peopleRecord(peopleIn([stored])),
  };
});

/**
 * Ships an order: express (the default) needs the carrier and tracking number; virtual goods (3) and pickup by the
 * shopper (4) need neither (WeChat's shipping-information upload carries the logistics type).
 */
export const shipOrderRoute = handler(
  {
    body: z
      .strictObject({
        carrier: textSchema(40).optional(),
        trackingNo: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{4,40}$/, '运单号为 4–40 位字母或数字')
          .optional(),
        logisticsType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(1),
      })
      .refine((body) => body.logisticsType !== 1 || (body.carrier && body.trackingNo), {
        message: '快递发货需填写快递公司和运单号',
      }),
  },
  async ({ params, body, actor, now }) => {
    const id = params.id as string;
    const shipment = {
      carrier: body.carrier ?? '',
      trackingNo: body.trackingNo ?? '',
      logisticsType: body.logisticsType,
    };
    const { before, after } = await shipOrder(id, shipment, actor.username, now);
    await recordChange(actor, 'order.ship', `orders/${id}`, before, after, now);
    return withMaskedAddress(after);
  },
);

const STATUS_LABELS: Record<OrderDoc['status'], string> = {
  unpaid: '待支付',
  paid: '待发货',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
};

export const ORDER_COLUMNS = [
  // The number shoppers and operators read; the internal id stays internal.
  '订单号',
  '状态',
  '下单时间',
  '支付时间',
  '买家',
  '商品',
  '件数',
  '商品金额(元)',
  '优惠(元)',
  '运费(元)',
  '实付(元)',
  '已退款(元)',
  '一级分销员',
  '二级分销员',
  '三级分销员',
  '规则版本',
  '快递公司',
  '运单号',
  '收货人',
  '电话',
  '收货地址',
];

/** Exports are lists: the address is masked as on screen; the full one is on the order's detail. */
export function orderRow(order: OrderDoc): (string | number | null)[] {
  const { snapshot } = order;
  const address = maskedAddress(order.address, order.buyerOpenid);
  return [
    // 20 digits would turn into 2.02612E+19 in Excel; a trailing tab keeps the cell text.
    `${orderNoOf(order)}\t`,
    STATUS_LABELS[order.status] ?? order.status,
    chinaTimeCell(order.createdAt),
    chinaTimeCell(order.paidAt),
    order.buyerOpenid,
    order.lines
      .map((line) => `${line.title}${line.skuLabel ? `（${line.skuLabel}）` : ''}×${line.quantity}`)
      .join('; '),
    order.lines.reduce((units, line) => units + line.quantity, 0),
    yuan(order.subtotalFen),
    yuan(order.discountFen),
    yuan(order.shippingFen),
    yuan(order.totalFen),
    yuan(order.refundedFen ?? 0),
    snapshot.beneficiaries[0] ?? '',
    snapshot.beneficiaries[1] ?? '',
    snapshot.beneficiaries[2] ?? '',
    order.ruleVersion,
    order.shipping?.carrier ?? '',
    order.shipping?.trackingNo ?? '',
    address.userName,
    address.telNumber,
    [address.provinceName, address.cityName, address.countyName].join(''),
  ];
}

export const exportOrders = handler({ query: z.strictObject(orderFilterQuery) }, async ({ query, now }) => {
  const orders = await exportRows<OrderDoc>(COLLECTIONS.orders, orderFilter(query));
  return new CsvFile(`orders-${chinaDate(now)}.csv`, toCsv(ORDER_COLUMNS, orders.map(orderRow)));
});
