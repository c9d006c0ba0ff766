/**
 * `placeOrder {requestId, items: [{productId, skuId?, quantity}], address, couponId?, buyerNote?, groupBuy?}` →
 * `{orderId, orderNo, totalFen, payment, outTradeNo, groupId?}`. Prices and
 * stock are decided on the server; the same requestId from the same shopper always means the same order.
 */
import { placeOrder } from '../_shared/workflows/orders';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';

export const main = defineContractFunction('placeOrder', {
  main: async (input) => {
    const { orderId, orderNo, totalFen, payment, outTradeNo, groupId } = await placeOrder(
      callerOpenid(),
      input,
      Date.now(),
    );
    return { orderId, orderNo, totalFen, payment, outTradeNo, ...(groupId ? { groupId } : {}) };
  },
});
