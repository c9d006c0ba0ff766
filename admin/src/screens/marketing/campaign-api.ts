/** The marketing centre's calls: list (with live figures), create and stop, for each of the three tools. */
import { request } from '../../api';

export type CampaignKind = 'coupons' | 'flash-sales' | 'group-buys';

export type { CampaignFigures } from '../../../../contract/src/wire/admin-reports';
import type { CampaignFigures } from '../../../../contract/src/wire/admin-reports';

export interface CampaignRow {
  _id: string;
  title: string;
  status: 'active' | 'stopped';
  productId?: string;
  kind?: 'amount_off' | 'percent_off';
  amountFen?: number;
  rateBp?: number;
  priceFen?: number;
  groupPriceFen?: number;
  size?: number;
  total?: number;
  perUser?: number;
  validFrom?: number;
  validTo?: number;
  startAt?: number;
  endAt?: number;
  commission?: 'paid' | 'none';
  figures: CampaignFigures;
}

export const campaignApi = {
  list: (kind: CampaignKind) => request<{ items: CampaignRow[] }>('GET', `/${kind}`),
  create: (kind: CampaignKind, body: Record<string, unknown>) => request<{ id: string }>('POST', `/${kind}`, { body }),
  stop: (kind: CampaignKind, id: string) => request<{ id: string }>('POST', `/${kind}/${encodeURIComponent(id)}/stop`),
};
