/**
 * The dashboard: today / 7 / 30 China-time days of paid GMV, refunds and net sales (kept apart and labelled), orders,
 * paid conversion, new distributors, commission (accrued, reversed, its share of net sales; frozen now, settled,
 * paid out), the refund rate, and the top products and distributors by net. Every figure but the new distributors
 * comes from the daily rollups (`store/rollups.ts`): O(days + products and distributors active in the range)
 * documents, whatever the history; commission by state from its per-shard counters (at most 16 a day, 16 all-time). Shares are rounded half up by the core (`roundedRatioBp`), and null (—) when there is nothing to divide.
 */
import { z } from 'zod';
import { peopleRecord } from '../../_shared/store/people';
import { chinaDate, chinaDayBounds, DAY_MS } from '../../../contract/src';
import {
  distributorFiguresOf,
  productFiguresOf,
  shopDayOf,
  summariseDistributor,
  summariseProduct,
  summariseShop,
  rankFromDailyLeaders,
  topByNet,
  type DistributorFigures,
  type ProductFigures,
} from '../../../core/src';
import { db } from '../../_shared/platform/cloud';
import { COLLECTIONS } from '../../_shared/store/collections';
import {
  commissionStatesBetween,
  dailyDistributorLeaders,
  distributorDays,
  figuresBetween,
  type FigureDoc,
} from '../../_shared/store/rollups';
import { countOf } from '../queries';
import { handler } from '../router';

const RANGE_DAYS = { today: 1, '7d': 7, '30d': 30 } as const;
const TOP_COUNT = 5;
/** Leaders read per day at first: a few more than shown, enough to prove the ranking in a typical shop. */
const DAILY_LEADERS = 4 * TOP_COUNT;

interface Window {
  from: number;
  to: number;
  days: number;
  dates: string[];
}

function windowOf(range: keyof typeof RANGE_DAYS, now: number): Window {
  const days = RANGE_DAYS[range];
  const today = chinaDayBounds(now);
  const from = today.start - (days - 1) * DAY_MS;
  const dates = Array.from({ length: days }, (_unused, index) => chinaDate(from + index * DAY_MS));
  return { from, to: today.end, days, dates };
}

function within(window: Window) {
  const _ = db().command;
  return _.gte(window.from).and(_.lt(window.to));
}

/** Counter documents of one kind in the window, summed per subject. */
function bySubject<T>(docs: FigureDoc[], read: (doc: FigureDoc) => T): Map<string, { rows: T[]; label: string }> {
  const grouped = new Map<string, { rows: T[]; label: string }>();
  for (const doc of docs) {
    const subject = doc.subject as string;
    const entry = grouped.get(subject) ?? { rows: [], label: '' };
    entry.rows.push(read(doc));
    if (doc.label) entry.label = doc.label;
    grouped.set(subject, entry);
  }
  return grouped;
}

/**
 * The range's top distributors by direct net sales, exact. Candidates are every distributor that led some day (the
 * day's first `limit` on the index); their whole range is then read by id, so their totals are exact, and the core
 * says whether someone who led no day could still outrank them. When it could (sales spread evenly), each day's
 * leaders are read deeper, so a typical shop, where a few distributors sell most, reads O(days) documents and an
 * even one reads more, never a wrong list.
 */
async function rankDistributors(dates: readonly string[]) {
  for (let limit = DAILY_LEADERS; ; limit *= 4) {
    const leaderDays = await dailyDistributorLeaders(dates, limit);
    const candidates = [...new Set(leaderDays.flat().map((doc) => doc.subject as string))];
    const distributors = new Map(
      [...bySubject<DistributorFigures>(await distributorDays(candidates, dates), distributorFiguresOf)].map(
        ([id, { rows }]) => [id, summariseDistributor(rows)],
      ),
    );
    const ranked = rankFromDailyLeaders(
      leaderDays.map((docs) => ({
        limit,
        leaders: docs.map((doc) => ({ openid: doc.subject as string, directNetFen: Number(doc.directNetFen ?? 0) })),
      })),
      distributors,
      (d) => d.directNetFen,
      TOP_COUNT,
    );
    // A day read to its end adds nothing to the ceiling, so once every day is, the ranking is exact.
    if (ranked.exact) return ranked.top;
  }
}

export const dashboard = handler(
  { query: z.strictObject({ range: z.enum(['today', '7d', '30d']).default('today') }) },
  async ({ query, now }) => {
    const window = windowOf(query.range, now);
    const first = window.dates[0] as string;
    const last = window.dates[window.days - 1] as string;
    const [shopDays, productDays, topDistributors, commission, newDistributors] = await Promise.all([
      figuresBetween('shop', first, last),
      figuresBetween('product', first, last),
      rankDistributors(window.dates),
      commissionStatesBetween(first, last),
      countOf(
        db()
          .collection(COLLECTIONS.distributors)
          .where({ status: 'approved', decidedAt: within(window) }),
      ),
    ]);
    const dayByDate = new Map(shopDays.map((doc) => [doc.date as string, shopDayOf(doc)]));
    const days = window.dates.map((date) => ({ date, figures: dayByDate.get(date) ?? shopDayOf() }));
    const total = summariseShop(days.map((day) => day.figures));

    const products = new Map(
      [...bySubject<ProductFigures>(productDays, productFiguresOf)].map(([id, { rows, label }]) => [
        id,
        { title: label, ...summariseProduct(rows) },
      ]),
    );

    return {
      range: query.range,
      from: window.from,
      to: window.to,
      /** 支付金额 (paid GMV), kept under its old name too. */
      salesFen: total.paidFen,
      paidFen: total.paidFen,
      refundedFen: total.refundedFen,
      netSalesFen: total.netSalesFen,
      /** Every order paid in the range, those refunded later included (fullyRefundedOrders says how many). */
      paidOrders: total.paidOrders,
      refunds: total.refunds,
      fullyRefundedOrders: total.fullyRefundedOrders,
      createdOrders: total.placedOrders,
      paidOfCreated: total.paidOfPlaced,
      paidConversionBp: total.paidConversionBp,
      newDistributors,
      commission: {
        accruedFen: total.commissionAccruedFen,
        reversedFen: total.commissionReversedFen,
        /** Accrued less reversed: what the range's sales cost in commission. */
        bookedFen: total.commissionNetFen,
        shareOfNetSalesBp: total.commissionShareOfNetBp,
        ...commission,
      },
      refundRateBp: total.refundRateBp,
      topProducts: topByNet(products, (p) => p.netFen, TOP_COUNT).map(([productId, p]) => ({
        productId,
        title: p.title,
        quantity: p.netQuantity,
        paidFen: p.paidFen,
        refundedFen: p.refundedFen,
        netFen: p.netFen,
      })),
      topDistributors: topDistributors.map(([openid, d]) => ({
        openid,
        orders: d.directOrders,
        paidFen: d.directPaidFen,
        refundedFen: d.directRefundedFen,
        netFen: d.directNetFen,
        refundRateBp: d.refundRateBp,
        commissionNetFen: d.commissionNetFen,
      })),
      people: await peopleRecord(topDistributors.map(([openid]) => openid)),
      series: days.map(({ date, figures }) => ({
        date,
        salesFen: figures.paidFen,
        refundedFen: figures.refundedFen,
        netSalesFen: figures.paidFen - figures.refundedFen,
        paidOrders: figures.paidOrders,
        createdOrders: figures.placedOrders,
      })),
    };
  },
);
