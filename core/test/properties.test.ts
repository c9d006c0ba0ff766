/**
 * Property tests: for random orders, discounts, rates and sequences of partial refunds and
 * withdrawals, the money always adds up.
 */
import fc from 'fast-check';
import {
  accrueCommission,
  allocateLargestRemainder,
  applyEntries,
  applyRate,
  balancesFromEntries,
  checkLedgerInvariant,
  checkWithdrawal,
  commissionForRemaining,
  commissionPosition,
  commissionsForOrder,
  formatYuan,
  holdWithdrawal,
  parseRules,
  parseYuan,
  payWithdrawal,
  priceOrder,
  refundAmountForLine,
  releaseWithdrawal,
  reversalForRefund,
  reverseCommission,
  settleCommission,
  unwrap,
  ZERO_BALANCES,
  type Balances,
  type CommissionRecord,
  type Coupon,
  type DistributionRules,
  type Fen,
  type LedgerEntry,
  type Product,
} from '../src';

const F = (n: number) => n as Fen;
const NOW = 1_760_000_000_000;
const RUNS = { numRuns: 300 };

const productArb = fc.record({
  priceFen: fc.integer({ min: 0, max: 1_000_000 }),
  quantity: fc.integer({ min: 1, max: 999 }),
});
const couponArb: fc.Arbitrary<Coupon | null> = fc.oneof(
  fc.constant(null),
  fc
    .integer({ min: 0, max: 5_000_000 })
    .map((amountFen): Coupon => ({ id: 'c', kind: 'amount_off', amountFen: F(amountFen) })),
  fc
    .integer({ min: 0, max: 10000 })
    .map((rateBp): Coupon => ({ id: 'c', kind: 'percent_off', rateBp: rateBp as never })),
);
const ratesArb = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .filter(([a, b]) => a + b <= 10000);

describe('properties', () => {
  it('yuan strings round-trip exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        expect(parseYuan(formatYuan(F(amount)))).toEqual({ ok: true, value: amount });
      }),
      RUNS,
    );
  });

  it('largest remainder: parts add up, none exceeds its weight, each within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          const total = Math.floor(sum * fraction);
          const parts = allocateLargestRemainder(F(total), weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((part, i) => {
            const weight = weights[i] as number;
            expect(part).toBeLessThanOrEqual(weight);
            const exactTimesSum = BigInt(total) * BigInt(weight);
            expect(BigInt(part) * BigInt(sum) >= exactTimesSum - BigInt(sum)).toBe(true);
            expect(BigInt(part) * BigInt(sum) <= exactTimesSum + BigInt(sum)).toBe(true);
          });
        },
      ),
      RUNS,
    );
  });

  it('pricing: lines add up to the total for any products, quantities and coupon', () => {
    fc.assert(
      fc.property(
        fc.array(productArb, { minLength: 1, maxLength: 12 }),
        couponArb,
        fc.integer({ min: 0, max: 2000 }),
        (specs, coupon, flat) => {
          const products: Product[] = specs.map((s, i) => ({
            id: `p${i}`,
            title: `p${i}`,
            priceFen: F(s.priceFen),
            stock: 999,
            onShelf: true,
          }));
          const items = specs.map((s, i) => ({ productId: `p${i}`, quantity: s.quantity }));
          const order = unwrap(
            priceOrder({ products, items, coupon, shipping: { flatFen: F(flat), freeOverFen: F(100_000) }, now: NOW }),
          );
          const sum = (pick: (l: (typeof order.lines)[number]) => number) =>
            order.lines.reduce((a, l) => a + pick(l), 0);
          expect(sum((l) => l.listAmountFen)).toBe(order.subtotalFen);
          expect(sum((l) => l.discountFen)).toBe(order.discountFen);
          expect(sum((l) => l.paidFen)).toBe(order.subtotalFen - order.discountFen);
          expect(order.totalFen).toBe(order.subtotalFen - order.discountFen + order.shippingFen);
          for (const line of order.lines) {
            expect(line.discountFen).toBeGreaterThanOrEqual(0);
            expect(line.discountFen).toBeLessThanOrEqual(line.listAmountFen);
            expect(Number.isSafeInteger(line.paidFen)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('commission never exceeds rate × base and misses it by less than a fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10000 }),
        (base, rate) => {
          const amount = applyRate(F(base), rate as never);
          const exact = BigInt(base) * BigInt(rate);
          expect(BigInt(amount) * 10000n <= exact).toBe(true);
          expect(BigInt(amount + 1) * 10000n > exact).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('partial refunds: reversals + remaining = original exactly, refunds + kept = paid, a full refund reverses everything', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        ratesArb,
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 20 }),
        fc.boolean(),
        (paid, quantity, [r1, r2], refundSteps, refundTheRest) => {
          const rules = unwrap(parseRules({ version: 1, levelRatesBp: [r1, r2] }));
          const records = unwrap(
            commissionsForOrder({
              orderId: 'o',
              lines: [{ line: 0, productId: 'p', quantity, paidFen: F(paid) }],
              snapshot: { buyerId: 'b', ruleVersion: 1, beneficiaries: ['d1', 'd2'] },
              rules,
            }),
          );
          for (const record of records)
            expect(record.amountFen * 10000).toBeLessThanOrEqual(record.baseFen * [r1, r2][record.level - 1]!);
          let remaining = quantity;
          let refunded = 0;
          const reversed = new Map<string, number>();
          const steps = [...refundSteps.map((s) => Math.min(s, remaining)), ...(refundTheRest ? [quantity] : [])];
          steps.forEach((step, n) => {
            const qty = Math.min(step, remaining);
            if (qty === 0) return;
            refunded += unwrap(refundAmountForLine(F(paid), quantity, quantity - remaining, qty));
            remaining -= qty;
            for (const record of records) {
              const already = reversed.get(record.id) ?? 0;
              const reversal = unwrap(
                reversalForRefund({
                  record,
                  refundId: `r${n}`,
                  remainingQuantity: remaining,
                  alreadyReversedFen: F(already),
                }),
              );
              if (reversal) {
                expect(reversal.amountFen).toBeGreaterThan(0);
                reversed.set(record.id, already + reversal.amountFen);
              }
            }
          });
          expect(refunded + (remaining === quantity ? paid : Math.floor((paid * remaining) / quantity))).toBe(paid);
          for (const record of records) {
            expect((reversed.get(record.id) ?? 0) + commissionForRemaining(record, remaining)).toBe(record.amountFen);
            if (remaining === 0) expect(reversed.get(record.id) ?? 0).toBe(record.amountFen);
          }
        },
      ),
      RUNS,
    );
  });

  type Op =
    | { t: 'order'; paid: number; qty: number; who: [number, number]; rates: [number, number] }
    | { t: 'refund'; k: number; qty: number }
    | { t: 'settle'; k: number }
    | { t: 'withdraw'; d: number; amount: number; outcome: 'pay' | 'reject' | 'fail-retry-pay' | 'fail' | 'pending' };

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      t: fc.constant('order' as const),
      paid: fc.integer({ min: 0, max: 200_000 }),
      qty: fc.integer({ min: 1, max: 5 }),
      who: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
      rates: ratesArb,
    }),
    fc.record({ t: fc.constant('refund' as const), k: fc.nat(), qty: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ t: fc.constant('settle' as const), k: fc.nat() }),
    fc.record({
      t: fc.constant('withdraw' as const),
      d: fc.integer({ min: 0, max: 2 }),
      amount: fc.integer({ min: 1, max: 60_000 }),
      outcome: fc.constantFrom(
        'pay' as const,
        'reject' as const,
        'fail-retry-pay' as const,
        'fail' as const,
        'pending' as const,
      ),
    }),
  );

  it('ledger: for any sequence of orders, refunds, settlements and withdrawals, sums equal balances and no fen is created or lost', () => {
    const people = ['d1', 'd2', 'd3'];
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const entries: LedgerEntry[] = [];
        const balances = new Map<string, Balances>();
        const of = (id: string) => balances.get(id) ?? ZERO_BALANCES;
        const post = (list: readonly LedgerEntry[]) => {
          for (const e of list) {
            entries.push(e);
            balances.set(e.distributorId, applyEntries(of(e.distributorId), [e]));
          }
        };
        const orders: { records: CommissionRecord[]; quantity: number; remaining: number; settled: boolean }[] = [];
        let refundSeq = 0;
        let withdrawalSeq = 0;
        for (const op of ops) {
          if (op.t === 'order') {
            const rules: DistributionRules = unwrap(parseRules({ version: 1, levelRatesBp: op.rates }));
            const [a, b] = op.who;
            const beneficiaries = [people[a] as string, a === b ? null : (people[b] as string)];
            const records = unwrap(
              commissionsForOrder({
                orderId: `o${orders.length}`,
                lines: [{ line: 0, productId: 'p', quantity: op.qty, paidFen: F(op.paid) }],
                snapshot: { buyerId: 'buyer', ruleVersion: 1, beneficiaries },
                rules,
              }),
            );
            post(records.map((r) => accrueCommission(r, NOW)));
            orders.push({ records, quantity: op.qty, remaining: op.qty, settled: false });
          } else if (op.t === 'refund' && orders.length > 0) {
            const order = orders[op.k % orders.length]!;
            const qty = Math.min(op.qty, order.remaining);
            if (qty === 0) continue;
            order.remaining -= qty;
            const refundId = `rf${refundSeq++}`;
            for (const record of order.records) {
              const position = commissionPosition(entries, record.id);
              const reversal = unwrap(
                reversalForRefund({
                  record,
                  refundId,
                  remainingQuantity: order.remaining,
                  alreadyReversedFen: F(position.reversed + position.clawedBack),
                }),
              );
              if (reversal)
                post([
                  reverseCommission({ reversal, settled: order.settled, balances: of(record.beneficiaryId), at: NOW }),
                ]);
            }
          } else if (op.t === 'settle' && orders.length > 0) {
            const order = orders[op.k % orders.length]!;
            if (order.settled) continue;
            order.settled = true;
            for (const record of order.records) {
              const position = commissionPosition(entries, record.id);
              post(
                settleCommission({
                  record,
                  reversedFen: F(position.reversed),
                  balances: of(record.beneficiaryId),
                  at: NOW,
                }),
              );
            }
          } else if (op.t === 'withdraw') {
            const who = people[op.d] as string;
            const quote = checkWithdrawal({
              amountFen: op.amount,
              balances: of(who),
              rules: { minFen: F(1), maxFenPerRequest: null, dailyCapFen: null, feeBp: 60 as never },
              requestedTodayFen: F(0),
            });
            if (!quote.ok) {
              expect(['INSUFFICIENT_BALANCE', 'WITHDRAWAL_BLOCKED_BY_DEBT', 'BELOW_WITHDRAWAL_MINIMUM']).toContain(
                quote.error.code,
              );
              continue;
            }
            const withdrawalId = `w${withdrawalSeq++}`;
            const hold = holdWithdrawal({
              distributorId: who,
              withdrawalId,
              attempt: 1,
              amountFen: quote.value.amountFen,
              feeFen: quote.value.feeFen,
              at: NOW,
            });
            post([hold]);
            if (op.outcome === 'pay') post([payWithdrawal(hold, NOW)]);
            if (op.outcome === 'reject' || op.outcome === 'fail') post(releaseWithdrawal(hold, of(who), NOW));
            if (op.outcome === 'fail-retry-pay') {
              post(releaseWithdrawal(hold, of(who), NOW));
              const again = checkWithdrawal({
                amountFen: op.amount,
                balances: of(who),
                rules: { minFen: F(1), maxFenPerRequest: null, dailyCapFen: null, feeBp: 60 as never },
                requestedTodayFen: F(0),
              });
              if (again.ok) {
                const hold2 = holdWithdrawal({
                  distributorId: who,
                  withdrawalId,
                  attempt: 2,
                  amountFen: again.value.amountFen,
                  feeFen: again.value.feeFen,
                  at: NOW,
                });
                post([hold2, payWithdrawal(hold2, NOW)]);
              }
            }
          }
        }
        expect(checkLedgerInvariant(entries, balances)).toEqual([]);
        const sums = balancesFromEntries(entries);
        for (const person of people) expect(sums.get(person) ?? ZERO_BALANCES).toEqual(of(person));
        // No fen created or lost: each person's net position is exactly the commission still due
        // on what shoppers kept.
        const due = new Map<string, number>();
        for (const order of orders) {
          for (const record of order.records) {
            due.set(
              record.beneficiaryId,
              (due.get(record.beneficiaryId) ?? 0) + commissionForRemaining(record, order.remaining),
            );
          }
        }
        for (const person of people) {
          const b = of(person);
          expect(b.frozen + b.available + b.held + b.withdrawn - b.debt).toBe(due.get(person) ?? 0);
          expect(b.debt > 0 && b.available > 0).toBe(false);
        }
        // ids are unique, so replaying any entry is detectable
        expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
      }),
      { numRuns: 200 },
    );
  });
});
