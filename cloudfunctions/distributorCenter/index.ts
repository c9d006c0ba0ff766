/**
 * The distributor center, routed by `$url`. `summary` in open recruitment makes the caller a distributor with an
 * invite code on first call. Everything is about the caller only (OPENID from the platform context).
 */
import { DomainError } from '../../core/src';
import { liveRules } from '../_shared/workflows/checkout';
import { applyAsDistributor, ensureDistributor } from '../_shared/workflows/distributors';
import {
  frozenCommissions,
  ledgerEntries,
  materials,
  ranking,
  summary,
  team,
  withdrawals,
} from '../_shared/workflows/distributor-center';
import { posterBackgroundViews, posterFor } from '../_shared/workflows/poster';
import { promotedOrders } from '../_shared/workflows/promoted-orders';
import { payeeView, quoteWithdrawal, savePayee } from '../_shared/workflows/withdrawal-quote';
import { transferPackage } from '../_shared/workflows/transfer-package';
import { distributorFunnel } from '../_shared/store/rollups';

import { shareCodeFor, assertShareableProduct } from '../_shared/store/share-codes';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';

async function approvedDistributor(now: number) {
  const distributor = await ensureDistributor(callerOpenid(), await liveRules(), now);
  if (distributor?.status !== 'approved')
    throw new DomainError('NOT_A_DISTRIBUTOR', { status: distributor?.status ?? 'none' }, '成为分销员后才能推广');
  return distributor;
}

export const main = defineContractFunction('distributorCenter', {
  summary: async () => summary(callerOpenid(), await liveRules(), Date.now()),
  apply: async (application) => {
    const doc = await applyAsDistributor(callerOpenid(), application, await liveRules(), Date.now());
    return { status: doc.status };
  },
  entries: async ({ page, pageSize }) => ledgerEntries(callerOpenid(), page, pageSize),
  frozen: async ({ page, pageSize }) => frozenCommissions(callerOpenid(), page, pageSize),
  team: async ({ level, page, pageSize }) => team(callerOpenid(), level, page, pageSize),
  ranking: async () => ranking(callerOpenid()),
  materials: async () => materials(),
  withdrawals: async ({ page, pageSize }) => withdrawals(callerOpenid(), page, pageSize),
  orders: async ({ page, pageSize }) => promotedOrders(callerOpenid(), page, pageSize),
  posterBackgrounds: async () => posterBackgroundViews(),
  // The product is checked before anything is written (an open-recruitment distributor document included).
  shareCode: async ({ productId, campaign }) => {
    const now = Date.now();
    if (productId !== undefined) await assertShareableProduct(productId);
    const distributor = await approvedDistributor(now);
    const share = await shareCodeFor(distributor._id, productId ?? null, campaign ?? null, now);
    return { code: share._id, inviteCode: distributor.inviteCode, productId: share.productId };
  },
  poster: async ({ productId, campaign }) => {
    const now = Date.now();
    await assertShareableProduct(productId);
    const distributor = await approvedDistributor(now);
    const share = await shareCodeFor(distributor._id, productId, campaign ?? null, now);
    return { code: share._id, ...(await posterFor(share, now)) };
  },
  withdrawalQuote: async ({ amountFen }) => quoteWithdrawal(callerOpenid(), amountFen, Date.now()),
  payee: async () => payeeView(callerOpenid()),
  savePayee: async (payee) => savePayee(callerOpenid(), payee, Date.now()),
  transferPackage: async ({ withdrawalId }) => transferPackage(callerOpenid(), withdrawalId),
  /** The caller's own funnel: opened → viewed → ordered → paid → kept, from the daily counters. */
  funnel: async ({ days }) => distributorFunnel(callerOpenid(), days, Date.now()),
});
