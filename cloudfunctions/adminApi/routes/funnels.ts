/**
 * Funnels per product and per distributor over today / 7 / 30 China days: opened (share card or poster) → viewed →
 * ordered → paid → kept, from the same daily counter documents as the dashboard (O(days × active subjects)).
 */
import { z } from 'zod';
import { chinaDate, chinaDayBounds, DAY_MS, type FunnelSteps } from '../../../contract/src';
import { funnelOf } from '../../../core/src';
import { figuresBetween, type FigureDoc } from '../../_shared/store/rollups';
import { peopleRecord } from '../../_shared/store/people';
import { handler } from '../router';

const RANGE_DAYS = { today: 1, '7d': 7, '30d': 30 } as const;
const TOP_COUNT = 20;

function grouped(docs: FigureDoc[]): Map<string, { docs: FigureDoc[]; label: string }> {
  const bySubject = new Map<string, { docs: FigureDoc[]; label: string }>();
  for (const doc of docs) {
    const entry = bySubject.get(doc.subject as string) ?? { docs: [], label: '' };
    entry.docs.push(doc);
    if (doc.label) entry.label = doc.label;
    bySubject.set(doc.subject as string, entry);
  }
  return bySubject;
}

/** Busiest first (opened + viewed + ordered), ties by id; subjects with nothing in the range are left out. */
function ranked<T extends FunnelSteps>(rows: (T & { id: string })[]): (T & { id: string })[] {
  const weight = (row: FunnelSteps) => row.opened + row.viewed + row.ordered + row.paid;
  return rows
    .filter((row) => weight(row) > 0)
    .sort((a, b) => weight(b) - weight(a) || (a.id < b.id ? -1 : 1))
    .slice(0, TOP_COUNT);
}

export const funnels = handler(
  { query: z.strictObject({ range: z.enum(['today', '7d', '30d']).default('7d') }) },
  async ({ query, now }) => {
    const days = RANGE_DAYS[query.range];
    const from = chinaDayBounds(now).start - (days - 1) * DAY_MS;
    const [first, last] = [chinaDate(from), chinaDate(now)];
    const [productDocs, distributorDocs] = await Promise.all([
      figuresBetween('product', first, last),
      figuresBetween('distributor', first, last),
    ]);
    const products = [...grouped(productDocs)].map(([id, { docs, label }]) => ({
      id,
      title: label,
      ...funnelOf(docs, 'product'),
    }));
    const distributors = [...grouped(distributorDocs)].map(([id, { docs }]) => ({
      id,
      ...funnelOf(docs, 'distributor'),
    }));
    const topDistributors = ranked(distributors);
    return {
      range: query.range,
      products: ranked(products).map(({ id, ...steps }) => ({ productId: id, ...steps })),
      distributors: topDistributors.map(({ id, ...steps }) => ({ openid: id, ...steps })),
      // Distributors by nickname and masked phone, never by openid.
      people: await peopleRecord(topDistributors.map(({ id }) => id)),
    };
  },
);
