import {
  afterSalesDeadline,
  checkAfterSaleRequest,
  commissionMachine,
  DAY_MS,
  DEFAULT_RULES,
  claimedQuantity,
  isAfterSalesWindowClosed,
  isEveryLineRefunded,
  isReturnOverdue,
  operatorRefundAmount,
  orderMachine,
  settlementGuards,
  transition,
  unwrap,
  type AfterSaleSummary,
  type Fen,
  type OrderForAfterSales,
} from '../src';

const F = (n: number) => n as Fen;
const RECEIVED = 1_760_000_000_000;
const order = (state: OrderForAfterSales['state'], receivedAt: number | null = null): OrderForAfterSales => ({
  state,
  receivedAt,
  lines: [
    { quantity: 3, paidFen: F(9999) },
    { quantity: 1, paidFen: F(500) },
  ],
});

describe('after-sales window', () => {
  it('counts freezeDays from receipt, never from creation', () => {
    expect(afterSalesDeadline(null, DEFAULT_RULES)).toBeNull();
    expect(afterSalesDeadline(RECEIVED, DEFAULT_RULES)).toBe(RECEIVED + 7 * DAY_MS);
    expect(isAfterSalesWindowClosed(order('shipped'), DEFAULT_RULES, RECEIVED + 365 * DAY_MS)).toBe(false);
    expect(isAfterSalesWindowClosed(order('received', RECEIVED), DEFAULT_RULES, RECEIVED + 7 * DAY_MS - 1)).toBe(false);
    expect(isAfterSalesWindowClosed(order('received', RECEIVED), DEFAULT_RULES, RECEIVED + 7 * DAY_MS)).toBe(true);
  });

  it('drives the settle and complete guards', () => {
    const open: AfterSaleSummary[] = [{ line: 1, quantity: 1, state: 'requested' }];
    const later = RECEIVED + 8 * DAY_MS;
    expect(
      transition(
        commissionMachine,
        'frozen',
        'settle',
        settlementGuards(order('received', RECEIVED), [], DEFAULT_RULES, later, 0),
      ),
    ).toEqual({ ok: true, value: 'settled' });
    // an open after-sale on another line does not hold this line back, but holds the order
    expect(
      transition(
        commissionMachine,
        'frozen',
        'settle',
        settlementGuards(order('received', RECEIVED), open, DEFAULT_RULES, later, 0),
      ).ok,
    ).toBe(true);
    expect(
      transition(
        commissionMachine,
        'frozen',
        'settle',
        settlementGuards(order('received', RECEIVED), open, DEFAULT_RULES, later, 1),
      ).ok,
    ).toBe(false);
    expect(
      transition(
        orderMachine,
        'received',
        'complete',
        settlementGuards(order('received', RECEIVED), open, DEFAULT_RULES, later),
      ).ok,
    ).toBe(false);
    expect(
      transition(
        commissionMachine,
        'frozen',
        'settle',
        settlementGuards(order('received', RECEIVED), [], DEFAULT_RULES, RECEIVED + DAY_MS, 0),
      ).ok,
    ).toBe(false);
  });
});

describe('checkAfterSaleRequest', () => {
  const now = RECEIVED + DAY_MS;
  it('quotes the refund for a quantity of a line', () => {
    expect(
      unwrap(
        checkAfterSaleRequest({
          order: order('received', RECEIVED),
          afterSales: [],
          line: 0,
          quantity: 1,
          rules: DEFAULT_RULES,
          now,
        }),
      ),
    ).toEqual({ refundFen: 3333 });
    expect(
      unwrap(
        checkAfterSaleRequest({
          order: order('paid'),
          afterSales: [],
          line: 0,
          quantity: 3,
          rules: DEFAULT_RULES,
          now,
        }),
      ),
    ).toEqual({ refundFen: 9999 });
  });

  it('refuses more than purchased minus refunded and open requests', () => {
    const afterSales: AfterSaleSummary[] = [
      { line: 0, quantity: 1, state: 'refunded' },
      { line: 0, quantity: 1, state: 'approved' },
      { line: 0, quantity: 1, state: 'rejected' },
    ];
    const tooMany = checkAfterSaleRequest({
      order: order('shipped'),
      afterSales,
      line: 0,
      quantity: 2,
      rules: DEFAULT_RULES,
      now,
    });
    expect(tooMany.ok || tooMany.error.code).toBe('REFUND_EXCEEDS_PURCHASE');
    expect(
      unwrap(
        checkAfterSaleRequest({ order: order('shipped'), afterSales, line: 0, quantity: 1, rules: DEFAULT_RULES, now }),
      ).refundFen,
    ).toBe(3333);
  });

  it.each([
    ['unpaid', null, 'ILLEGAL_TRANSITION'],
    ['cancelled', null, 'ILLEGAL_TRANSITION'],
    ['completed', RECEIVED, 'AFTER_SALES_WINDOW_CLOSED'],
  ] as const)('refuses in state %s', (state, receivedAt, code) => {
    const result = checkAfterSaleRequest({
      order: order(state, receivedAt),
      afterSales: [],
      line: 0,
      quantity: 1,
      rules: DEFAULT_RULES,
      now,
    });
    expect(result.ok || result.error.code).toBe(code);
  });

  it('refuses after the window and for unknown lines or bad quantities', () => {
    const late = checkAfterSaleRequest({
      order: order('received', RECEIVED),
      afterSales: [],
      line: 0,
      quantity: 1,
      rules: DEFAULT_RULES,
      now: RECEIVED + 7 * DAY_MS,
    });
    expect(late.ok || late.error.code).toBe('AFTER_SALES_WINDOW_CLOSED');
    const noLine = checkAfterSaleRequest({
      order: order('paid'),
      afterSales: [],
      line: 9,
      quantity: 1,
      rules: DEFAULT_RULES,
      now,
    });
    expect(noLine.ok || noLine.error.code).toBe('NOT_FOUND');
    const zero = checkAfterSaleRequest({
      order: order('paid'),
      afterSales: [],
      line: 0,
      quantity: 0,
      rules: DEFAULT_RULES,
      now,
    });
    expect(zero.ok || zero.error.code).toBe('INVALID_INPUT');
  });
});

describe('returns, closing and operator amounts (issue 16)', () => {
  it('a return needs goods that left the shop; a refund does not', () => {
    const base = { afterSales: [], line: 0, quantity: 1, rules: DEFAULT_RULES, now: RECEIVED };
    expect(checkAfterSaleRequest({ ...base, order: order('paid'), type: 'return' })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    });
    expect(checkAfterSaleRequest({ ...base, order: order('paid') })).toMatchObject({
      ok: true,
      value: { refundFen: 3333 },
    });
    expect(checkAfterSaleRequest({ ...base, order: order('shipped'), type: 'return' })).toMatchObject({ ok: true });
  });

  it('returns under way still claim their units; a closed return releases them', () => {
    const claims: AfterSaleSummary[] = [
      { line: 0, quantity: 1, state: 'awaiting_return' },
      { line: 0, quantity: 1, state: 'return_shipped' },
      { line: 0, quantity: 1, state: 'closed' },
    ];
    expect(claimedQuantity(claims, 0)).toBe(2);
  });

  it('closes only when every unit of every line is refunded', () => {
    expect(isEveryLineRefunded([{ quantity: 2, refundedQuantity: 2 }])).toBe(true);
    expect(
      isEveryLineRefunded([
        { quantity: 2, refundedQuantity: 2 },
        { quantity: 1, refundedQuantity: 0 },
      ]),
    ).toBe(false);
    expect(isEveryLineRefunded([])).toBe(false);
  });

  it('an operator refunds at most the computed amount, less only with a reason', () => {
    expect(operatorRefundAmount(F(9900))).toEqual({ ok: true, value: 9900 });
    expect(operatorRefundAmount(F(9900), { refundFen: 9901, reason: 'x' })).toMatchObject({ ok: false });
    expect(operatorRefundAmount(F(9900), { refundFen: 0, reason: 'x' })).toMatchObject({ ok: false });
    expect(operatorRefundAmount(F(9900), { refundFen: 5000 })).toMatchObject({ ok: false });
    expect(operatorRefundAmount(F(9900), { refundFen: 5000, reason: '破损' })).toEqual({ ok: true, value: 5000 });
  });

  it('a return is overdue from approval + returnShipDays', () => {
    expect(isReturnOverdue(RECEIVED, 7, RECEIVED + 7 * DAY_MS - 1)).toBe(false);
    expect(isReturnOverdue(RECEIVED, 7, RECEIVED + 7 * DAY_MS)).toBe(true);
  });
});
