/**
 * The shopper's orders, routed by `$url`: list, detail, cancel, confirmReceipt, requestRefund, refunds,
 * returnShipped, photoFolder. Every route acts on the caller's own orders only; someone else's order or after-sale
 * answers NOT_FOUND, as if it did not exist.
 */
import { confirmReceipt } from '../_shared/workflows/fulfilment';
import { cancelOrder } from '../_shared/workflows/orders';
import { requestAfterSale, shipReturn } from '../_shared/workflows/refunds';
import { checkPhotos, photoFolderOf } from '../_shared/workflows/after-sale-photos';
import { afterSaleViews, myAfterSales, myOrderDetail, myOrders, orderView } from '../_shared/workflows/shopper-orders';
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
  requestRefund: async (request) => {
    const openid = callerOpenid();
    const photos = await checkPhotos(openid, request.photos);
    return afterSaleViews(await requestAfterSale(openid, { ...request, photos }, Date.now()));
  },
  refunds: async ({ orderId }) => myAfterSales(callerOpenid(), orderId),
  returnShipped: async (shipment) => {
    const [view] = await afterSaleViews([await shipReturn(callerOpenid(), shipment, Date.now())]);
    return view as NonNullable<typeof view>;
  },
  photoFolder: async () => ({ folder: photoFolderOf(callerOpenid()) }),
});
