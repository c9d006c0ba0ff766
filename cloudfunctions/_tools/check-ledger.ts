/**
 * `npm run check:ledger`: recomputes every distributor's balances from the ledger and compares them with the stored
 * balance documents (core checkLedgerInvariant, the maintained earnedFen included), and counts every unresolved
 * reconciliation mismatch (the paymentMismatches queue: money WeChat Pay and the shop disagree about) as a violation
 * too, since books that are consistent with themselves can still be consistent with a lie. Prints the violations to
 * stderr and exactly `ledger.violations=<n>` to stdout; exits 1 when n > 0.
 *
 * Target: a real environment when TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set, otherwise
 * the emulator at CLOUDBASE_EMULATOR_URL (default http://127.0.0.1:${CLOUDBASE_EMULATOR_PORT:-9100}).
 */
import tcb from '@cloudbase/node-sdk';
import { ledgerAudit, type BalanceDoc, type LedgerAudit, type LedgerEntry, type LedgerViolation } from '../../core/src';

export type LedgerTarget = { emulatorUrl: string } | { envId: string; secretId: string; secretKey: string };

/** An open item of the reconciliation queue. */
export interface PaymentMismatchViolation {
  code: 'UNRESOLVED_PAYMENT_MISMATCH';
  message: string;
  mismatchId: string;
}

export interface LedgerReport {
  entries: number;
  balances: number;
  /** Of the violations, how many are unresolved payment mismatches. */
  paymentMismatches: number;
  violations: Array<LedgerViolation | PaymentMismatchViolation>;
}

const PAGE = 1000;

export type Database = ReturnType<ReturnType<typeof tcb.init>['database']>;

export function connect(target: LedgerTarget): Database {
  if ('envId' in target)
    return tcb.init({ env: target.envId, secretId: target.secretId, secretKey: target.secretKey }).database();
  // Inside "Tencent Cloud" node-sdk skips probing the metadata service before every request; the emulator wants
  // credentials present but never checks them.
  process.env.TENCENTCLOUD ??= 'true';
  return tcb
    .init({
      env: 'local-dev',
      serviceUrl: `${target.emulatorUrl.replace(/\/$/, '')}/admin`,
      secretId: 'local-secret-id',
      secretKey: 'local-secret-key',
    })
    .database();
}

/**
 * A collection's documents in `_id` order, a page at a time (each page one indexed range read however large the
 * collection grows), optionally within [from, to) on `_id` and projected. The tools that walk a whole collection
 * (this check, figures:rebuild, backfill:earned) share it.
 */
export async function* pagesOf<T extends { _id: string }>(
  db: Database,
  collection: string,
  options: { from?: string; to?: string; fields?: Record<string, boolean>; pageSize?: number } = {},
): AsyncGenerator<T[]> {
  const _ = db.command;
  const size = options.pageSize ?? PAGE;
  let after: string | undefined;
  for (;;) {
    const lower = after === undefined ? (options.from === undefined ? undefined : _.gte(options.from)) : _.gt(after);
    const upper = options.to === undefined ? undefined : _.lt(options.to);
    const range = lower && upper ? lower.and(upper) : (lower ?? upper);
    let query = range === undefined ? db.collection(collection) : db.collection(collection).where({ _id: range });
    query = query.orderBy('_id', 'asc').limit(size);
    if (options.fields) query = query.field(options.fields);
    const { data } = (await query.get()) as unknown as { data: T[] };
    if (data.length > 0) yield data;
    if (data.length < size) return;
    after = (data[data.length - 1] as T)._id;
  }
}

/** Every document of a collection in memory: balances and payment mismatches, one per distributor or bill line. */
async function readAll<T extends { _id: string }>(db: Database, collection: string): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pagesOf<T>(db, collection)) all.push(...page);
  return all;
}

/**
 * The ledger streamed into the core's audit a page at a time: memory holds sums per distributor, commission and
 * withdrawal attempt, never the entries, and the time is one pass over them. Document ids are unique by
 * construction, so the audit keeps no set of them.
 */
async function auditEntries(db: Database): Promise<{ audit: LedgerAudit; entries: number }> {
  const audit = ledgerAudit({ idsUnique: true });
  let entries = 0;
  for await (const page of pagesOf<Omit<LedgerEntry, 'id'> & { _id: string }>(db, 'ledgerEntries')) {
    for (const { _id, ...rest } of page) audit.add({ id: _id, ...rest });
    entries += page.length;
  }
  return { audit, entries };
}

export async function checkLedger(target: LedgerTarget): Promise<LedgerReport> {
  const db = connect(target);
  const [{ audit, entries }, balanceDocs, mismatchDocs] = await Promise.all([
    auditEntries(db),
    readAll<Omit<BalanceDoc, 'distributorId'> & { _id: string }>(db, 'balances'),
    readAll<{ _id: string; status: string; kind: string; billDate: string }>(db, 'paymentMismatches'),
  ]);
  const balances: BalanceDoc[] = balanceDocs.map(({ _id, frozen, available, held, withdrawn, debt, earnedFen }) => ({
    distributorId: _id,
    frozen,
    available,
    held,
    withdrawn,
    debt,
    // A document without it (written before it was kept) is reported too: the ranking would misplace it.
    earnedFen: earnedFen ?? null,
  }));
  const mismatches: PaymentMismatchViolation[] = mismatchDocs
    .filter((doc) => doc.status !== 'resolved')
    .map((doc) => ({
      code: 'UNRESOLVED_PAYMENT_MISMATCH',
      message: `${doc.kind} on the bill of ${doc.billDate}, not resolved`,
      mismatchId: doc._id,
    }));
  return {
    entries,
    balances: balances.length,
    paymentMismatches: mismatches.length,
    violations: [...audit.finish(balances), ...mismatches],
  };
}

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): LedgerTarget {
  const { TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = env;
  if (TCB_ENV_ID && TENCENTCLOUD_SECRETID && TENCENTCLOUD_SECRETKEY) {
    return { envId: TCB_ENV_ID, secretId: TENCENTCLOUD_SECRETID, secretKey: TENCENTCLOUD_SECRETKEY };
  }
  return { emulatorUrl: env.CLOUDBASE_EMULATOR_URL ?? `http://127.0.0.1:${env.CLOUDBASE_EMULATOR_PORT || 9100}` };
}

async function cli(): Promise<void> {
  const report = await checkLedger(targetFromEnv());
  for (const violation of report.violations) console.error(JSON.stringify(violation));
  console.error(`checked ${report.entries} ledger entries against ${report.balances} balance documents`);
  console.error(
    `unresolved payment mismatches (paymentMismatches, counted as violations): ${report.paymentMismatches}`,
  );
  console.log(`ledger.violations=${report.violations.length}`);
  process.exitCode = report.violations.length > 0 ? 1 : 0;
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
