/**
 * `GET /api/admin/orders`: the operators' order list at any size. Filters (status, creation range, distributor at
 * any level, `q`), newest first by keyset (`cursor`, `limit` → `{items, nextCursor, counts}`), and the number of
 * orders per status for the tabs, each an index count. `page`/`pageSize` keep the older screen working.
 * Every read here is answered by an index of database/collections.json (orders: created, status_created,
 * beneficiary_created, order_no, title_created, buyer_created).
 */
import { z } from 'zod';
import { ORDER_STATES } from '../../../core/src';
import { db } from '../../_shared/platform/cloud';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { OrderDoc } from '../../_shared/store/orders';
import { findOpenidsMatching, peopleRecord } from '../../_shared/store/people';
import { maskedAddress } from '../../_shared/store/personal-records';
import { peopleIn } from './orders';
import {
  countOf,
  createdWithin,
  encodeCursor,
  keysetPage,
  keysetQuery,
  NEWEST_FIRST,
  pageOf,
  pagingQuery,
} from '../queries';
import { handler } from '../router';
import { instantSchema } from '../schemas';

/** Order numbers are 18–20 digits (date-based); anything else is searched as a product title or a person. */
const ORDER_NO = /^\d{18,20}$/;

export const orderListQuery = {
  status: z.enum(ORDER_STATES).optional(),
  from: instantSchema('start').optional(),
  to: instantSchema('end').optional(),
  distributor: z.string().trim().min(1).max(64).optional(),
  q: z.string().trim().min(1).max(40).optional(),
};

type OrderListFilters = { status?: string; from?: number; to?: number; distributor?: string };

/** The base filter every list read shares; `distributor` = any level of the order's beneficiaries. */
export function baseFilter(query: OrderListFilters): Record<string, unknown> {
  const filter: Record<string, unknown> = createdWithin(query);
  if (query.status) filter.status = query.status;
  if (query.distributor) filter['snapshot.beneficiaries'] = query.distributor;
  return filter;
}

/**
 * The filters `q` stands for, each answered by its own index; the list is their union. An order number is exact;
 * other text is a product title prefix or a buyer found by the people search.
 */
async function searchFilters(base: Record<string, unknown>, q: string | undefined): Promise<Record<string, unknown>[]> {
  if (!q) return [base];
  if (ORDER_NO.test(q)) return [{ ...base, orderNo: q }];
  const _ = db().command;
  const filters: Record<string, unknown>[] = [
    // Titles start with what was typed: a range on the title index, `\uffff` closing it after every continuation.
    { ...base, 'lines.title': _.gte(q).and(_.lt(`${q}\uffff`)) },
  ];
  // Buyers by nickname prefix or whole phone (its keyed digest): the people search, on its own indexes.
  const buyers = await findOpenidsMatching(q);
  if (buyers.length > 0) filters.push({ ...base, buyerOpenid: _.in(buyers.slice(0, 200)) });
  return filters;
}

function withMaskedAddress(order: OrderDoc): OrderDoc {
  return { ...order, address: maskedAddress(order.address, order.buyerOpenid) };
}

/**
 * Orders per status under the same range and distributor (not `status`, not `q`: the tabs show where orders are).
 * One count per status on an index whose leading key is the status; no document outside the status is read.
 */
export async function countsByStatus(query: OrderListFilters): Promise<Record<string, number>> {
  const base = baseFilter({ ...query, status: undefined });
  const totals = await Promise.all(
    ORDER_STATES.map((status) =>
      countOf(
        db()
          .collection(COLLECTIONS.orders)
          .where({ ...base, status }),
      ),
    ),
  );
  return Object.fromEntries(ORDER_STATES.map((status, i) => [status, totals[i] ?? 0]));
}

async function keysetOrders(query: OrderListFilters & { q?: string; cursor?: string; limit: number }) {
  const filters = await searchFilters(baseFilter(query), query.q);
  const pages = await Promise.all(
    filters.map((filter) => keysetPage<OrderDoc>(COLLECTIONS.orders, filter, NEWEST_FIRST, query)),
  );
  if (pages.length === 1) return pages[0] as Awaited<(typeof pages)[0]>;
  // Union of several index reads: merge newest first, drop repeats, and page the merged stream the same way.
  const byId = new Map<string, OrderDoc>();
  for (const page of pages) for (const order of page.items) byId.set(order._id, order);
  const merged = [...byId.values()].sort(
    (a, b) => b.createdAt - a.createdAt || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0),
  );
  const items = merged.slice(0, query.limit);
  const last = items[items.length - 1];
  const more = merged.length > query.limit || pages.some((page) => page.nextCursor !== null);
  return { items, nextCursor: last && more ? encodeCursor(last.createdAt, last._id) : null };
}

export const listOrders = handler(
  {
    query: z.strictObject({
      ...orderListQuery,
      cursor: keysetQuery.cursor,
      limit: z.coerce.number().int().min(1).max(100).optional(),
      page: pagingQuery.page.optional(),
      pageSize: pagingQuery.pageSize.optional(),
    }),
  },
  async ({ query }) => {
    const counts = await countsByStatus(query);
    if (query.cursor !== undefined || query.limit !== undefined) {
      const page = await keysetOrders({ ...query, limit: query.limit ?? 20 });
      const people = await peopleRecord(peopleIn(page.items));
      return { items: page.items.map(withMaskedAddress), nextCursor: page.nextCursor, counts, people };
    }
    // Pages by number, for the older screen until the desk moves to cursors (deep pages skip). The cursor after
    // the page is given too, so a screen can switch to keyset paging from any page.
    const [filter] = await searchFilters(baseFilter(query), query.q);
    const page = await pageOf<OrderDoc>(COLLECTIONS.orders, filter ?? {}, NEWEST_FIRST, {
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 20,
    });
    const last = page.items[page.items.length - 1];
    const more = page.page * page.pageSize < page.total;
    const nextCursor = last && more ? encodeCursor(last.createdAt, last._id) : null;
    const people = await peopleRecord(peopleIn(page.items));
    return { ...page, items: page.items.map(withMaskedAddress), nextCursor, counts, people };
  },
);
