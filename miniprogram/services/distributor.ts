/** The distributor center: summary, application, earnings, team, ranking, materials, withdrawals and sharing. */
import {
  DEFAULT_PAGE_SIZE,
  type ApplicationResult,
  type CenterSummary,
  type FrozenCommission,
  type LedgerEntryView,
  type Material,
  type Poster,
  type PosterBackgroundView,
  type PromotedOrder,
  type RankingRow,
  type ShareCode,
  type TeamLevel,
  type TeamPage,
  type WithdrawalQuote,
  type WithdrawalRequested,
  type WithdrawalRules,
  type WithdrawalView,
} from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';
import { clearRequestId, pendingRequestId } from '../utils/ids';
import { callCloud, CloudError } from './cloud';

export function fetchCenterSummary(options: { silent?: boolean } = {}): Promise<CenterSummary> {
  return callCloud('distributorCenter', 'summary', {}, options);
}

export function dispatchApply(application: RouteInput<'distributorCenter', 'apply'>): Promise<ApplicationResult> {
  return callCloud('distributorCenter', 'apply', application);
}

export function fetchLedgerEntries(page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<LedgerEntryView[]> {
  return callCloud('distributorCenter', 'entries', { page, pageSize });
}

export function fetchFrozenCommissions(page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<FrozenCommission[]> {
  return callCloud('distributorCenter', 'frozen', { page, pageSize });
}

export function fetchTeam(level: TeamLevel, page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<TeamPage> {
  return callCloud('distributorCenter', 'team', { level, page, pageSize });
}

export function fetchRanking(): Promise<RankingRow[]> {
  return callCloud('distributorCenter', 'ranking');
}

export function fetchMaterials(): Promise<Material[]> {
  return callCloud('distributorCenter', 'materials');
}

export function fetchWithdrawals(page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<WithdrawalView[]> {
  return callCloud('distributorCenter', 'withdrawals', { page, pageSize });
}

export function fetchShareCode(productId?: string): Promise<ShareCode> {
  return callCloud('distributorCenter', 'shareCode', productId ? { productId } : {});
}

export function fetchPoster(productId: string): Promise<Poster> {
  return callCloud('distributorCenter', 'poster', { productId });
}

/**
 * The server's own figures for a withdrawal of `amountFen` before it is confirmed: fee, the income tax the shop
 * withholds (which depends on the month's earlier payouts, so only the server can say) and what arrives.
 */
export function fetchWithdrawalQuote(amountFen: number): Promise<WithdrawalQuote> {
  return callCloud('distributorCenter', 'withdrawalQuote', { amountFen });
}

/**
 * Opens WeChat's confirm-receipt page for a 商家转账 bill (wx.requestMerchantTransfer with the bill's package from
 * the server). Resolves true when the distributor confirmed; the money's arrival is recorded by the server.
 */
export async function confirmTransfer(withdrawalId: string): Promise<boolean> {
  const {
    mchId,
    appId,
    package: packageInfo,
  } = await callCloud('distributorCenter', 'transferPackage', {
    withdrawalId,
  });
  return new Promise((resolve) => {
    wx.requestMerchantTransfer({
      mchId,
      appId,
      package: packageInfo,
      success: () => resolve(true),
      fail: () => resolve(false),
    });
  });
}

const WITHDRAW_KEY = 'pending:requestWithdrawal';

/** Requests a withdrawal of `amountFen` (gross); the requestId survives a network failure so a retry is the same request. */
export async function dispatchWithdrawal(amountFen: number): Promise<WithdrawalRequested> {
  const requestId = pendingRequestId(WITHDRAW_KEY);
  try {
    const answer = await callCloud('requestWithdrawal', 'main', { requestId, amountFen });
    clearRequestId(WITHDRAW_KEY);
    return answer;
  } catch (error) {
    if (error instanceof CloudError && error.code !== 'NETWORK') clearRequestId(WITHDRAW_KEY);
    throw error;
  }
}

/**
 * The fee and net amount shown before submitting, from the rules the server sent in the summary: the server's
 * rule is floor(amount × feeBp / 10000) (core/src/withdrawal.ts). Display only; the server decides on submit and
 * answers the real feeFen, which the history then shows.
 */
export function previewWithdrawal(amountFen: number, rules: WithdrawalRules): { feeFen: number; netFen: number } {
  const feeFen = Math.floor((amountFen * rules.feeBp) / 10000);
  return { feeFen, netFen: amountFen - feeFen };
}

let inviteCodeCache: Promise<string | null> | null = null;
let knownInviteCode: string | null = null;

/** The caller's own invite code (for share paths), or null when they are not an approved distributor. */
export function myInviteCode(): Promise<string | null> {
  inviteCodeCache ??= fetchCenterSummary({ silent: true })
    .then((summary) => {
      knownInviteCode = summary.status === 'approved' ? summary.inviteCode : null;
      return knownInviteCode;
    })
    .catch(() => {
      inviteCodeCache = null;
      return null;
    });
  return inviteCodeCache;
}

/** The invite code if it was already loaded (share handlers must answer synchronously). */
export function cachedInviteCode(): string | null {
  return knownInviteCode;
}

export function forgetInviteCode(): void {
  inviteCodeCache = null;
  knownInviteCode = null;
}

/** The orders the caller promoted, one row per commission line, newest first. */
export function fetchPromotedOrders(page: number, pageSize = DEFAULT_PAGE_SIZE): Promise<PromotedOrder[]> {
  return callCloud('distributorCenter', 'orders', { page, pageSize });
}

/** The merchant's poster backgrounds; quiet on failure (the poster is drawn plain then). */
export function fetchPosterBackgrounds(): Promise<PosterBackgroundView[]> {
  return callCloud('distributorCenter', 'posterBackgrounds', {}, { silent: true });
}
