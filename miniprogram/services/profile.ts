/**
 * The shopper's own profile and the store's face. Profiles the way WeChat allows today: the avatar from
 * `<button open-type="chooseAvatar">` (uploaded to cloud storage under `avatars/`), the nickname from
 * `<input type="nickname">`, the phone from `<button open-type="getPhoneNumber">`'s one-use code, which only the
 * server can exchange.
 */
import type { MyProfile, StoreFace } from '@shop/contract';
import { config } from '../config';
import { callCloud, CloudError } from './cloud';

const STORE_KEY = 'store:face';
/** The store's face changes rarely: pages show the stored one at once and refresh it in the background. */
const STORE_MAX_AGE_MS = 10 * 60 * 1000;

export function fetchProfile(): Promise<MyProfile> {
  return callCloud('shop', 'profile', {}, { silent: true });
}

export function saveNickname(nickname: string): Promise<MyProfile> {
  return callCloud('shop', 'updateProfile', { nickname });
}

export function bindPhone(code: string): Promise<MyProfile> {
  return callCloud('shop', 'bindPhone', { code });
}

/** Uploads the chosen avatar (a temporary file) and saves its fileID. */
export async function saveAvatar(tempFilePath: string): Promise<MyProfile> {
  if (config.useLocalEmulator) {
    // The emulator's storage has no upload door for the mini program: say so rather than fail silently.
    throw new CloudError('INVALID_INPUT', '本地模拟器模式下不能上传头像');
  }
  const extension = /\.(png|jpe?g|webp)$/i.exec(tempFilePath)?.[1]?.toLowerCase() ?? 'png';
  const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}.${extension}`;
  const { fileID } = await wx.cloud.uploadFile({ cloudPath: `avatars/${name}`, filePath: tempFilePath });
  return callCloud('shop', 'updateProfile', { avatarFileId: fileID });
}

export const DEFAULT_STORE: StoreFace = { name: '全员分销小店', logo: '', introduction: '', servicePhone: '' };

/** The stored face (or the default) at once; `fetchStore` refreshes it. */
export function cachedStore(): StoreFace {
  const stored = wx.getStorageSync(STORE_KEY) as { face?: StoreFace } | '';
  return stored && stored.face ? stored.face : DEFAULT_STORE;
}

export async function fetchStore(): Promise<StoreFace> {
  const stored = wx.getStorageSync(STORE_KEY) as { face?: StoreFace; at?: number } | '';
  if (stored && stored.face && typeof stored.at === 'number' && Date.now() - stored.at < STORE_MAX_AGE_MS) {
    return stored.face;
  }
  const face = await callCloud('shop', 'store', {}, { silent: true });
  wx.setStorageSync(STORE_KEY, { face, at: Date.now() });
  return face;
}

/** The store's name as the navigation bar's title (the page's own title stays for pages that have one). */
export async function titleWithStoreName(): Promise<StoreFace> {
  const face = await fetchStore();
  wx.setNavigationBarTitle({ title: face.name });
  return face;
}
