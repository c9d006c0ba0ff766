/**
 * Income tax withheld on commission (劳务报酬 预扣预缴): the table at its edges, a month of several payouts, and
 * properties over random incomes and random splits of a month.
 */
import fc from 'fast-check';
import {
  applyEntries,
  checkLedgerInvariant,
  chinaMonth,
  holdWithdrawal,
  labourIncomeTax,
  payWithdrawalWithTax,
  taxableLabourIncome,
  uncountLabourTax,
  withholdLabourTax,
  ZERO_BALANCES,
  type Fen,
  type MonthlyTax,
} from '../src';

const f = (n: number) => n as Fen;
/** 2026-03-10 12:00 China time. */
const MARCH = Date.UTC(2026, 2, 10, 4, 0, 0);
/** 2026-04-01 00:00 China time: March 31 16:00 UTC. */
const APRIL_FIRST = Date.UTC(2026, 2, 31, 16, 0, 0);

describe('the 劳务报酬 table at its edges', () => {
  test('¥800 is deducted up to ¥4,000 of income: nothing is due on ¥800 or less', () => {
    expect(taxableLabourIncome(f(80000))).toBe(0);
    expect(labourIncomeTax(f(80000))).toBe(0);
    expect(labourIncomeTax(f(0))).toBe(0);
    expect(taxableLabourIncome(f(80100))).toBe(100);
    expect(labourIncomeTax(f(80100))).toBe(20);
  });

  test('at ¥4,000 of income the deduction switches from ¥800 to 20%, without a jump', () => {
    expect(taxableLabourIncome(f(400000))).toBe(320000);
    expect(labourIncomeTax(f(400000))).toBe(64000);
    expect(taxableLabourIncome(f(400001))).toBe(320000); // 320000.8 floored
    expect(taxableLabourIncome(f(400100))).toBe(320080);
    expect(labourIncomeTax(f(400100))).toBe(64016);
  });

  test('¥20,000 taxable is the last fen at 20%; above it 30% − ¥2,000', () => {
    expect(taxableLabourIncome(f(2500000))).toBe(2000000);
    expect(labourIncomeTax(f(2500000))).toBe(400000);
    expect(taxableLabourIncome(f(2500100))).toBe(2000080);
    expect(labourIncomeTax(f(2500100))).toBe(600024 - 200000);
  });

  test('¥50,000 taxable is the last fen at 30%; above it 40% − ¥7,000', () => {
    expect(taxableLabourIncome(f(6250000))).toBe(5000000);
    expect(labourIncomeTax(f(6250000))).toBe(1500000 - 200000);
    expect(labourIncomeTax(f(6250100))).toBe(2000032 - 700000);
  });
});

describe('a month of payouts is one income', () => {
  test('a second payout in the month withholds the difference', () => {
    const first = withholdLabourTax(undefined, MARCH, f(300000));
    expect(first.taxFen).toBe(labourIncomeTax(f(300000))); // (3000 − 800) × 20% = ¥440
    expect(first.taxFen).toBe(44000);
    const second = withholdLabourTax(first.month, MARCH + 1000, f(300000));
    // ¥6,000 × 80% × 20% = ¥960 for the month, of which ¥440 is already withheld.
    expect(second.taxFen).toBe(96000 - 44000);
    expect(second.month).toEqual({ month: '2026-03', incomeFen: 600000, taxFen: 96000 });
  });

  test('a new China-time month starts again from zero', () => {
    const march = withholdLabourTax(undefined, APRIL_FIRST - 1, f(300000));
    expect(march.month.month).toBe('2026-03');
    const april = withholdLabourTax(march.month, APRIL_FIRST, f(300000));
    expect(chinaMonth(APRIL_FIRST)).toBe('2026-04');
    expect(april.taxFen).toBe(44000);
  });

  test('a released payout stops counting in its own month only', () => {
    const counter: MonthlyTax = { month: '2026-03', incomeFen: f(600000), taxFen: f(96000) };
    expect(uncountLabourTax(counter, MARCH, f(300000), f(52000))).toEqual({
      month: '2026-03',
      incomeFen: 300000,
      taxFen: 44000,
    });
    expect(uncountLabourTax(counter, APRIL_FIRST, f(300000), f(52000))).toBe(counter);
  });

  test('the tax withheld is a ledger entry; the balance falls by the gross and the books balance', () => {
    const hold = holdWithdrawal({
      distributorId: 'd',
      withdrawalId: 'w',
      attempt: 1,
      amountFen: f(300000),
      feeFen: f(0),
      at: MARCH,
    });
    const paid = payWithdrawalWithTax(hold, f(44000), MARCH);
    expect(paid.map((e) => [e.kind, e.amountFen])).toEqual([
      ['withdrawal.pay', 256000],
      ['withdrawal.tax', 44000],
    ]);
    const start = { ...ZERO_BALANCES, available: 300000 };
    const entries = [hold, ...paid];
    const balances = applyEntries(start, entries);
    expect(balances).toMatchObject({ available: 0, held: 0, withdrawn: 300000 });
    // Only the withdrawal's entries are audited here (no accrual), so look at the checks about them.
    const about = ['ENTRY_MALFORMED', 'ENTRY_NOT_CONSERVING', 'WITHDRAWAL_OVERDRAWN', 'DUPLICATE_ENTRY_ID'];
    const audit = (list: typeof entries) =>
      checkLedgerInvariant(list, new Map([['d', applyEntries(ZERO_BALANCES, list)]]))
        .filter((v) => about.includes(v.code))
        .map((v) => v.code);
    expect(audit(entries)).toEqual([]);
    // Tax withheld on top of a release would pay out more than was held.
    expect(
      audit([
        ...entries,
        {
          ...paid[0]!,
          id: 'x',
          kind: 'withdrawal.release',
          deltas: { ...ZERO_BALANCES, held: -256000, available: 256000 },
        },
      ]),
    ).toContain('WITHDRAWAL_OVERDRAWN');
    expect(payWithdrawalWithTax(hold, f(0), MARCH).map((e) => e.kind)).toEqual(['withdrawal.pay']);
  });
});

const income = fc.integer({ min: 0, max: 100_000_000 });

describe('properties', () => {
  test('the tax is never negative, never more than 32% of the income, and never falls as income grows', () => {
    fc.assert(
      fc.property(income, income, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const tax = labourIncomeTax(f(high));
        expect(Number.isSafeInteger(tax)).toBe(true);
        expect(tax).toBeGreaterThanOrEqual(0);
        expect(tax * 100).toBeLessThanOrEqual(high * 32);
        expect(labourIncomeTax(f(low))).toBeLessThanOrEqual(tax);
      }),
    );
  });

  test('however a month is split into payouts, the withholdings add up to the tax on its total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: 1, maxLength: 12 }), (payouts) => {
        let counter: MonthlyTax | undefined;
        let withheld = 0;
        for (const [i, amount] of payouts.entries()) {
          const step = withholdLabourTax(counter, MARCH + i, f(amount));
          expect(step.taxFen).toBeGreaterThanOrEqual(0);
          // At most the top marginal rate (40% × 80%) of the payout, plus under two fen from the two floors.
          expect(step.taxFen * 100).toBeLessThanOrEqual(amount * 32 + 200);
          withheld += step.taxFen;
          counter = step.month;
        }
        const total = payouts.reduce((sum, amount) => sum + amount, 0);
        expect(withheld).toBe(labourIncomeTax(f(total)));
        expect(counter).toEqual({ month: '2026-03', incomeFen: total, taxFen: withheld });
      }),
    );
  });
});
