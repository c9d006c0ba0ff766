import { assessRisks, MAX_EVIDENCE, type RiskOrder } from '../src';

function order(overrides: Partial<RiskOrder> & { orderId: string }): RiskOrder {
  return {
    buyerId: 'S',
    directDistributorId: 'D',
    phoneDigest: null,
    paidFen: 10000,
    refundedFen: 0,
    ...overrides,
  };
}

const kinds = (flags: ReturnType<typeof assessRisks>) => flags.map((f) => `${f.distributorId}:${f.kind}`);

describe('assessRisks', () => {
  it('flags nothing for ordinary customers on their own phones', () => {
    const orders = [
      order({ orderId: 'o1', buyerId: 'S1', phoneDigest: 'h1' }),
      order({ orderId: 'o2', buyerId: 'S2', phoneDigest: 'h2' }),
      order({ orderId: 'o3', buyerId: 'S3', phoneDigest: null }),
    ];
    expect(assessRisks({ orders, distributorPhones: new Map([['D', ['hD']]]) })).toEqual([]);
  });

  it('flags a distributor buying through their own link', () => {
    const flags = assessRisks({
      orders: [order({ orderId: 'o1', buyerId: 'D' }), order({ orderId: 'o2', buyerId: 'S1' })],
      distributorPhones: new Map(),
    });
    expect(flags).toEqual([
      { distributorId: 'D', kind: 'self-purchase', orderIds: ['o1'], figures: { orders: 1, ofDirectOrders: 2 } },
    ]);
  });

  it('flags customers’ orders shipped to the distributor’s own phone (application or their own orders)', () => {
    const byApplication = assessRisks({
      orders: [order({ orderId: 'o1', buyerId: 'S1', phoneDigest: 'hD' })],
      distributorPhones: new Map([['D', ['hD']]]),
    });
    expect(kinds(byApplication)).toEqual(['D:self-purchase']);
    // D's own order (through someone else's link) ships to hX; a "customer" of D uses hX too.
    const byOwnOrder = assessRisks({
      orders: [
        order({ orderId: 'own', buyerId: 'D', directDistributorId: 'U', phoneDigest: 'hX' }),
        order({ orderId: 'o1', buyerId: 'S1', phoneDigest: 'hX' }),
      ],
      distributorPhones: new Map(),
    });
    expect(byOwnOrder.find((f) => f.distributorId === 'D' && f.kind === 'self-purchase')?.orderIds).toEqual(['o1']);
  });

  it('flags one phone shared by several buyer accounts, with how many accounts', () => {
    const flags = assessRisks({
      orders: [
        order({ orderId: 'o1', buyerId: 'S1', phoneDigest: 'h' }),
        order({ orderId: 'o2', buyerId: 'S2', phoneDigest: 'h' }),
        order({ orderId: 'o3', buyerId: 'S3', phoneDigest: 'h' }),
        order({ orderId: 'o4', buyerId: 'S4', phoneDigest: 'h4' }),
      ],
      distributorPhones: new Map(),
    });
    expect(flags).toEqual([
      { distributorId: 'D', kind: 'shared-phone', orderIds: ['o1', 'o2', 'o3'], figures: { orders: 3, accounts: 3 } },
    ]);
    // The same account on one phone many times is not sharing.
    const same = [1, 2, 3].map((i) => order({ orderId: `o${i}`, buyerId: 'S1', phoneDigest: 'h' }));
    expect(assessRisks({ orders: same, distributorPhones: new Map() })).toEqual([]);
  });

  it('flags refund-heavy distributors at the threshold, not below, and not on too few orders', () => {
    const refunded = (n: number, refundedFen: number) =>
      Array.from({ length: n }, (_, i) => order({ orderId: `o${i}`, buyerId: `S${i}`, refundedFen }));
    // 3 orders of 100.00, 30.00 refunded each = 30% exactly.
    expect(kinds(assessRisks({ orders: refunded(3, 3000), distributorPhones: new Map() }))).toEqual(['D:refund-heavy']);
    expect(assessRisks({ orders: refunded(3, 2999), distributorPhones: new Map() })).toEqual([]);
    expect(assessRisks({ orders: refunded(2, 10000), distributorPhones: new Map() })).toEqual([]);
    const [flag] = assessRisks({ orders: refunded(4, 5000), distributorPhones: new Map() });
    expect(flag?.figures).toEqual({ orders: 4, paidFen: 40000, refundedFen: 20000, refundShareBp: 5000 });
  });

  it('keeps at most MAX_EVIDENCE orders as evidence and ignores orders nobody earned on', () => {
    const many = Array.from({ length: 25 }, (_, i) => order({ orderId: `o${i}`, buyerId: 'D' }));
    const [flag] = assessRisks({ orders: many, distributorPhones: new Map() });
    expect(flag?.orderIds).toHaveLength(MAX_EVIDENCE);
    expect(flag?.figures.orders).toBe(25);
    expect(
      assessRisks({
        orders: [order({ orderId: 'x', buyerId: 'D', directDistributorId: null })],
        distributorPhones: new Map(),
      }),
    ).toEqual([]);
  });
});
