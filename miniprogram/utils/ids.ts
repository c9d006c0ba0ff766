/** Client request ids (placeOrder, requestWithdrawal): saved before the first try so a retry is the same request. */
import { REQUEST_ID_PATTERN } from '@shop/contract';

export function newRequestId(prefix = 'r'): string {
  const random = () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return `${prefix}${Date.now().toString(36)}${random()}${random()}`;
}

/** The pending request id under `key`, created and stored on first use; `clear` it once the request succeeded. */
export function pendingRequestId(key: string): string {
  const saved = wx.getStorageSync(key) as string;
  if (typeof saved === 'string' && REQUEST_ID_PATTERN.test(saved)) return saved;
  const id = newRequestId();
  wx.setStorageSync(key, id);
  return id;
}

export function clearRequestId(key: string): void {
  wx.removeStorageSync(key);
}
