/**
 * Shapes the admin API answers and the admin page reads, for reports built on the server (the tax report, a
 * campaign's live figures). Defined once here so the page cannot drift from what the server sends.
 */

/** One person's month in `GET /api/admin/tax-report`: name and ID number masked (`张*`), or 未登记. */
export interface TaxReportRow {
  openid: string;
  name: string;
  idNumberMasked: string;
  incomeFen: number;
  taxFen: number;
  payouts: number;
}

/** A marketing campaign's live figures in the marketing centre's lists. */
export interface CampaignFigures {
  claimed?: number;
  used?: number;
  orders: number;
  gmvFen: number;
  commissionFen: number;
  groupsOpen?: number;
  groupsSucceeded?: number;
  groupsFailed?: number;
}
