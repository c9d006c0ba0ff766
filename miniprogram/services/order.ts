/** Placing, paying and following orders, and after-sales. */
import { config } from '../config';
import { clearRequestId, pendingRequestId } from '../utils/ids';
import { formatFen } from '../utils/money';
import { callCloud, CloudError, emulatorRoute, toast } from './cloud';
import type { AfterSale, Address, CartItem, Order, OrderDetail, OrderStatus, PlacedOrder } from './types';

const PLACE_ORDER_KEY = 'pending:placeOrder';

export interface PlaceOrderInput {
  items: CartItem[];
  address: Address;
  couponId?: string | null;
}

/**
 * Places the order. The requestId is saved before the first try and kept until the server answered, so a retry
 * after a timeout is the same order, never a second one.
 */
export async function dispatchPlaceOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
  const requestId = pendingRequestId(PLACE_ORDER_KEY);
  const { userName, telNumber, provinceName, cityName, countyName, detailInfo, postalCode } = input.address;
  const address: Address = { userName, telNumber, provinceName, cityName, countyName, detailInfo };
  if (postalCode) address.postalCode = postalCode;
  const data: Record<string, unknown> = { requestId, items: input.items, address };
  if (input.couponId) data.couponId = input.couponId;
  try {
    const placed = await callCloud<PlacedOrder>('placeOrder', data);
    clearRequestId(PLACE_ORDER_KEY);
    return placed;
  } catch (error) {
    // A refusal is final (a new attempt is a new request); only a network failure keeps the id for the retry.
    if (error instanceof CloudError && error.code !== 'NETWORK') clearRequestId(PLACE_ORDER_KEY);
    throw error;
  }
}

export type PayOutcome = 'paid' | 'cancelled';

/**
 * Pays with what placeOrder returned. Production: `wx.requestPayment({...payment})`. Local mode: WeChat Pay cannot
 * run against the emulator, so a simulated payment sheet asks, and the emulator delivers the payment callback.
 */
export async function payOrder(placed: PlacedOrder): Promise<PayOutcome> {
  if (config.useLocalEmulator) {
    const sheet = await wx.showModal({
      title: '模拟支付',
      content: `本地模拟器：确认支付 ${formatFen(placed.totalFen)}？`,
      confirmText: '确认支付',
      cancelText: '取消',
    });
    if (!sheet.confirm) return 'cancelled';
    await emulatorRoute(`/_emulator/pay/${placed.outTradeNo}`, { deliveries: 1 });
    return 'paid';
  }
  try {
    await wx.requestPayment({ ...placed.payment });
    return 'paid';
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? '';
    if (message.includes('cancel')) return 'cancelled';
    toast('支付失败，请稍后在订单中重新支付');
    return 'cancelled';
  }
}

export function fetchOrders(query: { status?: OrderStatus; page: number; pageSize: number }): Promise<{ orders: Order[] }> {
  const data: Record<string, unknown> = { $url: 'list', page: query.page, pageSize: query.pageSize };
  if (query.status) data.status = query.status;
  return callCloud<{ orders: Order[] }>('orders', data);
}

export function fetchOrderDetail(orderId: string): Promise<OrderDetail> {
  return callCloud<OrderDetail>('orders', { $url: 'detail', orderId });
}

export function dispatchCancelOrder(orderId: string): Promise<Order> {
  return callCloud<Order>('orders', { $url: 'cancel', orderId });
}

export function dispatchConfirmReceipt(orderId: string): Promise<Order> {
  return callCloud<Order>('orders', { $url: 'confirmReceipt', orderId });
}

export function dispatchRefund(input: { orderId: string; lines: Array<{ line: number; quantity: number }>; reason: string }): Promise<AfterSale[]> {
  return callCloud<AfterSale[]>('orders', { $url: 'requestRefund', ...input });
}

export function fetchRefunds(orderId: string): Promise<AfterSale[]> {
  return callCloud<AfterSale[]>('orders', { $url: 'refunds', orderId });
}
