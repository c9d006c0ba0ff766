/** The merchant's store settings, with the defaults a fresh shop runs on. */
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';
import type { Fen, ShippingRules } from '../../../core/src';

/** `settings/store`: what the merchant edits on the store settings screen. */
export interface StoreSettingsDoc {
  _id: 'store';
  name: string;
  logo: string;
  introduction: string;
  /** 客服电话 shown to shoppers; '' when the merchant set none. */
  servicePhone: string;
  shipping: ShippingRules;
  /** Shipped orders are confirmed received automatically after this many days. */
  autoConfirmDays: number;
  /** Unpaid orders are cancelled after this many minutes and their stock released. */
  unpaidTimeoutMinutes: number;
}

export const DEFAULT_STORE_SETTINGS: StoreSettingsDoc = {
  _id: 'store',
  name: '全员分销小店',
  logo: '',
  introduction: '',
  servicePhone: '',
  shipping: { flatFen: 800 as Fen, freeOverFen: 9900 as Fen },
  autoConfirmDays: 10,
  unpaidTimeoutMinutes: 15,
};

export async function storeSettings(): Promise<StoreSettingsDoc> {
  const stored = await getDoc<Partial<StoreSettingsDoc>>(COLLECTIONS.settings, 'store');
  return { ...DEFAULT_STORE_SETTINGS, ...(stored ?? {}), _id: 'store' };
}
