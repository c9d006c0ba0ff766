/**
 * `npm run backfill:earned`: gives every balance document written before `earnedFen` was kept its figure (core
 * earnedOf of its buckets), so the shopper ranking, which reads the `earned` index, places it right and check:ledger
 * stops reporting it. Walks balances by `_id` (one range read per page) and writes only documents without the field,
 * each guarded by the buckets it read: a posting that lands in between has already written the figure itself, and
 * the guarded write then changes nothing. Safe to run again; prints `balances.backfilled=<n>`.
 *
 * Target: as check:ledger (a real environment with TCB_ENV_ID and TENCENTCLOUD_SECRETID/SECRETKEY, else the emulator
 * at CLOUDBASE_EMULATOR_URL).
 */
import { earnedOf, type Balances } from '../../core/src';
import { connect, pagesOf, targetFromEnv, type LedgerTarget } from './check-ledger';

const PAGE = 500;

type StoredBalance = Balances & { _id: string; earnedFen?: number };

export async function backfillEarned(target: LedgerTarget): Promise<{ read: number; backfilled: number }> {
  const db = connect(target);
  const _ = db.command;
  let read = 0;
  let backfilled = 0;
  for await (const data of pagesOf<StoredBalance>(db, 'balances', { pageSize: PAGE })) {
    read += data.length;
    for (const doc of data) {
      if (typeof doc.earnedFen === 'number') continue;
      const { _id, frozen, available, held, withdrawn } = doc;
      const { updated } = (await db
        .collection('balances')
        .where({ _id, frozen, available, held, withdrawn, earnedFen: _.exists(false) })
        .update({ earnedFen: earnedOf(doc) })) as unknown as { updated: number };
      backfilled += updated;
    }
  }
  return { read, backfilled };
}

if (require.main === module) {
  backfillEarned(targetFromEnv())
    .then(({ read, backfilled }) => {
      console.error(`read ${read} balance documents`);
      console.log(`balances.backfilled=${backfilled}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    });
}
