/** The distributor center: summary, application, earnings, team, ranking, materials, withdrawals and sharing. */
import { clearRequestId, pendingRequestId } from '../utils/ids';
import { callCloud, CloudError } from './cloud';
import type { CenterSummary, FrozenCommission, LedgerEntry, Material, Poster, RankingRow, TeamPage, Withdrawal, WithdrawalRules } from './types';

export function fetchCenterSummary(options: { silent?: boolean } = {}): Promise<CenterSummary> {
  return callCloud<CenterSummary>('distributorCenter', { $url: 'summary' }, options);
}

export function dispatchApply(application: { name: string; phone: string; reason: string }): Promise<{ status: string }> {
  return callCloud<{ status: string }>('distributorCenter', { $url: 'apply', ...application });
}

export function fetchLedgerEntries(page: number, pageSize = 20): Promise<LedgerEntry[]> {
  return callCloud<LedgerEntry[]>('distributorCenter', { $url: 'entries', page, pageSize });
}

export function fetchFrozenCommissions(page: number, pageSize = 20): Promise<FrozenCommission[]> {
  return callCloud<FrozenCommission[]>('distributorCenter', { $url: 'frozen', page, pageSize });
}

export function fetchTeam(level: 1 | 2, page: number, pageSize = 20): Promise<TeamPage> {
  return callCloud<TeamPage>('distributorCenter', { $url: 'team', level, page, pageSize });
}

export function fetchRanking(): Promise<RankingRow[]> {
  return callCloud<RankingRow[]>('distributorCenter', { $url: 'ranking' });
}

export function fetchMaterials(): Promise<Material[]> {
  return callCloud<Material[]>('distributorCenter', { $url: 'materials' });
}

export function fetchWithdrawals(page: number, pageSize = 20): Promise<Withdrawal[]> {
  return callCloud<Withdrawal[]>('distributorCenter', { $url: 'withdrawals', page, pageSize });
}

export function fetchShareCode(productId?: string): Promise<{ code: string; inviteCode: string; productId: string | null }> {
  return callCloud('distributorCenter', productId ? { $url: 'shareCode', productId } : { $url: 'shareCode' });
}

export function fetchPoster(productId: string): Promise<Poster> {
  return callCloud<Poster>('distributorCenter', { $url: 'poster', productId });
}

const WITHDRAW_KEY = 'pending:requestWithdrawal';

/** Requests a withdrawal of `amountFen` (gross); the requestId survives a network failure so a retry is the same request. */
export async function dispatchWithdrawal(amountFen: number): Promise<{ withdrawalId: string; status: string; amountFen: number; feeFen: number }> {
  const requestId = pendingRequestId(WITHDRAW_KEY);
  try {
    const answer = await callCloud<{ withdrawalId: string; status: string; amountFen: number; feeFen: number }>('requestWithdrawal', { requestId, amountFen });
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
