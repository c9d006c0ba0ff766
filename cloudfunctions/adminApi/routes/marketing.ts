/**
 * The marketing centre: coupon campaigns, limited-time prices and group buys, each with its list (with live
 * figures), create, stop; coupons can also be issued to chosen shoppers or distributors.
 */
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import {
  couponCampaignBodySchema,
  flashSaleBodySchema,
  groupBuyBodySchema,
  issueCouponsBodySchema,
} from '../../../contract/src/schemas';
import { db } from '../../_shared/platform/cloud';
import { getDoc, listDocs, updatedCount } from '../../_shared/platform/documents';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { CouponCampaignDoc, FlashSaleDoc, GroupBuyDoc } from '../../_shared/store/marketing';
import type { ProductDoc } from '../../_shared/store/products';
import { claimCoupon } from '../../_shared/workflows/coupon-claims';
import { couponFigures, priceCampaignFigures } from '../../_shared/workflows/campaign-figures';
import { isDomainError } from '../../../core/src/errors';
import { recordChange } from '../audit';
import { handler } from '../router';

const LIST_LIMIT = 100;
const noQuery = z.strictObject({});

async function requireProduct(productId: string): Promise<ProductDoc> {
  const product = await getDoc<ProductDoc>(COLLECTIONS.products, productId);
  if (!product) throw new DomainError('NOT_FOUND', { productId }, '商品不存在');
  return product;
}

async function added(collection: string, doc: object): Promise<string> {
  const { _id } = (await db().collection(collection).add({ data: doc })) as { _id: string };
  return _id;
}

// ---- coupons

export const createCouponCampaign = handler({ body: couponCampaignBodySchema }, async ({ body, actor, now }) => {
  const { productIds = [], categoryIds = [], ...rest } = body;
  for (const productId of productIds) await requireProduct(productId);
  const doc: Omit<CouponCampaignDoc, '_id'> = {
    ...rest,
    productIds,
    categoryIds,
    claimed: 0,
    status: 'active',
    createdAt: now,
    createdBy: actor.username,
  };
  const id = await added(COLLECTIONS.couponCampaigns, doc);
  await recordChange(actor, 'coupon.create', `couponCampaigns/${id}`, null, { _id: id, ...doc }, now);
  return { id };
});

export const listCouponCampaigns = handler({ query: noQuery }, async () => {
  const campaigns = await listDocs<CouponCampaignDoc>(
    db().collection(COLLECTIONS.couponCampaigns).orderBy('createdAt', 'desc').limit(LIST_LIMIT),
  );
  const items = [];
  for (const { claiming: _claiming, ...campaign } of campaigns)
    items.push({ ...campaign, figures: await couponFigures(campaign._id, campaign.claimed) });
  return { items };
});

/** Gives the coupon to each chosen shopper, within the campaign's total and per-shopper limit. */
export const issueCoupons = handler({ body: issueCouponsBodySchema }, async ({ params, body, actor, now }) => {
  const id = params.id as string;
  const results: Array<{ openid: string; userCouponId?: string; error?: string }> = [];
  for (const openid of [...new Set(body.openids)]) {
    try {
      results.push({ openid, userCouponId: (await claimCoupon(openid, id, now, 'issued')).userCouponId });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      results.push({ openid, error: error.code });
    }
  }
  await recordChange(actor, 'coupon.issue', `couponCampaigns/${id}`, null, { results }, now);
  return { results };
});

// ---- limited-time prices

export const createFlashSale = handler({ body: flashSaleBodySchema }, async ({ body, actor, now }) => {
  const product = await requireProduct(body.productId);
  if (body.priceFen >= product.priceFen)
    throw new DomainError('INVALID_INPUT', { field: 'priceFen' }, '活动价必须低于商品原价');
  const doc: Omit<FlashSaleDoc, '_id'> = {
    ...body,
    title: body.title ?? product.title,
    sold: 0,
    status: 'active',
    createdAt: now,
    createdBy: actor.username,
  };
  const id = await added(COLLECTIONS.flashSales, doc);
  await recordChange(actor, 'flashSale.create', `flashSales/${id}`, null, { _id: id, ...doc }, now);
  return { id };
});

export const listFlashSales = handler({ query: noQuery }, async () => {
  const sales = await listDocs<FlashSaleDoc>(
    db().collection(COLLECTIONS.flashSales).orderBy('createdAt', 'desc').limit(LIST_LIMIT),
  );
  const items = [];
  for (const sale of sales) items.push({ ...sale, figures: await priceCampaignFigures(sale._id) });
  return { items };
});

// ---- group buys

export const createGroupBuy = handler({ body: groupBuyBodySchema }, async ({ body, actor, now }) => {
  const product = await requireProduct(body.productId);
  if (body.groupPriceFen > product.priceFen)
    throw new DomainError('INVALID_INPUT', { field: 'groupPriceFen' }, '拼团价不能高于商品原价');
  const doc: Omit<GroupBuyDoc, '_id'> = {
    ...body,
    title: body.title ?? product.title,
    status: 'active',
    createdAt: now,
    createdBy: actor.username,
  };
  const id = await added(COLLECTIONS.groupBuys, doc);
  await recordChange(actor, 'groupBuy.create', `groupBuys/${id}`, null, { _id: id, ...doc }, now);
  return { id };
});

export const listGroupBuys = handler({ query: noQuery }, async () => {
  const campaigns = await listDocs<GroupBuyDoc>(
    db().collection(COLLECTIONS.groupBuys).orderBy('createdAt', 'desc').limit(LIST_LIMIT),
  );
  const items = [];
  for (const campaign of campaigns) {
    const _ = db().command;
    const groups = await listDocs<{ status: string }>(
      db()
        .collection(COLLECTIONS.groups)
        .where({ campaignId: campaign._id, status: _.in(['open', 'succeeded', 'failed']) })
        .field({ status: true })
        .limit(1000),
    );
    const count = (status: string) => groups.filter((g) => g.status === status).length;
    items.push({
      ...campaign,
      figures: {
        ...(await priceCampaignFigures(campaign._id)),
        groupsOpen: count('open'),
        groupsSucceeded: count('succeeded'),
        groupsFailed: count('failed'),
      },
    });
  }
  return { items };
});

// ---- stop (any of the three)

const STOPPABLE = {
  coupons: COLLECTIONS.couponCampaigns,
  'flash-sales': COLLECTIONS.flashSales,
  'group-buys': COLLECTIONS.groupBuys,
} as const;

/** Stops a campaign: no new claims, prices or groups. Coupons already claimed stay usable; open groups run out. */
export function stopCampaign(kind: keyof typeof STOPPABLE) {
  return handler({}, async ({ params, actor, now }) => {
    const id = params.id as string;
    const collection = STOPPABLE[kind];
    const before = await getDoc<{ status: string }>(collection, id);
    if (!before) throw new DomainError('NOT_FOUND', { id }, '活动不存在');
    const moved = await db()
      .collection(collection)
      .where({ _id: id, status: 'active' })
      .update({ data: { status: 'stopped', stoppedAt: now } });
    if (updatedCount(moved) === 1)
      await recordChange(actor, `${kind}.stop`, `${collection}/${id}`, before, { ...before, status: 'stopped' }, now);
    return { id, status: 'stopped' };
  });
}
