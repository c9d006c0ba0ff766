/**
 * Transactions with our own retry. CloudBase reports a write conflict at the conflicting write, and wx-server-sdk
 * turns that into a plain errCode -501001 error it does not retry (only commit-time conflicts are retried), so a
 * hot document (a product, a distributor's balance) would fail callers under load. The callback must contain
 * nothing but `tx.*` calls: it may run several times.
 */
import { db } from './cloud';
import { DomainError } from '../../../core/src/errors';

/** The part of the SDK's transaction object we use: single-document operations only, as CloudBase allows. */
export interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: object }): Promise<unknown>;
      update(options: { data: object }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
    add(options: { data: object }): Promise<unknown>;
  };
}

const CONFLICT_MARKERS = ['TransactionConflict', 'Transaction is conflict', 'DATABASE_TRANSACTION_CONFLICT'];

export function isTransactionConflict(error: unknown): boolean {
  const text = errorText(error);
  return CONFLICT_MARKERS.some((marker) => text.includes(marker));
}

export function isDuplicateKey(error: unknown): boolean {
  return errorText(error).includes('E11000');
}

function errorText(error: unknown): string {
  if (error === null || typeof error !== 'object') return String(error);
  const { code, message, errMsg } = error as { code?: unknown; message?: unknown; errMsg?: unknown };
  return [code, message, errMsg].filter((part) => typeof part === 'string').join(' ');
}

export interface RetryOptions {
  /** Executions at most, counting the first. */
  attempts?: number;
}

export async function inTransaction<T>(
  work: (tx: Transaction) => Promise<T>,
  { attempts = 12 }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Our loop is the retry; the SDK's own commit-conflict retries would multiply it.
      return (await db().runTransaction(work as (tx: unknown) => Promise<T>, 0)) as T;
    } catch (error) {
      // A rollback with a domain error is an expected outcome decided inside the transaction.
      if (error instanceof DomainError) throw error;
      if (!isTransactionConflict(error) || attempt >= attempts) throw error;
      await sleep(backoffMs(attempt));
    }
  }
}

/** Full jitter, so that callers that collided do not collide again in lockstep. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(200, 5 * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
