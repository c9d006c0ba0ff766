/**
 * `settings/afterSales`: what the merchant decides about after-sales and messages, kept apart from the store's face
 * (`settings/store`) so the two screens never overwrite each other: where returns go, how long a shopper has to send
 * goods back, and the subscribe-message template ids (blank = that message is not sent).
 */
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';

export interface ReturnAddress {
  name: string;
  phone: string;
  address: string;
}

export interface SubscribeTemplates {
  shipped: string;
  refundResult: string;
  commissionSettled: string;
  withdrawalResult: string;
}

export interface AfterSalesSettingsDoc {
  _id: 'afterSales';
  /** Shown to the shopper once a return is approved. */
  returnAddress: ReturnAddress;
  /** A return approved but not sent back within this many days closes (hourly timer). */
  returnShipDays: number;
  subscribeTemplates: SubscribeTemplates;
}

export const DEFAULT_AFTER_SALES_SETTINGS: AfterSalesSettingsDoc = {
  _id: 'afterSales',
  returnAddress: { name: '', phone: '', address: '' },
  returnShipDays: 7,
  subscribeTemplates: { shipped: '', refundResult: '', commissionSettled: '', withdrawalResult: '' },
};

export async function afterSalesSettings(): Promise<AfterSalesSettingsDoc> {
  const stored = await getDoc<Partial<AfterSalesSettingsDoc>>(COLLECTIONS.settings, 'afterSales');
  return {
    ...DEFAULT_AFTER_SALES_SETTINGS,
    ...(stored ?? {}),
    subscribeTemplates: { ...DEFAULT_AFTER_SALES_SETTINGS.subscribeTemplates, ...(stored?.subscribeTemplates ?? {}) },
    _id: 'afterSales',
  };
}
