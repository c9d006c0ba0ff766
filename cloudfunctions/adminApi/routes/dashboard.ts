/**
 * The dashboard: sales, orders, conversion, new distributors, commission and refunds over today / 7 / 30 China-time
 * days, with a per-day series. Every figure is one bounded aggregation, so the cost does not grow with history.
 */
import { z } from 'zod';
import { peopleRecord } from '../../_shared/store/people';
import { chinaDate, chinaDayBounds, DAY_MS } from '../../../contract/src';
import { db } from '../../_shared/platform/cloud';
import { COLLECTIONS } from '../../_shared/store/collections';
import { aggregateList, countOf, SOLD_ORDER_STATES } from '../queries';
import { handler } from '../router';

const RANGE_DAYS = { today: 1, '7d': 7, '30d': 30 } as const;
const TOP_COUNT = 5;
const BP_SCALE = 10_000;

interface Window {
  from: number;
  to: number;
  days: number;
}

function windowOf(range: keyof typeof RANGE_DAYS, now: number): Window {
  const days = RANGE_DAYS[range];
  const today = chinaDayBounds(now);
  return { from: today.start - (days - 1) * DAY_MS, to: today.end, days };
}

/** floor(part / whole) in basis points; 0 when there is nothing to divide by. */
function ratioBp(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * BP_SCALE) / whole);
}

function within(window: Window) {
  const _ = db().command;
  return _.gte(window.from).and(_.lt(window.to));
}

/** The day of the window a timestamp field falls on (0 = first day). */
function dayIndex(field: string, window: Window) {
  const $ = db().command.aggregate;
  return $.floor($.divide([$.subtract([`$${field}`, window.from]), DAY_MS]));
}

async function paidByDay(window: Window) {
  const _ = db().command;
  const $ = _.aggregate;
  return aggregateList<{ _id: number; salesFen: number; orders: number; refundedFen: number }>(
    db()
      .collection(COLLECTIONS.orders)
      .aggregate()
      .match({ paidAt: within(window), status: _.in(SOLD_ORDER_STATES) })
      .group({
        _id: dayIndex('paidAt', window),
        salesFen: $.sum('$totalFen'),
        orders: $.sum(1),
        refundedFen: $.sum($.ifNull(['$refundedFen', 0])),
      })
      .limit(window.days),
  );
}

async function createdByDay(window: Window) {
  const $ = db().command.aggregate;
  return aggregateList<{ _id: number; created: number; paid: number }>(
    db()
      .collection(COLLECTIONS.orders)
      .aggregate()
      .match({ createdAt: within(window) })
      .group({
        _id: dayIndex('createdAt', window),
        created: $.sum(1),
        paid: $.sum($.cond([$.in(['$status', SOLD_ORDER_STATES]), 1, 0])),
      })
      .limit(window.days),
  );
}

async function topProducts(window: Window) {
  const _ = db().command;
  const $ = _.aggregate;
  return aggregateList<{ _id: string; title: string; quantity: number; salesFen: number }>(
    db()
      .collection(COLLECTIONS.orders)
      .aggregate()
      .match({ paidAt: within(window), status: _.in(SOLD_ORDER_STATES) })
      .unwind('$lines')
      .group({
        _id: '$lines.productId',
        title: $.first('$lines.title'),
        quantity: $.sum('$lines.quantity'),
        salesFen: $.sum('$lines.paidFen'),
      })
      .sort({ salesFen: -1, _id: 1 })
      .limit(TOP_COUNT),
  );
}

/** Ranked by the sales they brought in directly (level 1), the figure a merchant rewards. */
async function topDistributors(window: Window) {
  const _ = db().command;
  const $ = _.aggregate;
  return aggregateList<{ _id: string; salesFen: number; orders: number }>(
    db()
      .collection(COLLECTIONS.orders)
      .aggregate()
      .match({ paidAt: within(window), status: _.in(SOLD_ORDER_STATES), 'snapshot.beneficiaries.0': _.neq(null) })
      .group({ _id: $.arrayElemAt(['$snapshot.beneficiaries', 0]), salesFen: $.sum('$totalFen'), orders: $.sum(1) })
      .sort({ salesFen: -1, _id: 1 })
      .limit(TOP_COUNT),
  );
}

async function sumOf(collection: string, match: object, fields: readonly string[]): Promise<Record<string, number>> {
  const $ = db().command.aggregate;
  const group: Record<string, unknown> = { _id: null };
  for (const field of fields) group[field] = $.sum(`$${field}`);
  const [totals] = await aggregateList<Record<string, number>>(
    db().collection(collection).aggregate().match(match).group(group).limit(1),
  );
  return Object.fromEntries(fields.map((field) => [field, totals?.[field] ?? 0]));
}

async function commissionFigures(window: Window) {
  const _ = db().command;
  const [booked, settled, frozenNow, paidOut] = await Promise.all([
    sumOf(COLLECTIONS.commissions, { createdAt: within(window) }, ['amountFen', 'reversedFen']),
    sumOf(COLLECTIONS.commissions, { settledAt: within(window) }, ['amountFen', 'reversedFen']),
    sumOf(COLLECTIONS.balances, { frozen: _.gt(0) }, ['frozen']),
    sumOf(COLLECTIONS.withdrawals, { status: 'paid', paidAt: within(window) }, ['amountFen', 'netFen']),
  ]);
  return {
    /** Commission on orders paid in the range, less what refunds reversed. */
    bookedFen: (booked.amountFen ?? 0) - (booked.reversedFen ?? 0),
    settledFen: (settled.amountFen ?? 0) - (settled.reversedFen ?? 0),
    /** Everything frozen right now, whenever it was earned: what the after-sales windows still hold back. */
    frozenNowFen: frozenNow.frozen ?? 0,
    paidOutFen: paidOut.amountFen ?? 0,
  };
}

export const dashboard = handler(
  { query: z.strictObject({ range: z.enum(['today', '7d', '30d']).default('today') }) },
  async ({ query, now }) => {
    const window = windowOf(query.range, now);
    const [paid, created, products, distributors, commission, refunds, newDistributors] = await Promise.all([
      paidByDay(window),
      createdByDay(window),
      topProducts(window),
      topDistributors(window),
      commissionFigures(window),
      sumOf(COLLECTIONS.afterSales, { status: 'refunded', refundedAt: within(window) }, ['refundFen']),
      countOf(
        db()
          .collection(COLLECTIONS.distributors)
          .where({ status: 'approved', decidedAt: within(window) }),
      ),
    ]);
    const series = Array.from({ length: window.days }, (_unused, index) => {
      const paidThatDay = paid.find((day) => day._id === index);
      const createdThatDay = created.find((day) => day._id === index);
      return {
        date: chinaDate(window.from + index * DAY_MS),
        salesFen: paidThatDay?.salesFen ?? 0,
        paidOrders: paidThatDay?.orders ?? 0,
        createdOrders: createdThatDay?.created ?? 0,
      };
    });
    const salesFen = series.reduce((sum, day) => sum + day.salesFen, 0);
    const createdOrders = created.reduce((sum, day) => sum + day.created, 0);
    const paidOfCreated = created.reduce((sum, day) => sum + day.paid, 0);
    const refundedFen = refunds.refundFen ?? 0;
    return {
      range: query.range,
      from: window.from,
      to: window.to,
      salesFen,
      paidOrders: series.reduce((sum, day) => sum + day.paidOrders, 0),
      createdOrders,
      paidConversionBp: ratioBp(paidOfCreated, createdOrders),
      newDistributors,
      commission,
      refundedFen,
      refundRateBp: ratioBp(refundedFen, salesFen),
      topProducts: products.map(({ _id, ...figures }) => ({ productId: _id, ...figures })),
      topDistributors: distributors.map(({ _id, ...figures }) => ({ openid: _id, ...figures })),
      people: await peopleRecord(distributors.map((row) => row._id)),
      series,
    };
  },
);
