/**
 * Claiming coupons. A shopper's claims of one campaign are numbered slots 1..perUser with deterministic ids, so
 * two claims racing for the same slot collide on the id and the loser moves on (or is told the limit is reached):
 * never more than perUser. The campaign's quantity is taken by one conditional update (`claimed < total`) that
 * also marks the claim as taken, so however many claim at once never more than `total` are given, and a claim
 * that died between its two writes is finished, not counted again, by the next claim of the same shopper.
 */
import { DomainError, claimedValidity } from '../../../core/src';
import type { ClaimableCoupon, CouponClaimed } from '../../../contract/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs, updatedCount } from '../platform/documents';
import { stableId } from '../platform/ids';
import { isDuplicateKey } from '../platform/transactions';
import { COLLECTIONS } from '../store/collections';
import type { CouponDoc } from '../store/coupons';
import type { CouponCampaignDoc } from '../store/marketing';

/** A claim older than this that is still `claiming` died on the way; the shopper's next claim finishes it. */
const STALE_CLAIM_MS = 30_000;

export function userCouponIdFor(campaignId: string, openid: string, slot: number): string {
  return `uc${stableId('userCoupon', campaignId, openid, String(slot))}`;
}

async function requireCampaign(campaignId: string): Promise<CouponCampaignDoc> {
  const campaign = await getDoc<CouponCampaignDoc>(COLLECTIONS.couponCampaigns, campaignId);
  if (!campaign) throw new DomainError('NOT_FOUND', { couponId: campaignId }, '优惠券不存在');
  return campaign;
}

const claimsOf = (campaignId: string, openid: string, perUser: number) =>
  listDocs<CouponDoc>(
    db()
      .collection(COLLECTIONS.coupons)
      .where({ openid, campaignId })
      .limit(perUser + 1),
  );

export async function claimCoupon(
  openid: string,
  campaignId: string,
  now: number,
  source: CouponDoc['source'] = 'claimed',
): Promise<CouponClaimed> {
  const campaign = await requireCampaign(campaignId);
  if (campaign.status !== 'active' || now < campaign.validFrom || now >= campaign.validTo)
    throw new DomainError('CAMPAIGN_NOT_ACTIVE', { couponId: campaignId });
  for (let round = 0; round <= campaign.perUser + 2; round++) {
    const mine = await claimsOf(campaignId, openid, campaign.perUser);
    const stale = mine.find((doc) => doc.status === 'claiming' && (doc.claimedAt ?? 0) < now - STALE_CLAIM_MS);
    if (stale) return finishClaim(campaign, stale);
    if (mine.length >= campaign.perUser) throw limitReached(campaignId);
    if (campaign.claimed >= campaign.total) throw soldOut(campaignId);
    const taken = new Set(mine.map((doc) => doc.slot));
    let slot = 1;
    while (taken.has(slot)) slot++;
    const doc: CouponDoc = {
      _id: userCouponIdFor(campaignId, openid, slot),
      openid,
      title: campaign.title,
      kind: campaign.kind,
      ...(campaign.amountFen !== undefined ? { amountFen: campaign.amountFen } : {}),
      ...(campaign.rateBp !== undefined ? { rateBp: campaign.rateBp } : {}),
      ...(campaign.capFen !== undefined ? { capFen: campaign.capFen } : {}),
      ...(campaign.minSpendFen !== undefined ? { minSpendFen: campaign.minSpendFen } : {}),
      ...claimedValidity(campaign, now),
      productIds: campaign.productIds,
      categoryIds: campaign.categoryIds,
      status: 'claiming',
      orderId: null,
      campaignId,
      slot,
      claimedAt: now,
      source,
    };
    try {
      await db().collection(COLLECTIONS.coupons).add({ data: doc });
    } catch (error) {
      // Another claim of this shopper took the slot first: look again.
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    return finishClaim(campaign, doc);
  }
  throw limitReached(campaignId);
}

/** Takes one unit of the campaign for this claimed slot (once), then makes the coupon usable. */
async function finishClaim(campaign: CouponCampaignDoc, doc: CouponDoc): Promise<CouponClaimed> {
  const _ = db().command;
  const campaigns = db().collection(COLLECTIONS.couponCampaigns);
  const mark = `claiming.${doc._id}`;
  const took = await campaigns
    .where({ _id: campaign._id, status: 'active', claimed: _.lt(campaign.total), [mark]: _.exists(false) })
    .update({ data: { claimed: _.inc(1), [mark]: true } });
  if (updatedCount(took) !== 1) {
    const { total } = (await campaigns.where({ _id: campaign._id, [mark]: _.exists(true) }).count()) as {
      total: number;
    };
    if (total !== 1) {
      // Nothing left (or stopped): the slot is given back so a later restock or another campaign state can use it.
      await db().collection(COLLECTIONS.coupons).where({ _id: doc._id, status: 'claiming' }).remove();
      throw soldOut(campaign._id);
    }
  }
  await db()
    .collection(COLLECTIONS.coupons)
    .where({ _id: doc._id, status: 'claiming' })
    .update({ data: { status: 'unused' } });
  await campaigns.doc(campaign._id).update({ data: { [mark]: _.remove() } });
  return { userCouponId: doc._id };
}

const soldOut = (couponId: string) => new DomainError('COUPON_SOLD_OUT', { couponId });
const limitReached = (couponId: string) => new DomainError('COUPON_LIMIT_REACHED', { couponId });

/** Coupons a shopper can see to claim now (coupon centre; with productId, those that cover that product). */
export async function claimableCoupons(
  openid: string,
  productId: string | undefined,
  now: number,
): Promise<ClaimableCoupon[]> {
  const _ = db().command;
  const campaigns = await listDocs<CouponCampaignDoc>(
    db()
      .collection(COLLECTIONS.couponCampaigns)
      .where({ status: 'active', validTo: _.gt(now) })
      .orderBy('validTo', 'asc')
      .limit(50),
  );
  let categoryId: string | undefined;
  if (productId) {
    const product = await getDoc<{ categoryId?: string }>(COLLECTIONS.products, productId);
    categoryId = product?.categoryId;
  }
  const shown = campaigns.filter(
    (campaign) =>
      campaign.validFrom <= now &&
      (!productId ||
        (campaign.productIds.length === 0 && campaign.categoryIds.length === 0) ||
        campaign.productIds.includes(productId) ||
        (categoryId !== undefined && campaign.categoryIds.includes(categoryId))),
  );
  const mine =
    shown.length === 0
      ? []
      : await listDocs<CouponDoc>(
          db()
            .collection(COLLECTIONS.coupons)
            .where({ openid, campaignId: _.in(shown.map((c) => c._id)) })
            .limit(1000),
        );
  return shown.map((campaign) => ({
    id: campaign._id,
    title: campaign.title,
    kind: campaign.kind,
    ...(campaign.amountFen !== undefined ? { amountFen: campaign.amountFen } : {}),
    ...(campaign.rateBp !== undefined ? { rateBp: campaign.rateBp } : {}),
    ...(campaign.capFen !== undefined ? { capFen: campaign.capFen } : {}),
    ...(campaign.minSpendFen !== undefined ? { minSpendFen: campaign.minSpendFen } : {}),
    validFrom: campaign.validFrom,
    validTo: campaign.validTo,
    ...(campaign.validDays !== undefined ? { validDays: campaign.validDays } : {}),
    productIds: campaign.productIds,
    categoryIds: campaign.categoryIds,
    remaining: Math.max(0, campaign.total - campaign.claimed),
    claimedByMe: mine.filter((doc) => doc.campaignId === campaign._id).length,
    perUser: campaign.perUser,
  }));
}
