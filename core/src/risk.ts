/**
 * The risk list (风控名单): patterns among recent orders that suggest a distributor is farming commission. It
 * flags, never decides: an operator looks and may freeze. Phones are compared only as keyed digests (the same
 * lookup hash the store keeps beside every sealed address), so nothing is opened to compute it.
 *
 * - self-purchase: the distributor bought through their own link, or their customers' orders ship to the
 *   distributor's own phone (their application's, or one they used on their own orders);
 * - shared-phone: one delivery phone used by several buyer accounts, whose orders earned this distributor;
 * - refund-heavy: much of what their direct customers paid came back as refunds.
 */
import { BP_SCALE, floorMulDiv } from './money';

export const RISK_KINDS = ['self-purchase', 'shared-phone', 'refund-heavy'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** What the assessment needs of one paid order (any later state). */
export interface RiskOrder {
  readonly orderId: string;
  readonly buyerId: string;
  /** The level-1 beneficiary (direct inviter, or the buyer on self-purchase); null when nobody earned. */
  readonly directDistributorId: string | null;
  /** Keyed digest of the delivery phone; null when erased. */
  readonly phoneDigest: string | null;
  readonly paidFen: number;
  readonly refundedFen: number;
}

export interface RiskThresholds {
  /** Refunded share of the direct customers' payments (basis points) from which a distributor is flagged. */
  readonly refundShareBp: number;
  /** Fewer direct orders than this never count as refund-heavy (one refund is not a pattern). */
  readonly refundMinOrders: number;
  /** Buyer accounts on one phone from which the phone counts as shared. */
  readonly sharedPhoneMinAccounts: number;
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  refundShareBp: 3000,
  refundMinOrders: 3,
  sharedPhoneMinAccounts: 2,
};

export interface RiskFlag {
  readonly distributorId: string;
  readonly kind: RiskKind;
  /** The orders behind the flag (at most MAX_EVIDENCE), for the operator to open. */
  readonly orderIds: readonly string[];
  /** kind-specific figures: orders counted, accounts on a phone, refunded share in bp. */
  readonly figures: Readonly<Record<string, number>>;
}

export const MAX_EVIDENCE = 10;

export interface RiskInput {
  readonly orders: readonly RiskOrder[];
  /** Keyed digests of each distributor's own phones (their application's), by distributor id. */
  readonly distributorPhones: ReadonlyMap<string, readonly string[]>;
  readonly thresholds?: RiskThresholds;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const evidence = (orders: readonly RiskOrder[]) => orders.slice(0, MAX_EVIDENCE).map((o) => o.orderId);

/** Flags, ordered by distributor then kind; at most one flag per (distributor, kind). */
export function assessRisks({
  orders,
  distributorPhones,
  thresholds = DEFAULT_RISK_THRESHOLDS,
}: RiskInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const byDistributor = new Map<string, RiskOrder[]>();
  const phonesOfBuyer = new Map<string, Set<string>>();
  const buyersOfPhone = new Map<string, Set<string>>();
  for (const order of orders) {
    if (order.directDistributorId !== null) push(byDistributor, order.directDistributorId, order);
    if (order.phoneDigest === null) continue;
    const phones = phonesOfBuyer.get(order.buyerId) ?? new Set<string>();
    phones.add(order.phoneDigest);
    phonesOfBuyer.set(order.buyerId, phones);
    const buyers = buyersOfPhone.get(order.phoneDigest) ?? new Set<string>();
    buyers.add(order.buyerId);
    buyersOfPhone.set(order.phoneDigest, buyers);
  }

  for (const [distributorId, direct] of [...byDistributor].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ownPhones = new Set([
      ...(distributorPhones.get(distributorId) ?? []),
      ...(phonesOfBuyer.get(distributorId) ?? []),
    ]);
    const selfBought = direct.filter(
      (o) => o.buyerId === distributorId || (o.phoneDigest !== null && ownPhones.has(o.phoneDigest)),
    );
    if (selfBought.length > 0)
      flags.push({
        distributorId,
        kind: 'self-purchase',
        orderIds: evidence(selfBought),
        figures: { orders: selfBought.length, ofDirectOrders: direct.length },
      });

    const shared = direct.filter(
      (o) =>
        o.phoneDigest !== null && (buyersOfPhone.get(o.phoneDigest)?.size ?? 0) >= thresholds.sharedPhoneMinAccounts,
    );
    if (shared.length > 0) {
      const accounts = new Set(shared.flatMap((o) => [...(buyersOfPhone.get(o.phoneDigest as string) ?? [])]));
      flags.push({
        distributorId,
        kind: 'shared-phone',
        orderIds: evidence(shared),
        figures: { orders: shared.length, accounts: accounts.size },
      });
    }

    const paidFen = direct.reduce((sum, o) => sum + o.paidFen, 0);
    const refundedFen = direct.reduce((sum, o) => sum + o.refundedFen, 0);
    if (direct.length >= thresholds.refundMinOrders && paidFen > 0) {
      const shareBp = floorMulDiv(refundedFen, BP_SCALE, paidFen);
      if (shareBp >= thresholds.refundShareBp)
        flags.push({
          distributorId,
          kind: 'refund-heavy',
          orderIds: evidence(direct.filter((o) => o.refundedFen > 0)),
          figures: { orders: direct.length, paidFen, refundedFen, refundShareBp: shareBp },
        });
    }
  }
  return flags;
}
