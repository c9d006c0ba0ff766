import {
  accrueCommission,
  applyEntries,
  balancesFromEntries,
  checkLedgerInvariant,
  checkWithdrawal,
  commissionPosition,
  commissionsForOrder,
  compareWithStored,
  DEFAULT_RULES,
  earnedOf,
  holdWithdrawal,
  ledgerAudit,
  ledgerIds,
  payWithdrawal,
  releaseWithdrawal,
  reversalForRefund,
  reverseCommission,
  settleCommission,
  unwrap,
  ZERO_BALANCES,
  type Balances,
  type CommissionRecord,
  type Fen,
  type LedgerEntry,
} from '../src';

const F = (n: number) => n as Fen;
const T = 1_760_000_000_000;

/** A tiny in-memory book: entries plus stored balances, updated the way a cloud function would. */
class Book {
  readonly entries: LedgerEntry[] = [];
  readonly balances = new Map<string, Balances>();
  of(id: string): Balances {
    return this.balances.get(id) ?? ZERO_BALANCES;
  }
  post(entries: LedgerEntry | readonly LedgerEntry[]): void {
    for (const entry of Array.isArray(entries) ? entries : [entries as LedgerEntry]) {
      this.entries.push(entry);
      this.balances.set(entry.distributorId, applyEntries(this.of(entry.distributorId), [entry]));
    }
  }
}

function order(orderId: string, paidFen: number, quantity = 2): CommissionRecord[] {
  return unwrap(
    commissionsForOrder({
      orderId,
      lines: [{ line: 0, productId: 'p', quantity, paidFen: F(paidFen) }],
      snapshot: { buyerId: 'b', ruleVersion: 1, beneficiaries: ['d1', 'd2'] },
      rules: DEFAULT_RULES,
    }),
  );
}

function refund(
  book: Book,
  record: CommissionRecord,
  refundId: string,
  remainingQuantity: number,
  settled: boolean,
): void {
  const position = commissionPosition(book.entries, record.id);
  const reversal = unwrap(
    reversalForRefund({
      record,
      refundId,
      remainingQuantity,
      alreadyReversedFen: F(position.reversed + position.clawedBack),
    }),
  );
  if (reversal) book.post(reverseCommission({ reversal, settled, balances: book.of(record.beneficiaryId), at: T }));
}

function settle(book: Book, record: CommissionRecord): void {
  const position = commissionPosition(book.entries, record.id);
  book.post(
    settleCommission({ record, reversedFen: F(position.reversed), balances: book.of(record.beneficiaryId), at: T }),
  );
}

describe('ledger', () => {
  it('uses deterministic ids that double as idempotency keys', () => {
    const [r] = order('o1', 10000);
    const accrual = accrueCommission(r as CommissionRecord, T);
    expect(accrual.id).toBe('commission:o1:0:1');
    expect(ledgerIds.settle('o1', 0, 1)).toBe('settle:o1:0:1');
    expect(ledgerIds.reverse('o1', 0, 1, 'rf9')).toBe('reverse:o1:0:1:rf9');
    expect(ledgerIds.withdrawalHold('w1', 1)).toBe('withdrawal-hold:w1:1');
    expect(compareWithStored(undefined, accrual)).toEqual({ ok: true, value: 'create' });
    expect(compareWithStored(accrual, { ...accrual, at: T + 5000 })).toEqual({ ok: true, value: 'exists' });
    const reused = compareWithStored(accrual, { ...accrual, amountFen: F(1) });
    expect(reused.ok || reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const reusedDeltas = compareWithStored(accrual, { ...accrual, deltas: { ...accrual.deltas, frozen: 1 } });
    expect(reusedDeltas.ok || reusedDeltas.error.details).toEqual({ entryId: accrual.id, differing: ['deltas'] });
  });

  it('accrues frozen, settles to available', () => {
    const book = new Book();
    const records = order('o1', 10000);
    for (const r of records) book.post(accrueCommission(r, T));
    expect(book.of('d1')).toEqual({ frozen: 1500, available: 0, held: 0, withdrawn: 0, debt: 0 });
    expect(book.of('d2')).toEqual({ frozen: 800, available: 0, held: 0, withdrawn: 0, debt: 0 });
    for (const r of records) settle(book, r);
    expect(book.of('d1')).toEqual({ frozen: 0, available: 1500, held: 0, withdrawn: 0, debt: 0 });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);
  });

  it('a refund before settlement voids frozen; the rest settles; a full refund leaves nothing to settle', () => {
    const book = new Book();
    const [r] = order('o1', 10000, 2) as [CommissionRecord];
    book.post(accrueCommission(r, T));
    refund(book, r, 'rf1', 1, false);
    expect(book.of('d1').frozen).toBe(750);
    settle(book, r);
    expect(book.of('d1')).toMatchObject({ frozen: 0, available: 750 });

    const [r2] = order('o2', 10000, 2) as [CommissionRecord];
    book.post(accrueCommission(r2, T));
    refund(book, r2, 'rf2', 0, false);
    expect(
      settleCommission({
        record: r2,
        reversedFen: F(commissionPosition(book.entries, r2.id).reversed),
        balances: book.of('d1'),
        at: T,
      }),
    ).toEqual([]);
    expect(book.of('d1')).toMatchObject({ frozen: 0, available: 750 });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);
  });

  it('a refund after settlement claws back; what available cannot cover becomes debt that blocks withdrawal and is netted by the next settlement', () => {
    const book = new Book();
    const [a] = order('o1', 10000) as [CommissionRecord];
    book.post(accrueCommission(a, T));
    settle(book, a);
    // withdraw most of it
    const hold = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w1',
      attempt: 1,
      amountFen: F(1200),
      feeFen: F(0),
      at: T,
    });
    book.post(hold);
    book.post(payWithdrawal(hold, T));
    expect(book.of('d1')).toEqual({ frozen: 0, available: 300, held: 0, withdrawn: 1200, debt: 0 });

    refund(book, a, 'rf1', 0, true); // reverse all 1500: 300 from available, 1200 as debt
    expect(book.of('d1')).toEqual({ frozen: 0, available: 0, held: 0, withdrawn: 1200, debt: 1200 });
    const clawback = book.entries.at(-1) as LedgerEntry;
    expect(clawback).toMatchObject({ id: 'clawback:o1:0:1:rf1', kind: 'commission.clawback', amountFen: 1500 });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);

    const blocked = checkWithdrawal({
      amountFen: 1000,
      balances: book.of('d1'),
      rules: DEFAULT_RULES.withdrawal,
      requestedTodayFen: F(0),
    });
    expect(blocked.ok || blocked.error.code).toBe('WITHDRAWAL_BLOCKED_BY_DEBT');

    const [b] = order('o2', 10000) as [CommissionRecord];
    book.post(accrueCommission(b, T));
    settle(book, b); // 1500 settles, 1200 repays the debt
    expect(book.of('d1')).toEqual({ frozen: 0, available: 300, held: 0, withdrawn: 1200, debt: 0 });
    expect(book.entries.at(-1)).toMatchObject({
      id: 'debt-repay:settle:o2:0:1',
      kind: 'debt.repay',
      amountFen: 1200,
      causeId: 'settle:o2:0:1',
    });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);
  });

  it('a settlement smaller than the debt repays all of it and leaves the rest owed', () => {
    const book = new Book();
    const [a] = order('o1', 100000) as [CommissionRecord];
    book.post(accrueCommission(a, T));
    settle(book, a);
    const hold = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w1',
      attempt: 1,
      amountFen: F(15000),
      feeFen: F(0),
      at: T,
    });
    book.post([hold, payWithdrawal(hold, T)]);
    refund(book, a, 'rf', 0, true);
    expect(book.of('d1').debt).toBe(15000);
    const [b] = order('o2', 10000) as [CommissionRecord];
    book.post(accrueCommission(b, T));
    settle(book, b);
    expect(book.of('d1')).toMatchObject({ available: 0, debt: 13500 });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);
  });

  it('withdrawals hold on request, post on payment, void on rejection, release on failure and hold again on retry', () => {
    const book = new Book();
    for (const r of order('o1', 100000)) {
      book.post(accrueCommission(r, T));
      settle(book, r);
    }
    expect(book.of('d1').available).toBe(15000);
    const quote = unwrap(
      checkWithdrawal({
        amountFen: 10000,
        balances: book.of('d1'),
        rules: { ...DEFAULT_RULES.withdrawal, feeBp: 60 as never },
        requestedTodayFen: F(0),
      }),
    );
    expect(quote).toEqual({ amountFen: 10000, feeFen: 60, netFen: 9940 });
    const hold1 = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w1',
      attempt: 1,
      amountFen: quote.amountFen,
      feeFen: quote.feeFen,
      at: T,
    });
    book.post(hold1);
    expect(book.of('d1')).toMatchObject({ available: 5000, held: 10000 });
    book.post(releaseWithdrawal(hold1, book.of('d1'), T)); // the payout failed
    expect(book.of('d1')).toMatchObject({ available: 15000, held: 0 });
    const hold2 = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w1',
      attempt: 2,
      amountFen: quote.amountFen,
      feeFen: quote.feeFen,
      at: T,
    });
    book.post(hold2);
    const paid = payWithdrawal(hold2, T);
    expect(paid).toMatchObject({ id: 'withdrawal-pay:w1:2', feeFen: 60, amountFen: 10000 });
    book.post(paid);
    expect(book.of('d1')).toEqual({ frozen: 0, available: 5000, held: 0, withdrawn: 10000, debt: 0 });

    const hold3 = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w2',
      attempt: 1,
      amountFen: F(5000),
      feeFen: F(0),
      at: T,
    });
    book.post(hold3);
    book.post(releaseWithdrawal(hold3, book.of('d1'), T)); // rejected
    expect(book.of('d1')).toMatchObject({ available: 5000, held: 0 });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);
    expect(() => payWithdrawal(paid, T)).toThrow();
  });

  it('a debt that arises while money is held is netted when the hold is released', () => {
    const book = new Book();
    const [a] = order('o1', 100000) as [CommissionRecord];
    book.post(accrueCommission(a, T));
    settle(book, a);
    const hold = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w1',
      attempt: 1,
      amountFen: F(15000),
      feeFen: F(0),
      at: T,
    });
    book.post(hold);
    refund(book, a, 'rf', 1, true); // 7500 clawed back, nothing available → debt
    expect(book.of('d1')).toMatchObject({ available: 0, held: 15000, debt: 7500 });
    book.post(releaseWithdrawal(hold, book.of('d1'), T));
    expect(book.of('d1')).toMatchObject({ available: 7500, held: 0, debt: 0 });
    expect(checkLedgerInvariant(book.entries, book.balances)).toEqual([]);
  });
});

describe('checkLedgerInvariant catches', () => {
  function cleanBook(): Book {
    const book = new Book();
    for (const r of order('o1', 10000)) {
      book.post(accrueCommission(r, T));
      settle(book, r);
    }
    return book;
  }
  const codes = (book: { entries: LedgerEntry[]; balances: Map<string, Balances> }) =>
    checkLedgerInvariant(book.entries, book.balances).map((v) => v.code);

  it('a stored balance that differs from the entries', () => {
    const book = cleanBook();
    book.balances.set('d1', { ...book.of('d1'), available: 1 });
    const violations = checkLedgerInvariant(book.entries, book.balances);
    expect(violations).toEqual([
      expect.objectContaining({
        code: 'BALANCE_MISMATCH',
        distributorId: 'd1',
        bucket: 'available',
        expected: 1500,
        actual: 1,
      }),
    ]);
  });

  it('balance documents given as an array, and a missing one', () => {
    const book = cleanBook();
    const docs = [...book.balances].map(([distributorId, b]) => ({ distributorId, ...b }));
    expect(checkLedgerInvariant(book.entries, docs)).toEqual([]);
    expect(checkLedgerInvariant(book.entries, docs.slice(1)).map((v) => v.code)).toEqual(['MISSING_BALANCE']);
  });

  it('a stored earnedFen that drifted from the buckets, or is missing from a document', () => {
    const book = cleanBook();
    const docs = [...book.balances].map(([distributorId, b]) => ({ distributorId, ...b, earnedFen: earnedOf(b) }));
    expect(checkLedgerInvariant(book.entries, docs)).toEqual([]);
    const [first, ...rest] = docs;
    const drifted = { ...first!, earnedFen: first!.earnedFen + 1 };
    expect(checkLedgerInvariant(book.entries, [drifted, ...rest])).toEqual([
      expect.objectContaining({
        code: 'EARNED_MISMATCH',
        distributorId: first!.distributorId,
        expected: first!.earnedFen,
        actual: first!.earnedFen + 1,
      }),
    ]);
    // Null: a stored document written before the field was kept.
    const missing = { ...first!, earnedFen: null };
    expect(checkLedgerInvariant(book.entries, [missing, ...rest]).map((v) => v.code)).toEqual(['EARNED_MISMATCH']);
  });

  it('a duplicated entry, a malformed entry and one that creates money', () => {
    const book = cleanBook();
    const first = book.entries[0] as LedgerEntry;
    expect(
      codes({ entries: [...book.entries, first], balances: balancesFromEntries([...book.entries, first]) }),
    ).toContain('DUPLICATE_ENTRY_ID');
    const malformed = { ...first, id: 'x', amountFen: F(-5) };
    expect(codes({ entries: [...book.entries, malformed], balances: book.balances })).toContain('ENTRY_MALFORMED');
    const minting: LedgerEntry = {
      ...first,
      id: 'mint',
      kind: 'commission.settle',
      amountFen: F(10),
      deltas: { frozen: 0, available: 10, held: 0, withdrawn: 0, debt: 0 },
    };
    const all = [...book.entries, minting];
    expect(codes({ entries: all, balances: balancesFromEntries(all) })).toEqual(
      expect.arrayContaining(['ENTRY_NOT_CONSERVING', 'CONSERVATION']),
    );
  });

  it('settling more than accrued, paying a withdrawal twice, negative buckets and un-netted debt', () => {
    const book = cleanBook();
    const [r] = order('o1', 10000) as [CommissionRecord];
    const doubleSettle = settleCommission({
      record: r,
      reversedFen: F(0),
      balances: ZERO_BALANCES,
      at: T,
    })[0] as LedgerEntry;
    const withExtra = [...book.entries, { ...doubleSettle, id: 'settle-again' }];
    expect(codes({ entries: withExtra, balances: balancesFromEntries(withExtra) })).toEqual(
      expect.arrayContaining(['COMMISSION_OVERDRAWN', 'NEGATIVE_BUCKET']),
    );

    const hold = holdWithdrawal({
      distributorId: 'd1',
      withdrawalId: 'w',
      attempt: 1,
      amountFen: F(1000),
      feeFen: F(0),
      at: T,
    });
    const twice = [...book.entries, hold, payWithdrawal(hold, T), { ...payWithdrawal(hold, T), id: 'pay-again' }];
    expect(codes({ entries: twice, balances: balancesFromEntries(twice) })).toEqual(
      expect.arrayContaining(['WITHDRAWAL_OVERDRAWN', 'NEGATIVE_BUCKET']),
    );

    const notNetted: LedgerEntry = {
      id: 'claw',
      distributorId: 'd1',
      kind: 'commission.clawback',
      amountFen: F(100),
      at: T,
      commissionId: r.id,
      deltas: { frozen: 0, available: 0, held: 0, withdrawn: 0, debt: 100 },
    };
    const withDebt = [...book.entries, notNetted];
    expect(codes({ entries: withDebt, balances: balancesFromEntries(withDebt) })).toEqual(['DEBT_NOT_NETTED']);
  });
});

describe('earnedOf', () => {
  it('adds every bucket commission can sit in, and not the debt', () => {
    expect(earnedOf({ frozen: 1, available: 20, held: 300, withdrawn: 4000, debt: 50000 })).toBe(4321);
    expect(earnedOf(ZERO_BALANCES)).toBe(0);
  });

  it('refuses a negative bucket rather than store a wrong figure', () => {
    expect(() => earnedOf({ ...ZERO_BALANCES, available: -1 })).toThrow();
  });
});

test('the streaming audit finds what the whole-ledger check finds, fed in any order', () => {
  const record = { id: 'commission:o1:0:1', beneficiaryId: 'd1', orderId: 'o1', line: 0, level: 1, amountFen: 500 };
  const entries = [
    accrueCommission(record as never, 1),
    // A second distributor's entry stored against a wrong balance below.
    accrueCommission({ ...record, id: 'commission:o2:0:1', beneficiaryId: 'd2', orderId: 'o2' } as never, 2),
  ];
  const balances = new Map([
    ['d1', { ...ZERO_BALANCES, frozen: 500 }],
    ['d2', { ...ZERO_BALANCES, frozen: 400 }],
  ]);
  const whole = checkLedgerInvariant(entries, balances);
  const audit = ledgerAudit();
  for (const entry of [...entries].reverse()) audit.add(entry);
  expect(audit.finish(balances)).toEqual(whole);
  expect(whole.map((v) => v.code)).toEqual(['BALANCE_MISMATCH']);
});
