/**
 * `npm run figures:rebuild`: recomputes every `figures` document (the daily rollups and the commission-state
 * counters the dashboard and the distributors list read) from the facts: orders, after-sales, commissions, the
 * reversal and clawback entries of the ledger, and withdrawals. For a shop that had history before the rollups
 * existed, or whose counters are in doubt. Facts are read in keyset pages by `_id` (one indexed range read each,
 * however large the shop), the documents computed by `figures-from-facts.ts` with the core's own bumps, and written
 * under their deterministic ids: a second run finds every document equal and writes nothing. Documents no fact
 * accounts for are removed; a shopper's behaviour counters (views, shares), which no fact records, are kept.
 * Prints `figures.documents=<n> written=<w> removed=<r>` to stdout.
 *
 * Target: as `check:ledger` (a real environment with TCB_ENV_ID and TENCENTCLOUD_SECRETID/SECRETKEY, otherwise the
 * emulator at CLOUDBASE_EMULATOR_URL). Run it while nothing else writes figures (a payment or a refund landing
 * between the read and the write would be lost from its counter until the next run).
 */
import { isDeepStrictEqual } from 'node:util';
import { connect, pagesOf, targetFromEnv, type Database, type LedgerTarget } from './check-ledger';
import {
  addOrder,
  addPayout,
  addSettlement,
  FactIndex,
  FigureSheet,
  type CommissionFact,
  type OrderFact,
  type RefundedAfterSale,
  type ReversalFact,
} from './figures-from-facts';
import type { FigureDoc } from '../_shared/store/rollups';

const WRITES_AT_ONCE = 16;

/** Where the rebuilt documents go: by default the same database, one `set` per changed document. */
export interface FigureWriter {
  write(docs: FigureDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

export interface RebuildReport {
  documents: number;
  written: number;
  removed: number;
}

/** The figures documents the facts add up to, with the stored behaviour counters carried over. */
export async function figuresFromDatabase(
  db: Database,
): Promise<{ docs: FigureDoc[]; stored: Map<string, FigureDoc> }> {
  const index = new FactIndex();
  const sheet = new FigureSheet();
  const commissions: CommissionFact[] = [];
  const fields = { _id: true, orderId: true, beneficiaryId: true, amountFen: true, settledAt: true };
  for await (const page of pagesOf<CommissionFact>(db, 'commissions', { fields })) {
    for (const commission of page) {
      index.addCommission(commission);
      commissions.push(commission);
    }
  }
  // Entry ids start with their kind (core ledgerIds): each kind is one range of the _id index.
  for (const prefix of ['reverse:', 'clawback:']) {
    const to = `${prefix.slice(0, -1)};`; // ';' follows ':'
    for await (const page of pagesOf<ReversalFact>(db, 'ledgerEntries', { from: prefix, to })) {
      for (const entry of page) index.addReversal(entry);
    }
  }
  for await (const page of pagesOf<RefundedAfterSale & { status: string }>(db, 'afterSales')) {
    for (const afterSale of page) if (afterSale.status === 'refunded') index.addRefund(afterSale);
  }
  const orderFields = { _id: true, createdAt: true, paidAt: true, totalFen: true, lines: true, snapshot: true };
  for await (const page of pagesOf<OrderFact>(db, 'orders', { fields: orderFields })) {
    for (const order of page) addOrder(sheet, index, order);
  }
  for (const commission of commissions) addSettlement(sheet, index, commission);
  type Withdrawal = { _id: string; openid: string; amountFen: number; status: string; paidAt?: number };
  for await (const page of pagesOf<Withdrawal>(db, 'withdrawals')) {
    for (const withdrawal of page) {
      if (withdrawal.status === 'paid' && typeof withdrawal.paidAt === 'number') {
        addPayout(sheet, { openid: withdrawal.openid, amountFen: withdrawal.amountFen, paidAt: withdrawal.paidAt });
      }
    }
  }
  const stored = new Map<string, FigureDoc>();
  for await (const page of pagesOf<FigureDoc>(db, 'figures')) {
    for (const doc of page) {
      stored.set(doc._id, doc);
      sheet.keepBehaviour(doc);
    }
  }
  return { docs: sheet.documents(), stored };
}

function databaseWriter(db: Database): FigureWriter {
  const pooled = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += WRITES_AT_ONCE)
      await Promise.all(items.slice(i, i + WRITES_AT_ONCE).map(work));
  };
  return {
    write: (docs) =>
      pooled(docs, ({ _id, ...data }) =>
        db
          .collection('figures')
          .doc(_id)
          .set(data as Record<string, unknown>),
      ),
    remove: (ids) => pooled(ids, (id) => db.collection('figures').doc(id).remove()),
  };
}

/**
 * Recomputes and writes every figures document; only those that differ from what is stored are written. `writer`
 * replaces the database writes (the large shop seeds its figures in bulk into the emulator it just filled).
 */
export async function rebuildFigures(target: LedgerTarget, writer: Partial<FigureWriter> = {}): Promise<RebuildReport> {
  const db = connect(target);
  const { docs, stored } = await figuresFromDatabase(db);
  const changed = docs.filter((doc) => !isDeepStrictEqual(normalised(doc), normalised(stored.get(doc._id))));
  const kept = new Set(docs.map((doc) => doc._id));
  const stale = [...stored.keys()].filter((id) => !kept.has(id));
  const out = { ...databaseWriter(db), ...writer };
  if (changed.length > 0) await out.write(changed);
  if (stale.length > 0) await out.remove(stale);
  return { documents: docs.length, written: changed.length, removed: stale.length };
}

/** A document with its fields in one order, for comparing what is stored with what was computed. */
function normalised(doc: FigureDoc | undefined): Record<string, unknown> | undefined {
  if (!doc) return undefined;
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function cli(): Promise<void> {
  const report = await rebuildFigures(targetFromEnv());
  console.log(`figures.documents=${report.documents} written=${report.written} removed=${report.removed}`);
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
