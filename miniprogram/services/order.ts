/** Placing, paying and following orders, and after-sales. */
import {
  formatFen,
  type Address,
  type AfterSale,
  type Order,
  type OrderDetail,
  type OrderList,
  type PlacedOrder,
} from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';
import { config } from '../config';
import { clearRequestId, pendingRequestId } from '../utils/ids';
import { callCloud, CloudError, emulatorRoute, toast } from './cloud';
import type { CartItem } from './shop';

const PLACE_ORDER_KEY = 'pending:placeOrder';

export interface PlaceOrderInput {
  items: CartItem[];
  address: Address;
  couponId?: string | null;
  /** 买家留言: sent only when the shopper wrote one. */
  buyerNote?: string;
  /** A group-buy order: the campaign, and the group to join (none: open a new group). */
  groupBuy?: RouteInput<'placeOrder', 'main'>['groupBuy'] | null;
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
  const order: RouteInput<'placeOrder', 'main'> = { requestId, items: input.items, address };
  if (input.couponId) order.couponId = input.couponId;
  const note = input.buyerNote?.trim();
  if (note) order.buyerNote = note;
  if (input.groupBuy) order.groupBuy = input.groupBuy;
  try {
    const placed = await callCloud('placeOrder', 'main', order);
    clearRequestId(PLACE_ORDER_KEY);
    return placed;
  } catch (error) {
    // A refusal is final (a new attempt is a new request); only a network failure keeps the id for the retry.
    if (error instanceof CloudError && error.code !== 'NETWORK') clearRequestId(PLACE_ORDER_KEY);
    throw error;
  }
}

/** `settled`: nothing was left to pay (the order was paid or closed before); the order page tells which. */
export type PayOutcome = 'paid' | 'cancelled' | 'settled';

/**
 * Pays with what placeOrder returned. Production: `wx.requestPayment({...payment})`. Local mode: WeChat Pay cannot
 * run against the emulator, so a simulated payment sheet asks, and the emulator delivers the payment callback.
 */
export async function payOrder(placed: PlacedOrder): Promise<PayOutcome> {
  // A retried request for an order that is no longer unpaid comes back without payment parameters.
  if (placed.payment === null) return 'settled';
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

export function fetchOrders(query: RouteInput<'orders', 'list'>): Promise<OrderList> {
  const input: RouteInput<'orders', 'list'> = { page: query.page, pageSize: query.pageSize };
  if (query.status) input.status = query.status;
  if (query.afterSales) input.afterSales = true;
  return callCloud('orders', 'list', input);
}

export function fetchOrderDetail(orderId: string): Promise<OrderDetail> {
  return callCloud('orders', 'detail', { orderId });
}

export function dispatchCancelOrder(orderId: string): Promise<Order> {
  return callCloud('orders', 'cancel', { orderId });
}

export function dispatchConfirmReceipt(orderId: string): Promise<Order> {
  return callCloud('orders', 'confirmReceipt', { orderId });
}

export function dispatchRefund(input: RouteInput<'orders', 'requestRefund'>): Promise<AfterSale[]> {
  return callCloud('orders', 'requestRefund', input);
}

export function fetchRefunds(orderId: string): Promise<AfterSale[]> {
  return callCloud('orders', 'refunds', { orderId });
}

export function dispatchReturnShipped(input: RouteInput<'orders', 'returnShipped'>): Promise<AfterSale> {
  return callCloud('orders', 'returnShipped', input);
}

/** The caller's own storage folder for after-sale photos (the server accepts photos from there only). */
export async function uploadAfterSalePhoto(localPath: string): Promise<string> {
  const { folder } = await callCloud('orders', 'photoFolder', {});
  const extension = /\.(\w{1,5})$/.exec(localPath)?.[1] ?? 'jpg';
  const name = `${Date.now()}-${Math.floor(Math.random() * 1e6)}.${extension}`;
  const { fileID } = await wx.cloud.uploadFile({ cloudPath: `${folder}/${name}`, filePath: localPath });
  return fileID;
}
