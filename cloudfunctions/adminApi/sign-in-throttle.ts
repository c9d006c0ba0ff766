/**
 * Failed sign-ins slow their source down instead of locking the account (a lock is a door anyone can shut on the
 * owner). Two sources are counted: the client address (one address hammering many accounts) and the account as
 * tried from that address. After a few free failures each further one doubles the wait, up to a cap; while a
 * source waits, its sign-ins are answered with a typed refusal carrying the wait (never by sleeping in the
 * function). The rightful owner signing in from another address meets neither count and gets in at once.
 *
 * Unknown and real usernames are counted the same way (the key is the name as typed), so the throttle says
 * nothing about which accounts exist. Failures are written to the audit log, at most one record per address per
 * window, carrying the count, so a flood cannot flood the log.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/src/errors';
import { USERNAME_PATTERN } from './accounts';
import { getDoc } from '../_shared/platform/documents';
import { COLLECTIONS } from '../_shared/store/collections';
import { type AuditLogDoc } from '../_shared/store/audit-logs';
import { type SignInFailureDoc } from '../_shared/store/admin-sessions';
import { inTransaction } from '../_shared/platform/transactions';

/** Failures an (address, account) pair may make before it waits: a mistyped password or two costs nothing. */
const FREE_ACCOUNT_FAILURES = 3;
/** Failures one address may make across all accounts before it waits (an office behind one NAT, a few typos each). */
const FREE_ADDRESS_FAILURES = 10;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
/** A source quiet for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** One audit record per address per window; later failures in the window raise its count. */
export const AUDIT_WINDOW_MS = 10 * 60 * 1000;
const AUDITED_NAMES = 20;
export const SIGN_IN_FAILED_ACTION = 'session.signInFailed';

/** A sign-in refused because its source must wait, before any password was checked: HTTP 429 with Retry-After. */
export class SignInThrottledError extends DomainError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(
      'UNAUTHENTICATED',
      { reason: 'throttled', retryAfterSeconds: seconds },
      `登录失败次数过多，请 ${seconds} 秒后再试`,
    );
    this.retryAfterMs = retryAfterMs;
  }
}

function addressKey(clientAddress: string): string {
  return `address:${digest(clientAddress)}`;
}

function accountKey(clientAddress: string, username: string): string {
  return `account:${digest(`${clientAddress}\n${username.toLowerCase()}`)}`;
}

/** Ids are digests: the username is whatever was typed, and document ids must stay short and plain. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  const doublings = Math.min(failures - free - 1, 20);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings);
}

/** Refuses before any password is checked when this address, or this account from it, must still wait. */
export async function assertMayTry(clientAddress: string, username: string, now: number): Promise<void> {
  const [byAddress, byAccount] = await Promise.all([
    getDoc<SignInFailureDoc>(COLLECTIONS.signInFailures, addressKey(clientAddress)),
    getDoc<SignInFailureDoc>(COLLECTIONS.signInFailures, accountKey(clientAddress, username)),
  ]);
  const waitUntil = Math.max(byAddress?.blockedUntil ?? 0, byAccount?.blockedUntil ?? 0);
  if (waitUntil > now) throw new SignInThrottledError(waitUntil - now);
}

/** Counts a failure against both sources and into this window's audit record, all in one transaction. */
export async function recordFailure(clientAddress: string, username: string, now: number): Promise<void> {
  const windowStart = now - (now % AUDIT_WINDOW_MS);
  const auditId = `signInFailed:${digest(clientAddress)}:${windowStart}`;
  const typedName = USERNAME_PATTERN.test(username) ? username : '(不是合法的用户名)';
  await inTransaction(async (tx) => {
    const failures = tx.collection(COLLECTIONS.signInFailures);
    for (const [id, free] of [
      [addressKey(clientAddress), FREE_ADDRESS_FAILURES],
      [accountKey(clientAddress, username), FREE_ACCOUNT_FAILURES],
    ] as const) {
      const { data } = (await failures.doc(id).get()) as { data: SignInFailureDoc | null };
      const earlier = data && now - data.lastFailureAt < FORGET_AFTER_MS ? data.failures : 0;
      const count = earlier + 1;
      await failures
        .doc(id)
        .set({ data: { failures: count, lastFailureAt: now, blockedUntil: now + delayAfter(count, free) } });
    }
    const audit = tx.collection(COLLECTIONS.auditLogs).doc(auditId);
    const { data: entry } = (await audit.get()) as { data: AuditLogDoc | null };
    const summary = (entry?.after ?? { clientAddress, failures: 0, usernames: [], firstAt: now }) as FailureSummary;
    const usernames =
      summary.usernames.includes(typedName) || summary.usernames.length >= AUDITED_NAMES
        ? summary.usernames
        : [...summary.usernames, typedName];
    const after: FailureSummary = { ...summary, failures: summary.failures + 1, usernames, lastAt: now };
    const next: Omit<AuditLogDoc, '_id'> = {
      at: now,
      actor: '(未登录)',
      action: SIGN_IN_FAILED_ACTION,
      target: `clientAddress/${clientAddress}`,
      before: null,
      after,
    };
    await audit.set({ data: next });
  });
}

interface FailureSummary {
  clientAddress: string;
  failures: number;
  /** Usernames tried, as typed when they could be one (anything else might be a password typed in the wrong box). */
  usernames: string[];
  firstAt: number;
  lastAt: number;
}

/** A success forgets that account's failures from this address; the address's own count runs on. */
export async function forgetAccountFailures(clientAddress: string, username: string): Promise<void> {
  const existing = await getDoc<SignInFailureDoc>(COLLECTIONS.signInFailures, accountKey(clientAddress, username));
  if (!existing) return;
  await inTransaction(async (tx) => {
    await tx.collection(COLLECTIONS.signInFailures).doc(accountKey(clientAddress, username)).remove();
  });
}
