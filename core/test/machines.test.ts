import {
  afterSaleMachine,
  allowedEvents,
  commissionMachine,
  defineMachine,
  DomainError,
  distributorMachine,
  findEdge,
  isTerminal,
  orderMachine,
  reachableStates,
  transition,
  withdrawalMachine,
  type Machine,
} from '../src';

type AnyMachine = Machine<string, string>;

/** A context that satisfies every guard of the machine, so only the table decides. */
function allGuardsHold(machine: AnyMachine): Record<string, boolean> {
  return Object.fromEntries(Object.keys(machine.guards).map((name) => [name, true]));
}

const machines: [string, AnyMachine][] = [
  ['order', orderMachine as AnyMachine],
  ['afterSale', afterSaleMachine as AnyMachine],
  ['commission', commissionMachine as AnyMachine],
  ['withdrawal', withdrawalMachine as AnyMachine],
  ['distributor', distributorMachine as AnyMachine],
];

describe.each(machines)('%s machine', (_name, machine) => {
  it('reaches every state from the initial state', () => {
    expect(reachableStates(machine).sort()).toEqual([...machine.states].sort());
  });

  it('allows exactly the edges in its table and refuses every other (state, event) pair', () => {
    const context = allGuardsHold(machine);
    let allowed = 0;
    let refused = 0;
    for (const from of machine.states) {
      for (const event of machine.events) {
        const edge = machine.transitions.find((t) => t.from === from && t.event === event);
        const result = transition(machine, from, event, context);
        if (edge) {
          expect(result).toEqual({ ok: true, value: edge.to });
          allowed++;
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('ILLEGAL_TRANSITION');
            expect(result.error.details).toMatchObject({ machine: machine.name, from, event });
          }
          refused++;
        }
      }
    }
    expect(allowed).toBe(machine.transitions.length);
    expect(allowed + refused).toBe(machine.states.length * machine.events.length);
  });

  it('refuses a guarded edge when any guard fails or is not supplied', () => {
    for (const edge of machine.transitions) {
      for (const guard of edge.guards ?? []) {
        const context = { ...allGuardsHold(machine), [guard]: false };
        const result = transition(machine, edge.from, edge.event, context);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe(machine.guards[guard]?.failCode ?? 'ILLEGAL_TRANSITION');
          expect(result.error.details).toMatchObject({ guard });
        }
        const missing = { ...allGuardsHold(machine) };
        delete missing[guard];
        expect(transition(machine, edge.from, edge.event, missing).ok).toBe(false);
      }
    }
  });

  it('answers allowedEvents from the table', () => {
    for (const state of machine.states) {
      expect(allowedEvents(machine, state).sort()).toEqual(
        machine.transitions
          .filter((t) => t.from === state)
          .map((t) => t.event)
          .sort(),
      );
    }
  });
});

describe('the tables say what the issue says', () => {
  const edges = (machine: AnyMachine) => machine.transitions.map((t) => `${t.from} -${t.event}-> ${t.to}`).sort();

  it('order', () => {
    expect(edges(orderMachine as AnyMachine)).toEqual([
      'paid -close-> closed',
      'paid -ship-> shipped',
      'received -close-> closed',
      'received -complete-> completed',
      'shipped -close-> closed',
      'shipped -receive-> received',
      'unpaid -cancel-> cancelled',
      'unpaid -pay-> paid',
    ]);
    expect(isTerminal(orderMachine, 'completed')).toBe(true);
    expect(isTerminal(orderMachine, 'cancelled')).toBe(true);
    expect(isTerminal(orderMachine, 'closed')).toBe(true);
    // Issue 16: an open after-sale blocks shipping with its own code; closing needs every unit refunded.
    expect(transition(orderMachine, 'paid', 'ship', { noAfterSaleAwaitingDecision: false })).toMatchObject({
      ok: false,
      error: { code: 'AFTER_SALE_OPEN' },
    });
    expect(transition(orderMachine, 'shipped', 'close', { everyLineRefunded: false })).toMatchObject({ ok: false });
  });

  it('after-sale', () => {
    expect(edges(afterSaleMachine as AnyMachine)).toEqual([
      'approved -refund-> refunded',
      'approved -reject-> rejected',
      'awaiting_return -expire-> closed',
      'awaiting_return -receiveGoods-> approved',
      'awaiting_return -reject-> rejected',
      'awaiting_return -shipBack-> return_shipped',
      'requested -approve-> approved',
      'requested -approveReturn-> awaiting_return',
      'requested -reject-> rejected',
      'return_shipped -receiveGoods-> approved',
      'return_shipped -reject-> rejected',
    ]);
    // Issue 16: a return waits for the goods; one never sent back expires only after the limit.
    expect(transition(afterSaleMachine, 'awaiting_return', 'expire', { returnLimitPassed: false })).toMatchObject({
      ok: false,
    });
    expect(transition(afterSaleMachine, 'awaiting_return', 'refund')).toMatchObject({ ok: false });
  });

  it('commission', () => {
    expect(edges(commissionMachine as AnyMachine)).toEqual([
      'frozen -reverse-> reversed',
      'frozen -settle-> settled',
      'settled -clawback-> clawed_back',
    ]);
  });

  it('withdrawal', () => {
    expect(edges(withdrawalMachine as AnyMachine)).toEqual([
      'approved -fail-> failed',
      'approved -pay-> paid',
      'failed -retry-> requested',
      'requested -approve-> approved',
      'requested -reject-> rejected',
    ]);
  });

  it('distributor', () => {
    expect(edges(distributorMachine as AnyMachine)).toEqual([
      'applied -approve-> approved',
      'applied -reject-> rejected',
      'approved -disable-> disabled',
      'disabled -enable-> approved',
      'rejected -reapply-> applied',
    ]);
  });
});

describe('fsm engine', () => {
  it('accepts guard functions', () => {
    expect(transition(orderMachine, 'unpaid', 'pay', { paymentMatchesTotal: () => true })).toEqual({
      ok: true,
      value: 'paid',
    });
    const refused = transition(orderMachine, 'unpaid', 'pay', { paymentMatchesTotal: () => false });
    expect(refused.ok || refused.error.code).toBe('CONFLICT');
  });

  it('refuses unknown states and events coming from stored documents', () => {
    expect(transition(orderMachine as AnyMachine, 'lost', 'pay').ok).toBe(false);
    expect(transition(orderMachine as AnyMachine, 'unpaid', 'teleport').ok).toBe(false);
    expect(findEdge(orderMachine, 'paid', 'ship')?.to).toBe('shipped');
  });

  it('rejects a malformed table at definition time', () => {
    expect(() =>
      defineMachine({
        name: 'broken',
        states: ['a', 'b'],
        events: ['go'],
        initial: 'a',
        guards: {},
        transitions: [
          { from: 'a', event: 'go', to: 'b' },
          { from: 'a', event: 'go', to: 'a' },
        ],
      }),
    ).toThrow(DomainError);
    expect(() =>
      defineMachine({
        name: 'broken',
        states: ['a'],
        events: ['go'],
        initial: 'a',
        guards: {},
        transitions: [{ from: 'a', event: 'go', to: 'a', guards: ['nope'] }],
      }),
    ).toThrow(DomainError);
  });

  it('reports unreachable states so the reachability test can fail', () => {
    const machine = defineMachine({
      name: 'island',
      states: ['a', 'b', 'c'],
      events: ['go'],
      initial: 'a',
      guards: {},
      transitions: [{ from: 'a', event: 'go', to: 'b' }],
    });
    expect(reachableStates(machine)).toEqual(['a', 'b']);
  });
});
