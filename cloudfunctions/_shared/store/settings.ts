/** The merchant's store settings, with the defaults a fresh shop runs on. */
import { getDoc } from '../platform/documents';
import { COLLECTIONS, type StoreSettingsDoc } from './model';
import type { Fen } from '../../../core/src';

export const DEFAULT_STORE_SETTINGS: StoreSettingsDoc = {
  _id: 'store',
  name: '全员分销小店',
  logo: '',
  introduction: '',
  shipping: { flatFen: 800 as Fen, freeOverFen: 9900 as Fen },
  autoConfirmDays: 10,
  unpaidTimeoutMinutes: 15,
};

export async function storeSettings(): Promise<StoreSettingsDoc> {
  const stored = await getDoc<Partial<StoreSettingsDoc>>(COLLECTIONS.settings, 'store');
  return { ...DEFAULT_STORE_SETTINGS, ...(stored ?? {}), _id: 'store' };
}
