/**
 * The distributor center, routed by `$url`. `summary` in open recruitment makes the caller a distributor with an
 * invite code on first call. Everything is about the caller only (OPENID from the platform context).
 */
import { z } from 'zod';
import { DomainError } from '../../core/src';
import { liveRules } from '../_shared/workflows/checkout';
import { applyAsDistributor, ensureDistributor } from '../_shared/workflows/distributors';
import { frozenCommissions, ledgerEntries, materials, ranking, summary, team, withdrawals } from '../_shared/workflows/distributor-center';
import { posterFor } from '../_shared/workflows/poster';
import { shareCodeFor, assertShareableProduct, campaignSchema } from '../_shared/store/share-codes';
import { defineRoutedFunction, route } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { idSchema, pageSchema } from '../_shared/platform/input-schemas';

async function approvedDistributor(now: number) {
  const distributor = await ensureDistributor(callerOpenid(), await liveRules(), now);
  if (distributor?.status !== 'approved') throw new DomainError('NOT_A_DISTRIBUTOR', { status: distributor?.status ?? 'none' }, '成为分销员后才能推广');
  return distributor;
}

const paging = z.strictObject(pageSchema);

export const main = defineRoutedFunction('distributorCenter', {
  summary: route(z.strictObject({}), async () => summary(callerOpenid(), await liveRules(), Date.now())),
  apply: route(
    z.strictObject({
      name: z.string().trim().min(1).max(30),
      phone: z.string().regex(/^1\d{10}$/, '请填写 11 位手机号'),
      reason: z.string().trim().max(500).default(''),
    }),
    async (application) => {
      const doc = await applyAsDistributor(callerOpenid(), application, await liveRules(), Date.now());
      return { status: doc.status };
    },
  ),
  entries: route(paging, async ({ page, pageSize }) => ledgerEntries(callerOpenid(), page, pageSize)),
  frozen: route(paging, async ({ page, pageSize }) => frozenCommissions(callerOpenid(), page, pageSize)),
  team: route(z.strictObject({ level: z.union([z.literal(1), z.literal(2)]).default(1), ...pageSchema }), async ({ level, page, pageSize }) =>
    team(callerOpenid(), level, page, pageSize),
  ),
  ranking: route(z.strictObject({}), async () => ranking(callerOpenid())),
  materials: route(z.strictObject({}), async () => materials()),
  withdrawals: route(paging, async ({ page, pageSize }) => withdrawals(callerOpenid(), page, pageSize)),
  // The product is checked before anything is written (an open-recruitment distributor document included).
  shareCode: route(z.strictObject({ productId: idSchema.optional(), campaign: campaignSchema.optional() }), async ({ productId, campaign }) => {
    const now = Date.now();
    if (productId !== undefined) await assertShareableProduct(productId);
    const distributor = await approvedDistributor(now);
    const share = await shareCodeFor(distributor._id, productId ?? null, campaign ?? null, now);
    return { code: share._id, inviteCode: distributor.inviteCode, productId: share.productId };
  }),
  poster: route(z.strictObject({ productId: idSchema, campaign: campaignSchema.optional() }), async ({ productId, campaign }) => {
    const now = Date.now();
    await assertShareableProduct(productId);
    const distributor = await approvedDistributor(now);
    const share = await shareCodeFor(distributor._id, productId, campaign ?? null, now);
    return { code: share._id, ...(await posterFor(share, now)) };
  }),
});
