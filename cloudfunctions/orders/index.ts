/**
 * The shopper's orders, routed by `$url`: list, detail, cancel, confirmReceipt, requestRefund, refunds. Every route
 * acts on the caller's own orders only; someone else's order answers NOT_FOUND, as if it did not exist.
 */
import { z } from 'zod';
import { ORDER_STATES } from '../../core/src';
import { confirmReceipt } from '../_shared/workflows/fulfilment';
import { cancelOrder } from '../_shared/workflows/orders';
import { requestAfterSale } from '../_shared/workflows/refunds';
import { afterSaleView, myAfterSales, myOrderDetail, myOrders, orderView } from '../_shared/workflows/shopper-orders';
import { defineRoutedFunction, route } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { idSchema, pageSchema, requestIdSchema } from '../_shared/platform/input-schemas';

const byOrder = z.strictObject({ orderId: idSchema });

export const main = defineRoutedFunction('orders', {
  list: route(z.strictObject({ status: z.enum(ORDER_STATES).optional(), ...pageSchema }), async (query) => myOrders(callerOpenid(), query)),
  detail: route(byOrder, async ({ orderId }) => myOrderDetail(callerOpenid(), orderId)),
  cancel: route(byOrder, async ({ orderId }) => orderView(await cancelOrder(orderId, { openid: callerOpenid() }, Date.now()))),
  confirmReceipt: route(byOrder, async ({ orderId }) => {
    const { after } = await confirmReceipt(orderId, { openid: callerOpenid() }, Date.now());
    return orderView(after);
  }),
  requestRefund: route(
    z.strictObject({
      orderId: idSchema,
      lines: z.array(z.strictObject({ line: z.int().min(0).max(99), quantity: z.int().min(1).max(999) })).min(1).max(50),
      reason: z.string().trim().min(1).max(200),
      requestId: requestIdSchema.optional(),
    }),
    async (request) => (await requestAfterSale(callerOpenid(), request, Date.now())).map(afterSaleView),
  ),
  refunds: route(byOrder, async ({ orderId }) => myAfterSales(callerOpenid(), orderId)),
});
