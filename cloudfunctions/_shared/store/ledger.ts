/**
 * Writes ledger decisions of the core inside a transaction: the entries (immutable, deterministic ids, so a
 * duplicate is a loud duplicate-key failure rather than a silent double posting) and the balance document, which
 * is always the previous balance plus exactly these entries, with the earned figure the ranking sorts by. This is
 * the only writer of balance documents.
 */
import {
  applyEntries,
  earnedOf,
  ZERO_BALANCES,
  type Balances,
  type DailyWithdrawals,
  type LedgerEntry,
  type MonthlyTax,
} from '../../../core/src';
import { txGet } from '../platform/documents';
import { COLLECTIONS } from './collections';
import type { Transaction } from '../platform/transactions';

export type LedgerEntryDoc = Omit<LedgerEntry, 'id'> & { _id: string };

export interface BalanceDoc extends Balances {
  _id: string;
  updatedAt: number;
  /**
   * frozen + available + held + withdrawn (core earnedOf), written with the buckets on every balance write, so the
   * shopper ranking reads the `earned` index instead of adding up every balance. check:ledger audits it.
   */
  earnedFen: number;
  /** Gross amount requested on `day` (China time, YYYY-MM-DD), for the daily cap. */
  withdrawalDay?: DailyWithdrawals;
  /** This China-time month's payouts and the income tax withheld on them (core/src/tax.ts). */
  taxMonth?: MonthlyTax;
}

export function balancesOf(doc: BalanceDoc | null): Balances {
  if (!doc) return ZERO_BALANCES;
  const { frozen, available, held, withdrawn, debt } = doc;
  return { frozen, available, held, withdrawn, debt };
}

export async function loadBalance(tx: Transaction, distributorId: string): Promise<BalanceDoc | null> {
  return txGet<BalanceDoc>(tx, COLLECTIONS.balances, distributorId);
}

/**
 * Posts the entries the core decided on top of `doc`, the balance document this transaction read (loadBalance):
 * the entries, then the balance document as those balances plus the entries. `fields` (the daily withdrawal
 * counter) are stored on the balance document in the same write.
 */
export async function postEntries(
  tx: Transaction,
  distributorId: string,
  doc: BalanceDoc | null,
  entries: LedgerEntry[],
  now: number,
  fields: Partial<BalanceDoc> = {},
): Promise<{ entries: LedgerEntry[]; balances: Balances }> {
  const after = applyEntries(balancesOf(doc), entries);
  for (const entry of entries) {
    const { id, ...rest } = entry;
    await tx.collection(COLLECTIONS.ledgerEntries).add({ data: { _id: id, ...rest } });
  }
  if (entries.length > 0 || Object.keys(stripUndefined(fields)).length > 0) {
    const next: Omit<BalanceDoc, '_id'> = {
      ...(doc ? { withdrawalDay: doc.withdrawalDay, taxMonth: doc.taxMonth } : {}),
      ...after,
      earnedFen: earnedOf(after),
      updatedAt: now,
      ...fields,
    };
    await tx
      .collection(COLLECTIONS.balances)
      .doc(distributorId)
      .set({ data: stripUndefined(next) });
  }
  return { entries, balances: after };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
