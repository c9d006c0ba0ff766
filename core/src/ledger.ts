/**
 * The distributor ledger, TigerBeetle style. Every balance move is an immutable entry whose id is
 * deterministic and doubles as its idempotency key, so a settlement job or a payment callback can run
 * twice and write nothing new the second time. A distributor's balances are nothing but the sums of
 * their entries' bucket deltas; stored balance documents are a cache that checkLedgerInvariant audits.
 *
 * Buckets (all fen, never negative):
 *   frozen     commission accrued but inside the after-sales window (pending)
 *   available  settled commission the distributor may withdraw
 *   held       reserved by a withdrawal request that is not yet paid or voided (pending)
 *   withdrawn  paid out, gross (fee included; see holdWithdrawal)
 *   debt       commission clawed back after settlement that available could not cover. It is repaid
 *              first from any money that becomes available and blocks withdrawals until cleared,
 *              where CRMEB caps the deduction at the balance and loses the rest.
 *
 * Net position = frozen + available + held + withdrawn − debt = accrued − reversed − clawed back.
 * Withdrawals and debt repayments only move money between buckets, so no fen is created or lost.
 */
import { BUCKETS, LEDGER_ENTRY_KINDS, type Bucket, type LedgerEntryKind } from '../../contract/src/states';
import { DomainError, err, ok, type Result } from './errors';
import { fen, type Fen } from './money';
import type { CommissionRecord, CommissionReversal } from './commission';
import type { EpochMs } from './time';

export { BUCKETS, type Bucket };
export type Balances = Readonly<Record<Bucket, number>>;
export interface BalanceDoc extends Balances {
  readonly distributorId: string;
  /**
   * The stored `earnedOf(buckets)`, audited like the buckets: a number must equal the entries' sum, and null (a
   * stored document without the field) fails too. Undefined: not audited (balances that are not documents).
   */
  readonly earnedFen?: number | null;
}

export { LEDGER_ENTRY_KINDS, type LedgerEntryKind };

export interface LedgerEntry {
  readonly id: string;
  readonly distributorId: string;
  readonly kind: LedgerEntryKind;
  /** Always a positive integer; the direction is in `deltas`. */
  readonly amountFen: Fen;
  readonly deltas: Balances;
  readonly at: EpochMs;
  readonly commissionId?: string;
  readonly orderId?: string;
  readonly line?: number;
  readonly level?: number;
  readonly refundId?: string;
  readonly ruleVersion?: number;
  readonly withdrawalId?: string;
  readonly attempt?: number;
  readonly feeFen?: Fen;
  /** debt.repay: the entry whose money repaid the debt. */
  readonly causeId?: string;
}

export const ZERO_BALANCES: Balances = Object.freeze({ frozen: 0, available: 0, held: 0, withdrawn: 0, debt: 0 });

/** Signed bucket deltas, positional so the hot path allocates one object per entry. */
function deltas(frozen: number, available: number, held: number, withdrawn: number, debt: number): Balances {
  return { frozen, available, held, withdrawn, debt };
}

// ---- deterministic ids -------------------------------------------------------------------------

export const ledgerIds = {
  accrue: (orderId: string, line: number, level: number) => `commission:${orderId}:${line}:${level}`,
  settle: (orderId: string, line: number, level: number) => `settle:${orderId}:${line}:${level}`,
  reverse: (orderId: string, line: number, level: number, refundId: string) =>
    `reverse:${orderId}:${line}:${level}:${refundId}`,
  clawback: (orderId: string, line: number, level: number, refundId: string) =>
    `clawback:${orderId}:${line}:${level}:${refundId}`,
  debtRepay: (causeId: string) => `debt-repay:${causeId}`,
  withdrawalHold: (withdrawalId: string, attempt: number) => `withdrawal-hold:${withdrawalId}:${attempt}`,
  withdrawalRelease: (withdrawalId: string, attempt: number) => `withdrawal-release:${withdrawalId}:${attempt}`,
  withdrawalPay: (withdrawalId: string, attempt: number) => `withdrawal-pay:${withdrawalId}:${attempt}`,
  withdrawalTax: (withdrawalId: string, attempt: number) => `withdrawal-tax:${withdrawalId}:${attempt}`,
} as const;

// ---- balances ----------------------------------------------------------------------------------

export function applyEntry(balances: Balances, entry: LedgerEntry): Balances {
  const d = entry.deltas;
  return {
    frozen: balances.frozen + d.frozen,
    available: balances.available + d.available,
    held: balances.held + d.held,
    withdrawn: balances.withdrawn + d.withdrawn,
    debt: balances.debt + d.debt,
  };
}

export function applyEntries(balances: Balances, entries: readonly LedgerEntry[]): Balances {
  let result = balances;
  for (const entry of entries) result = applyEntry(result, entry);
  return result;
}

/**
 * What a distributor has earned and still holds a claim to, as the shopper ranking orders distributors: commission
 * in every bucket it can sit in (frozen, available, held by a withdrawal, withdrawn), i.e. accrued less what refunds
 * took back while frozen. Debt is a separate bucket and not subtracted. Stored beside the buckets on every balance
 * write (`earnedFen`), so the ranking reads an index instead of adding up every balance document.
 */
export function earnedOf(balances: Balances): Fen {
  return fen(earnedSum(balances), 'earnedFen');
}

/** The same sum without the fen check, for the audit, which must report a negative bucket rather than throw. */
function earnedSum(balances: Balances): number {
  return balances.frozen + balances.available + balances.held + balances.withdrawn;
}

/** Balances per distributor as pure sums of the entries. */
export function balancesFromEntries(entries: Iterable<LedgerEntry>): Map<string, Balances> {
  const sums = new Map<string, Balances>();
  for (const entry of entries)
    sums.set(entry.distributorId, applyEntry(sums.get(entry.distributorId) ?? ZERO_BALANCES, entry));
  return sums;
}

// ---- decisions: commission ---------------------------------------------------------------------

export function accrueCommission(record: CommissionRecord, at: EpochMs): LedgerEntry {
  return {
    id: record.id, // commission ids already have the accrual id's shape: commission:<orderId>:<line>:<level>
    distributorId: record.beneficiaryId,
    kind: 'commission.accrue',
    amountFen: fen(record.amountFen),
    deltas: deltas(record.amountFen, 0, 0, 0, 0),
    at,
    commissionId: record.id,
    orderId: record.orderId,
    line: record.line,
    level: record.level,
    ruleVersion: record.ruleVersion,
  };
}

/**
 * Repays as much debt as the available balance allows, after `cause` has been applied. Returns null
 * when there is no debt or nothing available. Called after anything that adds to available.
 */
export function repayDebt(
  distributorId: string,
  cause: LedgerEntry,
  balancesAfterCause: Balances,
  at: EpochMs,
): LedgerEntry | null {
  const amount = Math.min(balancesAfterCause.debt, balancesAfterCause.available);
  if (amount <= 0) return null;
  return {
    id: ledgerIds.debtRepay(cause.id),
    distributorId,
    kind: 'debt.repay',
    amountFen: amount as Fen,
    deltas: deltas(0, -amount, 0, 0, -amount),
    at,
    causeId: cause.id,
  };
}

export interface SettleInput {
  readonly record: CommissionRecord;
  /** What earlier refunds reversed from this record while frozen (commissionPosition().reversed). */
  readonly reversedFen: Fen;
  /** The beneficiary's balances before settling. */
  readonly balances: Balances;
  readonly at: EpochMs;
}

/**
 * Posts what is left of a frozen commission when the after-sales window closes: frozen → available,
 * then nets any debt. Returns [] when refunds already reversed all of it.
 */
export function settleCommission(input: SettleInput): LedgerEntry[] {
  const { record, at } = input;
  const amount = record.amountFen - input.reversedFen;
  if (amount <= 0) return [];
  const settle: LedgerEntry = {
    id: ledgerIds.settle(record.orderId, record.line, record.level),
    distributorId: record.beneficiaryId,
    kind: 'commission.settle',
    amountFen: amount as Fen,
    deltas: deltas(-amount, amount, 0, 0, 0),
    at,
    commissionId: record.id,
    orderId: record.orderId,
    line: record.line,
    level: record.level,
    ruleVersion: record.ruleVersion,
  };
  const repay = repayDebt(record.beneficiaryId, settle, applyEntry(input.balances, settle), at);
  return repay ? [settle, repay] : [settle];
}

export interface ReverseInput {
  readonly reversal: CommissionReversal;
  /** Whether the commission was already settled (posted to available). */
  readonly settled: boolean;
  /** The beneficiary's balances before this reversal. */
  readonly balances: Balances;
  readonly at: EpochMs;
}

/**
 * Before settlement a refund voids part of the frozen amount. After settlement it claws back from
 * available, and whatever available cannot cover becomes debt (one entry: available −taken, debt +rest).
 */
export function reverseCommission(input: ReverseInput): LedgerEntry {
  const { reversal, at } = input;
  const amount = fen(reversal.amountFen);
  const { orderId, line, level, refundId } = reversal;
  // Built literally rather than by spreading a shared part: this runs once per refunded line and level.
  if (!input.settled) {
    return {
      id: ledgerIds.reverse(orderId, line, level, refundId),
      distributorId: reversal.beneficiaryId,
      kind: 'commission.reverse',
      amountFen: amount,
      deltas: deltas(-amount, 0, 0, 0, 0),
      at,
      commissionId: reversal.commissionId,
      orderId,
      line,
      level,
      refundId,
      ruleVersion: reversal.ruleVersion,
    };
  }
  const taken = Math.min(Math.max(input.balances.available, 0), amount);
  return {
    id: ledgerIds.clawback(orderId, line, level, refundId),
    distributorId: reversal.beneficiaryId,
    kind: 'commission.clawback',
    amountFen: amount,
    deltas: deltas(0, -taken, 0, 0, amount - taken),
    at,
    commissionId: reversal.commissionId,
    orderId,
    line,
    level,
    refundId,
    ruleVersion: reversal.ruleVersion,
  };
}

// ---- decisions: withdrawal ---------------------------------------------------------------------

export interface HoldInput {
  readonly distributorId: string;
  readonly withdrawalId: string;
  /** 1 for the first request; a retry after a failed payout is a new attempt with a new hold. */
  readonly attempt: number;
  /** The gross amount requested; see checkWithdrawal for fee and net. */
  readonly amountFen: Fen;
  readonly feeFen: Fen;
  readonly at: EpochMs;
}

/**
 * Reserves a withdrawal: available → held. The fee is modelled inside the gross amount: the whole
 * requested amount leaves available, the distributor receives amount − fee, and the shop keeps the
 * fee. The fee is recorded on the entries (feeFen) rather than as a bucket, so buckets stay about
 * the distributor's money.
 */
export function holdWithdrawal(input: HoldInput): LedgerEntry {
  const amount = fen(input.amountFen);
  return {
    id: ledgerIds.withdrawalHold(input.withdrawalId, input.attempt),
    distributorId: input.distributorId,
    kind: 'withdrawal.hold',
    amountFen: amount,
    deltas: deltas(0, -amount, amount, 0, 0),
    at: input.at,
    withdrawalId: input.withdrawalId,
    attempt: input.attempt,
    feeFen: fen(input.feeFen),
  };
}

/** The payout succeeded: held → withdrawn (gross). */
export function payWithdrawal(hold: LedgerEntry, at: EpochMs): LedgerEntry {
  const { withdrawalId, attempt } = holdFields(hold);
  return {
    id: ledgerIds.withdrawalPay(withdrawalId, attempt),
    distributorId: hold.distributorId,
    kind: 'withdrawal.pay',
    amountFen: hold.amountFen,
    deltas: deltas(0, 0, -hold.amountFen, hold.amountFen, 0),
    at,
    withdrawalId,
    attempt,
    ...(hold.feeFen !== undefined ? { feeFen: hold.feeFen } : {}),
  };
}

/**
 * Rejection or a failed payout voids the hold: held → available, then nets any debt that arose while
 * the money was held (a clawback cannot touch held money, it is already on its way out).
 */
export function releaseWithdrawal(hold: LedgerEntry, balances: Balances, at: EpochMs): LedgerEntry[] {
  const { withdrawalId, attempt } = holdFields(hold);
  const release: LedgerEntry = {
    id: ledgerIds.withdrawalRelease(withdrawalId, attempt),
    distributorId: hold.distributorId,
    kind: 'withdrawal.release',
    amountFen: hold.amountFen,
    deltas: deltas(0, hold.amountFen, -hold.amountFen, 0, 0),
    at,
    withdrawalId,
    attempt,
  };
  const repay = repayDebt(hold.distributorId, release, applyEntry(balances, release), at);
  return repay ? [release, repay] : [release];
}

/**
 * The payout succeeded with income tax withheld: the gross still leaves held for withdrawn, in two entries, the
 * part paid to the distributor (`withdrawal.pay`, gross − tax) and the part withheld for the tax office
 * (`withdrawal.tax`), so the distributor's balance falls by the gross and the books say where each fen went.
 */
export function payWithdrawalWithTax(hold: LedgerEntry, taxFen: Fen, at: EpochMs): LedgerEntry[] {
  if (taxFen <= 0) return [payWithdrawal(hold, at)];
  const { withdrawalId, attempt } = holdFields(hold);
  if (taxFen >= hold.amountFen) {
    throw new DomainError('INVALID_INPUT', { entryId: hold.id, taxFen, reason: 'tax is not less than the payout' });
  }
  const paid = (hold.amountFen - taxFen) as Fen;
  const pay: LedgerEntry = {
    ...payWithdrawal(hold, at),
    amountFen: paid,
    deltas: deltas(0, 0, -paid, paid, 0),
  };
  const tax: LedgerEntry = {
    id: ledgerIds.withdrawalTax(withdrawalId, attempt),
    distributorId: hold.distributorId,
    kind: 'withdrawal.tax',
    amountFen: fen(taxFen),
    deltas: deltas(0, 0, -taxFen, taxFen, 0),
    at,
    withdrawalId,
    attempt,
  };
  return [pay, tax];
}

function holdFields(hold: LedgerEntry): { withdrawalId: string; attempt: number } {
  if (hold.kind !== 'withdrawal.hold' || hold.withdrawalId === undefined || hold.attempt === undefined) {
    throw new DomainError('INVALID_INPUT', { entryId: hold.id, reason: 'not a withdrawal hold' });
  }
  return { withdrawalId: hold.withdrawalId, attempt: hold.attempt };
}

// ---- positions read from entries ---------------------------------------------------------------

export interface CommissionPosition {
  readonly accrued: number;
  /** Reversed while frozen. */
  readonly reversed: number;
  readonly settled: number;
  /** Reversed after settlement (clawed back, partly as debt). */
  readonly clawedBack: number;
  /** Still frozen: accrued − reversed − settled. */
  readonly frozen: number;
}

/** Where one commission record stands; feeds settleCommission and reversalForRefund. */
export function commissionPosition(entries: Iterable<LedgerEntry>, commissionId: string): CommissionPosition {
  let accrued = 0;
  let reversed = 0;
  let settled = 0;
  let clawedBack = 0;
  for (const entry of entries) {
    if (entry.commissionId !== commissionId) continue;
    if (entry.kind === 'commission.accrue') accrued += entry.amountFen;
    else if (entry.kind === 'commission.reverse') reversed += entry.amountFen;
    else if (entry.kind === 'commission.settle') settled += entry.amountFen;
    else if (entry.kind === 'commission.clawback') clawedBack += entry.amountFen;
  }
  return { accrued, reversed, settled, clawedBack, frozen: accrued - reversed - settled };
}

// ---- idempotency -------------------------------------------------------------------------------

/**
 * Compares a freshly decided entry with what is stored under the same id. Identical (ignoring `at`,
 * since a re-run happens later) = 'exists', to be treated as success; different = IDEMPOTENCY_KEY_REUSED,
 * which is an alarm: the same business event was decided two different ways.
 */
export function compareWithStored(
  stored: LedgerEntry | null | undefined,
  candidate: LedgerEntry,
): Result<'create' | 'exists'> {
  if (!stored) return ok('create');
  const differing: string[] = [];
  const keys = new Set([...Object.keys(stored), ...Object.keys(candidate)]);
  for (const k of keys) {
    if (k === 'at') continue;
    const a = (stored as unknown as Record<string, unknown>)[k];
    const b = (candidate as unknown as Record<string, unknown>)[k];
    if (k === 'deltas') {
      const da = a as Balances;
      const db = b as Balances;
      if (BUCKETS.some((bucket) => da?.[bucket] !== db?.[bucket])) differing.push(k);
    } else if (a !== b) differing.push(k);
  }
  return differing.length === 0 ? ok('exists') : err('IDEMPOTENCY_KEY_REUSED', { entryId: candidate.id, differing });
}

// ---- the invariant -----------------------------------------------------------------------------

export type LedgerViolationCode =
  | 'ENTRY_MALFORMED'
  | 'ENTRY_NOT_CONSERVING'
  | 'DUPLICATE_ENTRY_ID'
  | 'BALANCE_MISMATCH'
  | 'EARNED_MISMATCH'
  | 'MISSING_BALANCE'
  | 'NEGATIVE_BUCKET'
  | 'DEBT_NOT_NETTED'
  | 'COMMISSION_OVERDRAWN'
  | 'WITHDRAWAL_OVERDRAWN'
  | 'CONSERVATION';

export interface LedgerViolation {
  readonly code: LedgerViolationCode;
  readonly message: string;
  readonly distributorId?: string;
  readonly entryId?: string;
  readonly bucket?: Bucket;
  readonly expected?: number;
  readonly actual?: number;
}

/** The deltas each kind must have for an entry of `amount`; clawback is checked separately. */
function expectedDeltas(kind: LedgerEntryKind, amount: number): Balances | null {
  switch (kind) {
    case 'commission.accrue':
      return deltas(amount, 0, 0, 0, 0);
    case 'commission.settle':
      return deltas(-amount, amount, 0, 0, 0);
    case 'commission.reverse':
      return deltas(-amount, 0, 0, 0, 0);
    case 'debt.repay':
      return deltas(0, -amount, 0, 0, -amount);
    case 'withdrawal.hold':
      return deltas(0, -amount, amount, 0, 0);
    case 'withdrawal.release':
      return deltas(0, amount, -amount, 0, 0);
    case 'withdrawal.pay':
    case 'withdrawal.tax':
      return deltas(0, 0, -amount, amount, 0);
    case 'commission.clawback':
      return null;
  }
}

/**
 * Audits a set of entries against stored balances (a Map by distributor, or balance documents).
 * Returns every violation found; an empty list means the books are consistent. Checks: each entry is
 * well formed and moves money the way its kind says; ids are unique; stored balances equal the sums;
 * no bucket is negative; no debt sits next to available money; no commission releases more than it
 * accrued; no withdrawal attempt resolves more than it held; and, globally, net positions equal
 * accrued − reversed − clawed back (no fen created or lost).
 */
export function checkLedgerInvariant(
  entries: readonly LedgerEntry[],
  balances: ReadonlyMap<string, Balances> | readonly BalanceDoc[],
): LedgerViolation[] {
  const audit = ledgerAudit();
  for (const entry of entries) audit.add(entry);
  return audit.finish(balances);
}

export interface LedgerAudit {
  /** One entry, in any order. */
  add(entry: LedgerEntry): void;
  /** Every violation, once all entries are in, against the stored balances. */
  finish(balances: ReadonlyMap<string, Balances> | readonly BalanceDoc[]): LedgerViolation[];
}

/**
 * checkLedgerInvariant fed one entry at a time, so a caller can stream the ledger page by page (`check:ledger`):
 * it keeps sums per distributor, commission and withdrawal attempt, never the entries. `idsUnique` when the
 * source already guarantees unique ids (document ids), which saves keeping every id.
 */
export function ledgerAudit(options: { idsUnique?: boolean } = {}): LedgerAudit {
  const violations: LedgerViolation[] = [];
  const ids = new Set<string>();
  const sums = new Map<string, Balances>();
  const commissions = new Map<
    string,
    { distributorId: string; accrued: number; reversed: number; settled: number; clawedBack: number }
  >();
  const withdrawals = new Map<
    string,
    { distributorId: string; held: number; released: number; paid: number; resolutions: number }
  >();
  let netCommission = 0;

  function add(entry: LedgerEntry): void {
    if (entry.deltas) sums.set(entry.distributorId, applyEntry(sums.get(entry.distributorId) ?? ZERO_BALANCES, entry));
    if (!options.idsUnique && ids.has(entry.id))
      violations.push({ code: 'DUPLICATE_ENTRY_ID', entryId: entry.id, message: `entry id ${entry.id} appears twice` });
    if (!options.idsUnique) ids.add(entry.id);
    const amount = entry.amountFen;
    const d = entry.deltas;
    if (
      !(LEDGER_ENTRY_KINDS as readonly string[]).includes(entry.kind) ||
      !Number.isSafeInteger(amount) ||
      amount <= 0 ||
      !d ||
      BUCKETS.some((bucket) => !Number.isSafeInteger(d[bucket]))
    ) {
      violations.push({
        code: 'ENTRY_MALFORMED',
        entryId: entry.id,
        distributorId: entry.distributorId,
        message: `entry ${entry.id} is malformed`,
      });
      return;
    }
    const expected = expectedDeltas(entry.kind, amount);
    const conserving =
      expected !== null
        ? BUCKETS.every((bucket) => d[bucket] === expected[bucket])
        : d.frozen === 0 &&
          d.held === 0 &&
          d.withdrawn === 0 &&
          d.available <= 0 &&
          d.debt >= 0 &&
          d.debt - d.available === amount;
    if (!conserving) {
      violations.push({
        code: 'ENTRY_NOT_CONSERVING',
        entryId: entry.id,
        distributorId: entry.distributorId,
        message: `entry ${entry.id} (${entry.kind}) moves money in a way its kind does not allow`,
      });
    }

    if (entry.kind.startsWith('commission.')) {
      const key = entry.commissionId ?? `${entry.orderId}:${entry.line}:${entry.level}`;
      let c = commissions.get(key);
      if (!c)
        commissions.set(
          key,
          (c = { distributorId: entry.distributorId, accrued: 0, reversed: 0, settled: 0, clawedBack: 0 }),
        );
      if (c.distributorId !== entry.distributorId) {
        violations.push({
          code: 'COMMISSION_OVERDRAWN',
          entryId: entry.id,
          message: `commission ${key} has entries for two distributors`,
        });
      }
      switch (entry.kind) {
        case 'commission.accrue':
          c.accrued += amount;
          netCommission += amount;
          break;
        case 'commission.reverse':
          c.reversed += amount;
          netCommission -= amount;
          break;
        case 'commission.settle':
          c.settled += amount;
          break;
        case 'commission.clawback':
          c.clawedBack += amount;
          netCommission -= amount;
          break;
      }
    }
    if (entry.kind.startsWith('withdrawal.')) {
      const key = `${entry.withdrawalId}:${entry.attempt}`;
      let w = withdrawals.get(key);
      if (!w)
        withdrawals.set(
          key,
          (w = { distributorId: entry.distributorId, held: 0, released: 0, paid: 0, resolutions: 0 }),
        );
      if (entry.kind === 'withdrawal.hold') w.held += amount;
      if (entry.kind === 'withdrawal.release') {
        w.released += amount;
        w.resolutions++;
      }
      if (entry.kind === 'withdrawal.pay') {
        w.paid += amount;
        w.resolutions++;
      }
      // The tax withheld is part of the same resolution as its payout, not a second one.
      if (entry.kind === 'withdrawal.tax') w.paid += amount;
      if (w.distributorId !== entry.distributorId) {
        violations.push({
          code: 'WITHDRAWAL_OVERDRAWN',
          entryId: entry.id,
          message: `withdrawal ${key} has entries for two distributors`,
        });
      }
    }
  }

  function finish(balances: ReadonlyMap<string, Balances> | readonly BalanceDoc[]): LedgerViolation[] {
    for (const [key, c] of commissions) {
      if (c.settled + c.reversed > c.accrued || c.clawedBack > c.settled) {
        violations.push({
          code: 'COMMISSION_OVERDRAWN',
          distributorId: c.distributorId,
          message: `commission ${key}: accrued ${c.accrued}, reversed ${c.reversed}, settled ${c.settled}, clawed back ${c.clawedBack}`,
        });
      }
    }
    for (const [key, w] of withdrawals) {
      if (w.resolutions > 1 || w.paid + w.released > w.held) {
        violations.push({
          code: 'WITHDRAWAL_OVERDRAWN',
          distributorId: w.distributorId,
          message: `withdrawal ${key}: held ${w.held}, paid ${w.paid}, released ${w.released}`,
        });
      }
    }

    const stored: ReadonlyMap<string, Balances & { earnedFen?: number | null }> =
      balances instanceof Map ? (balances as ReadonlyMap<string, Balances>) : toMap(balances as readonly BalanceDoc[]);
    const everyone = new Set([...sums.keys(), ...stored.keys()]);
    let netPositions = 0;
    for (const distributorId of everyone) {
      const sum = sums.get(distributorId) ?? ZERO_BALANCES;
      const doc = stored.get(distributorId);
      netPositions += sum.frozen + sum.available + sum.held + sum.withdrawn - sum.debt;
      if (!doc) {
        if (BUCKETS.some((bucket) => sum[bucket] !== 0)) {
          violations.push({
            code: 'MISSING_BALANCE',
            distributorId,
            message: `no balance document for ${distributorId}`,
          });
        }
      } else {
        for (const bucket of BUCKETS) {
          if (doc[bucket] !== sum[bucket]) {
            violations.push({
              code: 'BALANCE_MISMATCH',
              distributorId,
              bucket,
              expected: sum[bucket],
              actual: doc[bucket],
              message: `${distributorId}.${bucket}: stored ${doc[bucket]}, entries sum to ${sum[bucket]}`,
            });
          }
        }
        // The ranking orders distributors by the stored earnedFen: one that drifted from the buckets misranks them.
        const earned = earnedSum(sum);
        if (doc.earnedFen !== undefined && doc.earnedFen !== earned) {
          violations.push({
            code: 'EARNED_MISMATCH',
            distributorId,
            expected: earned,
            ...(typeof doc.earnedFen === 'number' ? { actual: doc.earnedFen } : {}),
            message: `${distributorId}.earnedFen: stored ${doc.earnedFen}, entries sum to ${earned}`,
          });
        }
      }
      for (const bucket of BUCKETS) {
        if (sum[bucket] < 0) {
          violations.push({
            code: 'NEGATIVE_BUCKET',
            distributorId,
            bucket,
            actual: sum[bucket],
            message: `${distributorId}.${bucket} is negative`,
          });
        }
      }
      if (sum.debt > 0 && sum.available > 0) {
        violations.push({
          code: 'DEBT_NOT_NETTED',
          distributorId,
          message: `${distributorId} has ${sum.available} available while owing ${sum.debt}`,
        });
      }
    }
    if (netPositions !== netCommission) {
      violations.push({
        code: 'CONSERVATION',
        expected: netCommission,
        actual: netPositions,
        message: `net positions ${netPositions} ≠ accrued − reversed − clawed back ${netCommission}`,
      });
    }
    return violations;
  }

  return { add, finish };
}

function toMap(docs: readonly BalanceDoc[]): Map<string, Balances & { earnedFen?: number | null }> {
  const map = new Map<string, Balances & { earnedFen?: number | null }>();
  for (const doc of docs) map.set(doc.distributorId, doc);
  return map;
}
