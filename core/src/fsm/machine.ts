/**
 * Lifecycles as data: a machine is a table of allowed (from, event) → to edges, each with the names of
 * the guards that must hold. The table is what tests, docs and the admin UI read; `transition` is the
 * only code that interprets it, so there is exactly one place that can say "not allowed".
 */
import { DomainError, err, ok, type DomainErrorCode, type Result } from '../errors';

export interface TransitionDef<S extends string, E extends string> {
  readonly from: S;
  readonly event: E;
  readonly to: S;
  /** Names of guards (declared in `Machine.guards`) that must all hold for this edge. */
  readonly guards?: readonly string[];
}

export interface GuardDef {
  readonly description: string;
  /** The code a caller sees when this guard fails; more useful than a bare ILLEGAL_TRANSITION. */
  readonly failCode?: DomainErrorCode;
}

export interface Machine<S extends string, E extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly initial: S;
  readonly transitions: readonly TransitionDef<S, E>[];
  readonly guards: Readonly<Record<string, GuardDef>>;
}

/**
 * Guard outcomes decided by the caller from its documents and `now`. A guard that an edge needs but
 * the context does not mention counts as failed: a forgotten check must refuse, not allow.
 */
export type GuardContext = Readonly<Record<string, boolean | (() => boolean)>>;

const edgeIndex = new WeakMap<object, Map<string, TransitionDef<string, string>>>();

function key(from: string, event: string): string {
  return `${from}\u0000${event}`;
}

/** Builds a machine and rejects a malformed table at load time (unknown states, duplicates, undeclared guards). */
export function defineMachine<S extends string, E extends string>(machine: Machine<S, E>): Machine<S, E> {
  const states = new Set<string>(machine.states);
  const events = new Set<string>(machine.events);
  const problems: string[] = [];
  if (states.size !== machine.states.length) problems.push('duplicate state');
  if (events.size !== machine.events.length) problems.push('duplicate event');
  if (!states.has(machine.initial)) problems.push(`initial state ${machine.initial} is not a state`);
  const index = new Map<string, TransitionDef<string, string>>();
  for (const edge of machine.transitions) {
    if (!states.has(edge.from)) problems.push(`unknown from-state ${edge.from}`);
    if (!states.has(edge.to)) problems.push(`unknown to-state ${edge.to}`);
    if (!events.has(edge.event)) problems.push(`unknown event ${edge.event}`);
    for (const guard of edge.guards ?? []) {
      if (!(guard in machine.guards)) problems.push(`undeclared guard ${guard}`);
    }
    const k = key(edge.from, edge.event);
    if (index.has(k)) problems.push(`two edges for (${edge.from}, ${edge.event})`);
    index.set(k, edge);
  }
  if (problems.length > 0) {
    throw new DomainError('INTERNAL', { machine: machine.name, problems }, `machine ${machine.name} is malformed`);
  }
  edgeIndex.set(machine, index);
  return machine;
}

function indexOf(machine: Machine<string, string>): Map<string, TransitionDef<string, string>> {
  let index = edgeIndex.get(machine);
  if (!index) {
    defineMachine(machine);
    index = edgeIndex.get(machine) as Map<string, TransitionDef<string, string>>;
  }
  return index;
}

export function findEdge<S extends string, E extends string>(
  machine: Machine<S, E>,
  from: S,
  event: E,
): TransitionDef<S, E> | undefined {
  return indexOf(machine).get(key(from, event)) as TransitionDef<S, E> | undefined;
}

/** The next state for `event` in state `from`, or ILLEGAL_TRANSITION (or the failing guard's own code). */
export function transition<S extends string, E extends string>(
  machine: Machine<S, E>,
  from: S,
  event: E,
  guardContext: GuardContext = {},
): Result<S> {
  const edge = findEdge(machine, from, event);
  if (!edge) return err('ILLEGAL_TRANSITION', { machine: machine.name, from, event });
  for (const guard of edge.guards ?? []) {
    const verdict = guardContext[guard];
    const holds = typeof verdict === 'function' ? verdict() : verdict === true;
    if (!holds) {
      const code = machine.guards[guard]?.failCode ?? 'ILLEGAL_TRANSITION';
      return err(code, { machine: machine.name, from, event, guard });
    }
  }
  return ok(edge.to);
}

/** Events that have an edge out of `from`, guards not evaluated (what a UI may offer). */
export function allowedEvents<S extends string, E extends string>(machine: Machine<S, E>, from: S): E[] {
  return machine.transitions.filter((edge) => edge.from === from).map((edge) => edge.event);
}

/** States reachable from `from` (default: the initial state) along edges of the table, guards ignored. */
export function reachableStates<S extends string, E extends string>(
  machine: Machine<S, E>,
  from: S = machine.initial,
): S[] {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  while (queue.length > 0) {
    const state = queue.shift() as S;
    for (const edge of machine.transitions) {
      if (edge.from === state && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return machine.states.filter((state) => seen.has(state));
}

export function isTerminal<S extends string, E extends string>(machine: Machine<S, E>, state: S): boolean {
  return !machine.transitions.some((edge) => edge.from === state);
}
