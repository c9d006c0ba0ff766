/**
 * Who is whose inviter. Callers pass the documents in (the shopper's current binding, the inviter's
 * distributor status, a map openid → inviter); the core answers whether to bind and returns the audit
 * record to write. Commissions never read live bindings: the chain is snapshotted onto the order at
 * payment (snapshotAncestors), so re-binding later never changes what past orders pay.
 */
import type { BindingRefusal, BindingSource } from '../../contract/src/states';
import { err, type DomainError } from './errors';
import type { DistributorState } from './machines/distributor';
import type { DistributionRules } from './rules';
import { DAY_MS, type EpochMs } from './time';

export type { BindingSource };

export interface CurrentBinding {
  readonly inviterId: string;
  readonly boundAt: EpochMs;
}

/** The auditable record of one binding change; bindings are replaced, records never are. */
export interface BindingRecord {
  readonly shopperId: string;
  readonly oldInviterId: string | null;
  readonly newInviterId: string;
  readonly source: BindingSource;
  readonly at: EpochMs;
  readonly ruleVersion: number;
}

export type { BindingRefusal };

export type BindingDecision =
  | { readonly bind: true; readonly record: BindingRecord }
  | { readonly bind: false; readonly reason: BindingRefusal; readonly error: DomainError };

/** openid → inviter openid (null/absent = no inviter). A Map or a plain object of documents. */
export type InviterMap =
  ReadonlyMap<string, string | null | undefined> | Readonly<Record<string, string | null | undefined>>;

export function inviterOf(map: InviterMap, openid: string): string | null {
  const value =
    map instanceof Map
      ? map.get(openid)
      : Object.prototype.hasOwnProperty.call(map, openid)
        ? (map as Record<string, string | null | undefined>)[openid]
        : undefined;
  return value ?? null;
}

/**
 * Whether a shopper with this distributor status can earn and invite. In open recruitment every
 * shopper is a distributor unless an operator disabled them; in approval mode only approved ones are.
 * `null` = no distributor document yet.
 */
export function isDistributor(
  rules: Pick<DistributionRules, 'recruitment'>,
  status: DistributorState | null | undefined,
): boolean {
  if (status === 'approved') return true;
  if (rules.recruitment === 'open') return status === null || status === undefined;
  return false;
}

/** Bound on chain walks: deeper than any legal scheme, and a guard against corrupt data. */
const MAX_WALK = 64;

/**
 * The inviters above `openid`, nearest first, at most `depth` of them. Stops at a loop in stored data
 * instead of cycling (decideBinding never creates one, but a hand-edited document could).
 */
export function ancestorChain(map: InviterMap, openid: string, depth: number = MAX_WALK): string[] {
  const chain: string[] = [];
  let current = inviterOf(map, openid);
  // Chains are short (≤ MAX_WALK), so a linear scan beats allocating a Set on every order.
  while (current !== null && chain.length < depth) {
    if (current === openid || chain.includes(current)) break;
    chain.push(current);
    current = inviterOf(map, current);
  }
  return chain;
}

export interface DecideBindingInput {
  readonly shopperId: string;
  readonly inviterId: string;
  readonly source: BindingSource;
  readonly now: EpochMs;
  readonly rules: DistributionRules;
  readonly current: CurrentBinding | null;
  readonly inviterStatus: DistributorState | null;
  /** Frozen by an operator (风控冻结) while suspected fraud is looked into: nobody new binds to them. */
  readonly inviterFrozen?: boolean;
  readonly shopperHasPaidOrder: boolean;
  /** Enough of the tree to walk the inviter's ancestors (for the loop check). */
  readonly inviters: InviterMap;
}

export function decideBinding(input: DecideBindingInput): BindingDecision {
  const { shopperId, inviterId, rules, current, now } = input;
  const refuse = (reason: BindingRefusal): BindingDecision => ({
    bind: false,
    reason,
    error: err(reason === 'INVITER_NOT_DISTRIBUTOR' ? 'NOT_A_DISTRIBUTOR' : 'BINDING_REFUSED', {
      reason,
      shopperId,
      inviterId,
    }).error,
  });
  if (!rules.enabled) return refuse('DISTRIBUTION_DISABLED');
  if (shopperId === inviterId) return refuse('SELF');
  if (current?.inviterId === inviterId) return refuse('ALREADY_BOUND_TO_INVITER');
  if (!isDistributor(rules, input.inviterStatus)) return refuse('INVITER_NOT_DISTRIBUTOR');
  if (input.inviterFrozen === true) return refuse('INVITER_FROZEN');
  if (ancestorChain(input.inviters, inviterId).includes(shopperId)) return refuse('LOOP');
  if (rules.binding.onlyShoppersWithoutPaidOrder && input.shopperHasPaidOrder) return refuse('SHOPPER_HAS_PAID_ORDER');
  if (current && isBindingLocked(rules, current, now)) return refuse('ALREADY_BOUND');
  return {
    bind: true,
    record: {
      shopperId,
      oldInviterId: current?.inviterId ?? null,
      newInviterId: inviterId,
      source: input.source,
      at: now,
      ruleVersion: rules.version,
    },
  };
}

/** Whether an existing binding may not be replaced at `now` (see BindingRules.validityDays). */
export function isBindingLocked(
  rules: Pick<DistributionRules, 'binding'>,
  current: CurrentBinding,
  now: EpochMs,
): boolean {
  const { mode, validityDays } = rules.binding;
  if (validityDays === null) return mode === 'first-touch';
  return now < current.boundAt + validityDays * DAY_MS;
}

/** The beneficiaries of one order, frozen at payment. `null` at a level = nobody earns that level. */
export interface AncestorSnapshot {
  readonly buyerId: string;
  readonly ruleVersion: number;
  /** Index 0 = level 1. Length = rules.levels. */
  readonly beneficiaries: readonly (string | null)[];
}

export interface SnapshotInput {
  readonly buyerId: string;
  readonly rules: DistributionRules;
  readonly inviters: InviterMap;
  /** Distributor status by openid; absent = no document (a distributor in open mode). */
  readonly statusOf: (openid: string) => DistributorState | null | undefined;
}

/**
 * Who earns at each level of an order paid now.
 *
 * Self-purchase off (default): a buyer never earns on their own order; level 1 is the buyer's inviter,
 * level 2 that inviter's inviter. Self-purchase on: if the buyer is a distributor, level 1 is the buyer
 * and level 2 the buyer's inviter (the chain shifts by one, it does not grow).
 *
 * An ancestor who is not (or no longer) a distributor simply gets nothing at their level; the level is
 * not passed up to the next person, because compressing the chain would pay people further away
 * (团队计酬) for sales they did not make.
 */
export function snapshotAncestors(input: SnapshotInput): AncestorSnapshot {
  const { buyerId, rules } = input;
  const levels = rules.levels;
  const chain: string[] = [];
  if (rules.selfPurchaseCommission && isDistributor(rules, input.statusOf(buyerId))) chain.push(buyerId);
  if (chain.length < levels) chain.push(...ancestorChain(input.inviters, buyerId, levels - chain.length));
  const beneficiaries: (string | null)[] = [];
  for (let level = 0; level < levels; level++) {
    const openid = chain[level];
    beneficiaries.push(
      rules.enabled && openid !== undefined && isDistributor(rules, input.statusOf(openid)) ? openid : null,
    );
  }
  return { buyerId, ruleVersion: rules.version, beneficiaries };
}
