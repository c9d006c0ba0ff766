import {
  chinaDay,
  chinaDayBounds,
  checkWithdrawal,
  countRequest,
  DEFAULT_RULES,
  requestedOn,
  uncountRelease,
  unwrap,
  parseRules,
  type Balances,
  type Fen,
} from '../src';

const F = (n: number) => n as Fen;
const balances = (available: number, debt = 0): Balances => ({ frozen: 0, available, held: 0, withdrawn: 0, debt });
const rules = unwrap(
  parseRules({ version: 1, withdrawal: { minFen: 1000, maxFenPerRequest: 50_000, dailyCapFen: 80_000, feeBp: 60 } }),
).withdrawal;

function code(amountFen: unknown, b: Balances, today = 0, r = rules): string | null {
  const result = checkWithdrawal({ amountFen, balances: b, rules: r, requestedTodayFen: F(today) });
  return result.ok ? null : result.error.code;
}

describe('checkWithdrawal', () => {
  it('quotes amount, floored fee and net', () => {
    expect(
      unwrap(checkWithdrawal({ amountFen: 12345, balances: balances(20000), rules, requestedTodayFen: F(0) })),
    ).toEqual({
      amountFen: 12345,
      feeFen: 74, // 74.07
      netFen: 12271,
    });
    expect(
      unwrap(
        checkWithdrawal({
          amountFen: 1000,
          balances: balances(1000),
          rules: DEFAULT_RULES.withdrawal,
          requestedTodayFen: F(0),
        }),
      ),
    ).toEqual({
      amountFen: 1000,
      feeFen: 0,
      netFen: 1000,
    });
  });

  it.each([[0], [-100], [12.5], ['1000'], [Number.MAX_SAFE_INTEGER + 2]])(
    'refuses amount %p as invalid input',
    (amount) => {
      expect(code(amount, balances(100_000))).toBe('INVALID_INPUT');
    },
  );

  it('enforces minimum, maximum, daily cap and balance', () => {
    expect(code(999, balances(100_000))).toBe('BELOW_WITHDRAWAL_MINIMUM');
    expect(code(1000, balances(100_000))).toBeNull();
    expect(code(50_001, balances(100_000))).toBe('ABOVE_WITHDRAWAL_MAXIMUM');
    expect(code(50_000, balances(100_000))).toBeNull();
    expect(code(30_001, balances(100_000), 50_000)).toBe('DAILY_WITHDRAWAL_CAP_REACHED');
    expect(code(30_000, balances(100_000), 50_000)).toBeNull();
    expect(code(5001, balances(5000))).toBe('INSUFFICIENT_BALANCE');
  });

  it('is blocked by any debt, before other checks', () => {
    expect(code(5000, balances(0, 1))).toBe('WITHDRAWAL_BLOCKED_BY_DEBT');
  });

  it('refuses a withdrawal whose whole amount would go to the fee', () => {
    const allFee = { ...DEFAULT_RULES.withdrawal, minFen: F(1), feeBp: 10000 as never };
    expect(code(5, balances(100), 0, allFee)).toBe('BELOW_WITHDRAWAL_MINIMUM');
  });
});

describe('daily window', () => {
  // 2025-10-09T16:00:00Z is midnight in China (UTC+8).
  const chinaMidnight = Date.UTC(2025, 9, 9, 16, 0, 0);

  it('is the China-time calendar day', () => {
    expect(chinaDayBounds(chinaMidnight)).toEqual({ start: chinaMidnight, end: chinaMidnight + 86_400_000 });
    expect(chinaDayBounds(chinaMidnight - 1)).toEqual({ start: chinaMidnight - 86_400_000, end: chinaMidnight });
    expect(chinaDayBounds(chinaMidnight + 86_399_999).start).toBe(chinaMidnight);
  });

  it('names the China-time day', () => {
    expect(chinaDay(chinaMidnight)).toBe('2025-10-10');
    expect(chinaDay(chinaMidnight - 1)).toBe('2025-10-09');
    expect(chinaDay(chinaMidnight + 86_399_999)).toBe('2025-10-10');
  });

  it('counts today’s requests, gives back rejected and failed ones, and forgets earlier days', () => {
    const now = chinaMidnight + 3_600_000;
    const yesterday = countRequest(undefined, chinaMidnight - 1, F(16000));
    expect(requestedOn(yesterday, now)).toBe(0);
    let counter = countRequest(yesterday, now - 40, F(8000));
    for (const amount of [4000, 2000, 1000]) counter = countRequest(counter, now - amount / 100, F(amount));
    expect(counter).toEqual({ day: '2025-10-10', requestedFen: 15000 });
    counter = uncountRelease(counter, now - 40, F(8000))!; // failed
    counter = uncountRelease(counter, now - 30, F(4000))!; // rejected
    expect(requestedOn(counter, now)).toBe(3000);
    // A release of yesterday's request leaves today's counter alone, and the counter never goes below zero.
    expect(uncountRelease(counter, chinaMidnight - 1, F(16000))).toBe(counter);
    expect(uncountRelease(counter, now, F(99_000))).toEqual({ day: '2025-10-10', requestedFen: 0 });
    expect(uncountRelease(undefined, now, F(1000))).toBeUndefined();
  });
});
