/**
 * `placeOrder {requestId, items, address, couponId?}` → `{orderId, totalFen, payment, outTradeNo}`. Prices and
 * stock are decided on the server; the same requestId from the same shopper always means the same order.
 */
import { z } from 'zod';
import { placeOrder } from '../_shared/workflows/orders';
import { defineFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { addressSchema, cartItemsSchema, idSchema, requestIdSchema } from '../_shared/platform/input-schemas';

export const main = defineFunction(
  'placeOrder',
  z.strictObject({ requestId: requestIdSchema, items: cartItemsSchema, address: addressSchema, couponId: idSchema.optional() }),
  async (input) => {
    const { orderId, totalFen, payment, outTradeNo } = await placeOrder(callerOpenid(), input, Date.now());
    return { orderId, totalFen, payment, outTradeNo };
  },
);
