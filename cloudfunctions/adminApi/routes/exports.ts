/**
 * Orders CSV of any size as an export job: `POST /exports/orders` (the list's filters) starts it and works a first
 * slice; `GET /exports/orders/:id` works the next slice and reports `{id, status, rows, total, progress, url?}`;
 * once `status` is `done`, `url` is a temporary download link of the whole file (the contract's `ExportJob`, which
 * the admin page reads). Only the operator who started a job can poll it. Rows are those of the synchronous export:
 * addresses masked as on screen.
 */
import { z } from 'zod';
import { ORDER_STATES } from '../../../core/src';
import { chinaDate, type ExportJob } from '../../../contract/src';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { OrderDoc } from '../../_shared/store/orders';
import { advanceExport, registerExportSource, startExport, type ExportParams } from '../exports';
import { handler } from '../router';
import { instantSchema } from '../schemas';
import { baseFilter } from './orders-list';
import { ORDER_COLUMNS, orderRow } from './orders';

const ordersSource = registerExportSource<OrderDoc>({
  kind: 'orders',
  collection: COLLECTIONS.orders,
  columns: ORDER_COLUMNS,
  row: orderRow,
  filter: (params) =>
    baseFilter({
      status: typeof params.status === 'string' ? params.status : undefined,
      from: typeof params.from === 'number' ? params.from : undefined,
      to: typeof params.to === 'number' ? params.to : undefined,
      distributor: typeof params.distributor === 'string' ? params.distributor : undefined,
    }),
});

export const startOrdersExport = handler(
  {
    body: z.strictObject({
      status: z.enum(ORDER_STATES).optional(),
      from: instantSchema('start').optional(),
      to: instantSchema('end').optional(),
      distributor: z.string().trim().min(1).max(64).optional(),
    }),
  },
  async ({ body, actor, now }): Promise<ExportJob> => {
    const params: ExportParams = {};
    for (const [key, value] of Object.entries(body)) if (value !== undefined) params[key] = value;
    return startExport(ordersSource, params, {
      actor: actor.username,
      now,
      fileName: `orders-${chinaDate(now)}.csv`,
    });
  },
);

export const pollOrdersExport = handler({}, async ({ params, actor, now }): Promise<ExportJob> =>
  advanceExport(ordersSource, params.id as string, actor.username, now),
);
