/**
 * `settings/payouts`: how money leaves the shop. Kept apart from the store settings so the finance screens can
 * change it without touching the shop's face, and every change is one audited document.
 */
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';

export const PAYOUT_CHANNELS = ['manual', 'wechat-transfer'] as const;
export type PayoutChannelName = (typeof PAYOUT_CHANNELS)[number];

export interface PayoutSettingsDoc {
  _id: 'payouts';
  /**
   * Above this gross amount (fen) the operator who approved a withdrawal may not also release or mark its payment
   * (maker-checker), whatever their role; at or below it one finance operator may do both.
   */
  secondOperatorAboveFen: number;
  /** Withhold income tax on payouts (劳务报酬 预扣预缴); off by default. */
  taxWithholding: boolean;
  /**
   * `manual`: an operator pays outside the system and types the reference (标记已打款). `wechat-transfer`: an
   * approved withdrawal becomes a WeChat Pay 商家转账 bill that the distributor confirms in the mini program.
   */
  channel: PayoutChannelName;
}

export const DEFAULT_PAYOUT_SETTINGS: PayoutSettingsDoc = {
  _id: 'payouts',
  secondOperatorAboveFen: 50000,
  taxWithholding: false,
  channel: 'manual',
};

export async function payoutSettings(): Promise<PayoutSettingsDoc> {
  const stored = await getDoc<Partial<PayoutSettingsDoc>>(COLLECTIONS.settings, 'payouts');
  return { ...DEFAULT_PAYOUT_SETTINGS, ...(stored ?? {}), _id: 'payouts' };
}
