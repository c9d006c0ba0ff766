import {
  ancestorChain,
  DAY_MS,
  decideBinding,
  DEFAULT_RULES,
  isBindingLocked,
  isDistributor,
  snapshotAncestors,
  unwrap,
  parseRules,
  type DecideBindingInput,
  type DistributionRules,
  type DistributorState,
} from '../src';

const NOW = 1_760_000_000_000;

function rulesWith(changes: Record<string, unknown>): DistributionRules {
  return unwrap(parseRules({ version: 5, ...changes }));
}

function input(overrides: Partial<DecideBindingInput> = {}): DecideBindingInput {
  return {
    shopperId: 'S',
    inviterId: 'I',
    source: 'poster',
    now: NOW,
    rules: DEFAULT_RULES,
    current: null,
    inviterStatus: null,
    shopperHasPaidOrder: false,
    inviters: new Map([['I', 'G']]),
    ...overrides,
  };
}

function refusal(decision: ReturnType<typeof decideBinding>): string | null {
  return decision.bind ? null : decision.reason;
}

describe('decideBinding', () => {
  it('binds a fresh shopper and returns the audit record', () => {
    const decision = decideBinding(input({ source: 'code' }));
    expect(decision).toEqual({
      bind: true,
      record: { shopperId: 'S', oldInviterId: null, newInviterId: 'I', source: 'code', at: NOW, ruleVersion: 1 },
    });
  });

  it('never binds a shopper to themself', () => {
    const decision = decideBinding(input({ inviterId: 'S' }));
    expect(refusal(decision)).toBe('SELF');
    if (!decision.bind) expect(decision.error.code).toBe('BINDING_REFUSED');
  });

  it('never creates a loop, however deep', () => {
    // S → (would be) I; I's chain: I → A → B → S
    const inviters = { I: 'A', A: 'B', B: 'S' };
    expect(refusal(decideBinding(input({ inviters })))).toBe('LOOP');
    expect(refusal(decideBinding(input({ inviters: { I: 'S' } })))).toBe('LOOP');
  });

  it('in approval mode binds only to approved distributors', () => {
    const rules = rulesWith({ recruitment: 'approval' });
    for (const status of [null, 'applied', 'rejected', 'disabled'] as const) {
      const decision = decideBinding(input({ rules, inviterStatus: status }));
      expect(refusal(decision)).toBe('INVITER_NOT_DISTRIBUTOR');
      if (!decision.bind) expect(decision.error.code).toBe('NOT_A_DISTRIBUTOR');
    }
    expect(decideBinding(input({ rules, inviterStatus: 'approved' })).bind).toBe(true);
  });

  it('in open mode everyone is a distributor unless disabled', () => {
    expect(decideBinding(input({ inviterStatus: null })).bind).toBe(true);
    expect(refusal(decideBinding(input({ inviterStatus: 'disabled' })))).toBe('INVITER_NOT_DISTRIBUTOR');
    expect(isDistributor(DEFAULT_RULES, 'approved')).toBe(true);
    expect(isDistributor(DEFAULT_RULES, 'rejected')).toBe(false);
  });

  it('never binds anyone new to a frozen distributor, in either recruitment mode', () => {
    const approval = rulesWith({ recruitment: 'approval' });
    for (const rules of [DEFAULT_RULES, approval]) {
      const decision = decideBinding(input({ rules, inviterStatus: 'approved', inviterFrozen: true }));
      expect(refusal(decision)).toBe('INVITER_FROZEN');
      if (!decision.bind) expect(decision.error.code).toBe('BINDING_REFUSED');
      expect(decideBinding(input({ rules, inviterStatus: 'approved', inviterFrozen: false })).bind).toBe(true);
    }
  });

  it('first-touch without validity keeps the first inviter forever', () => {
    const current = { inviterId: 'X', boundAt: NOW - 3650 * DAY_MS };
    expect(refusal(decideBinding(input({ current })))).toBe('ALREADY_BOUND');
  });

  it('first-touch with validity lets a new inviter take over after N days', () => {
    const rules = rulesWith({ binding: { mode: 'first-touch', validityDays: 30 } });
    expect(refusal(decideBinding(input({ rules, current: { inviterId: 'X', boundAt: NOW - 30 * DAY_MS + 1 } })))).toBe(
      'ALREADY_BOUND',
    );
    const decision = decideBinding(
      input({ rules, current: { inviterId: 'X', boundAt: NOW - 30 * DAY_MS }, source: 'link' }),
    );
    expect(decision).toMatchObject({
      bind: true,
      record: { oldInviterId: 'X', newInviterId: 'I', source: 'link', ruleVersion: 5 },
    });
  });

  it('last-touch replaces, except inside the protection period', () => {
    const open = rulesWith({ binding: { mode: 'last-touch' } });
    expect(decideBinding(input({ rules: open, current: { inviterId: 'X', boundAt: NOW - 1 } }))).toMatchObject({
      bind: true,
      record: { oldInviterId: 'X', newInviterId: 'I' },
    });
    const protectedRules = rulesWith({ binding: { mode: 'last-touch', validityDays: 7 } });
    expect(
      refusal(decideBinding(input({ rules: protectedRules, current: { inviterId: 'X', boundAt: NOW - DAY_MS } }))),
    ).toBe('ALREADY_BOUND');
    expect(
      decideBinding(input({ rules: protectedRules, current: { inviterId: 'X', boundAt: NOW - 7 * DAY_MS } })).bind,
    ).toBe(true);
    expect(isBindingLocked(protectedRules, { inviterId: 'X', boundAt: NOW }, NOW + 7 * DAY_MS - 1)).toBe(true);
  });

  it('re-inviting by the same inviter is a no-op, not a change', () => {
    expect(
      refusal(
        decideBinding(
          input({ rules: rulesWith({ binding: { mode: 'last-touch' } }), current: { inviterId: 'I', boundAt: 0 } }),
        ),
      ),
    ).toBe('ALREADY_BOUND_TO_INVITER');
  });

  it('can bind only shoppers without a paid order', () => {
    const rules = rulesWith({ binding: { onlyShoppersWithoutPaidOrder: true } });
    expect(refusal(decideBinding(input({ rules, shopperHasPaidOrder: true })))).toBe('SHOPPER_HAS_PAID_ORDER');
    expect(decideBinding(input({ rules, shopperHasPaidOrder: false })).bind).toBe(true);
  });

  it('refuses everything while distribution is switched off', () => {
    expect(refusal(decideBinding(input({ rules: rulesWith({ enabled: false }) })))).toBe('DISTRIBUTION_DISABLED');
  });
});

describe('ancestors', () => {
  const inviters = new Map<string, string | null>([
    ['buyer', 'p1'],
    ['p1', 'p2'],
    ['p2', 'p3'],
    ['p3', null],
  ]);
  const statuses = new Map<string, DistributorState>();
  const statusOf = (id: string) => statuses.get(id) ?? null;

  it('walks the chain nearest first and stops at corrupt loops', () => {
    expect(ancestorChain(inviters, 'buyer')).toEqual(['p1', 'p2', 'p3']);
    expect(ancestorChain(inviters, 'buyer', 2)).toEqual(['p1', 'p2']);
    expect(ancestorChain({ a: 'b', b: 'c', c: 'a' }, 'a')).toEqual(['b', 'c']);
    expect(ancestorChain({}, 'a')).toEqual([]);
  });

  it('self-purchase off: the buyer earns nothing, level 1 is the inviter', () => {
    expect(snapshotAncestors({ buyerId: 'buyer', rules: DEFAULT_RULES, inviters, statusOf })).toEqual({
      buyerId: 'buyer',
      ruleVersion: 1,
      beneficiaries: ['p1', 'p2'],
    });
  });

  it('self-purchase on: a distributor buyer is level 1, their inviter level 2', () => {
    const rules = rulesWith({ selfPurchaseCommission: true });
    expect(snapshotAncestors({ buyerId: 'buyer', rules, inviters, statusOf }).beneficiaries).toEqual(['buyer', 'p1']);
    const approval = rulesWith({ selfPurchaseCommission: true, recruitment: 'approval' });
    const onlyP1 = (id: string) => (id === 'p1' || id === 'p2' ? 'approved' : null);
    // the buyer is not a distributor in approval mode, so the chain starts at the inviter
    expect(snapshotAncestors({ buyerId: 'buyer', rules: approval, inviters, statusOf: onlyP1 }).beneficiaries).toEqual([
      'p1',
      'p2',
    ]);
  });

  it('a non-distributor ancestor forfeits their level; it is not passed up', () => {
    statuses.set('p1', 'disabled');
    expect(snapshotAncestors({ buyerId: 'buyer', rules: DEFAULT_RULES, inviters, statusOf }).beneficiaries).toEqual([
      null,
      'p2',
    ]);
    statuses.clear();
  });

  it('pads with null when the chain is short, and uses the rules levels', () => {
    expect(snapshotAncestors({ buyerId: 'p2', rules: DEFAULT_RULES, inviters, statusOf }).beneficiaries).toEqual([
      'p3',
      null,
    ]);
    expect(snapshotAncestors({ buyerId: 'p3', rules: DEFAULT_RULES, inviters, statusOf }).beneficiaries).toEqual([
      null,
      null,
    ]);
    const three = rulesWith({ levels: 3, levelRatesBp: [1000, 500, 200] });
    expect(snapshotAncestors({ buyerId: 'buyer', rules: three, inviters, statusOf }).beneficiaries).toEqual([
      'p1',
      'p2',
      'p3',
    ]);
  });

  it('a later re-binding does not touch a snapshot already taken', () => {
    const tree = new Map<string, string | null>(inviters);
    const snapshot = snapshotAncestors({ buyerId: 'buyer', rules: DEFAULT_RULES, inviters: tree, statusOf });
    tree.set('buyer', 'someoneElse');
    expect(snapshot.beneficiaries).toEqual(['p1', 'p2']);
  });
});
