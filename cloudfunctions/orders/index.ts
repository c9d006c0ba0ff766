/**
 * The shopper's orders, routed by `$url`: list, detail, cancel, confirmReceipt, requestRefund, refunds. Every route
 * acts on the caller's own orders only; someone else's order answers NOT_FOUND, as if it did not exist.
 */
import { confirmReceipt } from '../_shared/workflows/fulfilment';
import { cancelOrder } from '../_shared/workflows/orders';
import { requestAfterSale } from '../_shared/workflows/refunds';
import { afterSaleView, myAfterSales, myOrderDetail, myOrders, orderView } from '../_shared/workflows/shopper-orders';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';

export const main = defineContractFunction('orders', {
  list: async (query) => myOrders(callerOpenid(), query),
  detail: async ({ orderId }) => myOrderDetail(callerOpenid(), orderId),
  cancel: async ({ orderId }) => orderView(await cancelOrder(orderId, { openid: callerOpenid() }, Date.now())),
  confirmReceipt: async ({ orderId }) => {
    const { after } = await confirmReceipt(orderId, { openid: callerOpenid() }, Date.now());
    return orderView(after);
  },
  requestRefund: async (request) => (await requestAfterSale(callerOpenid(), request, Date.now())).map(afterSaleView),
  refunds: async ({ orderId }) => myAfterSales(callerOpenid(), orderId),
});
