/**
 * The shop's figures as numbers that add up: what each fact (an order placed, a payment, a refund) adds to the daily
 * rollups, and how the dashboard and distributor performance are computed from them. Pure: the store keeps the
 * counters, this module decides what they count.
 *
 * Money is counted where it moves (cash basis, as WeChat Pay's bill): a payment on the China day it was paid, a
 * refund on the day it was refunded, commission accrued on the payment's day and reversed on the refund's day.
 * So a day's figures never change after the day, and paid GMV − refunds = net sales over any range of days.
 *
 * Commission by state (`commission` documents, per beneficiary shard): frozen right now rises with a payment's
 * commission and falls when a refund reverses a frozen one or settlement moves it to available; settled counts on the
 * day of settling and paid out on the day a withdrawal was paid. The one exception to "never changes after the
 * day": a refund that claws back a settled commission is counted (`clawedBackFen`) on the day it had settled, since
 * "settled in the range" has always meant those commissions net of what was taken back from them.
 */
import { chinaDate } from '../../contract/src/china-time';
import { BEHAVIOUR_COUNTER, type BehaviourEventType, type FunnelSteps } from '../../contract/src/behaviour';
import { roundedRatioBp } from './money';

/** One China day of the whole shop. */
export interface ShopDayFigures {
  /** Orders placed that day, whatever became of them. */
  placedOrders: number;
  /** Of the orders placed that day, those paid (counted when paid, on the day they were placed): conversion. */
  paidOfPlaced: number;
  /** Orders paid that day, later refunds included (they are counted again under refunds, never dropped). */
  paidOrders: number;
  /** 支付金额: what buyers paid that day, shipping included. */
  paidFen: number;
  /** Refunds completed that day and their amount. */
  refunds: number;
  refundedFen: number;
  /** Orders whose last unit was refunded that day. */
  fullyRefundedOrders: number;
  commissionAccruedFen: number;
  commissionReversedFen: number;
}

/** One distributor, one day (or all time): the sales they brought in directly (level 1) and their commission. */
export interface DistributorFigures {
  directOrders: number;
  /** Direct customers' orders refunded in full: paid but not kept. */
  directLostOrders: number;
  directPaidFen: number;
  directRefundedFen: number;
  commissionAccruedFen: number;
  commissionReversedFen: number;
}

/** One product, one day: goods paid for (shipping excluded) and refunded. */
export interface ProductFigures {
  /** Orders paid with this product in them; `lostOrders` of them later refunded in full. */
  paidOrders: number;
  lostOrders: number;
  paidQuantity: number;
  paidFen: number;
  refundedQuantity: number;
  refundedFen: number;
}

export type FigureKind = 'shop' | 'distributor' | 'product' | 'commission';

/** Which counter document a bump goes to: per kind and day, and for distributors and products per subject. */
export interface FigureKey {
  kind: FigureKind;
  /** `YYYY-MM-DD` China day; null for a distributor's all-time totals. */
  date: string | null;
  /** The distributor's openid, the product's id or a commission shard (`commissionShard`); null for the shop. */
  subject: string | null;
}

export interface FigureBump {
  key: FigureKey;
  add: Record<string, number>;
  /** Text kept beside the counters so a ranking needs no other read (a product's title). */
  label?: string;
}

export interface PaidOrderFacts {
  totalFen: number;
  placedAt: number;
  paidAt: number;
  /** The level-1 beneficiary: the distributor whose customer the buyer is; null when none. */
  level1: string | null;
  lines: readonly { productId: string; title: string; quantity: number; paidFen: number }[];
  commissions: readonly { beneficiaryId: string; amountFen: number }[];
}

export interface RefundFacts {
  refundFen: number;
  refundedAt: number;
  quantity: number;
  product: { productId: string; title: string };
  level1: string | null;
  /** Every line of the order refunded to the last unit by this refund. */
  orderFullyRefunded: boolean;
  /**
   * What the refund took back from each commission: `settledAt` is when it had been settled (a clawback), absent or
   * null when it was still frozen (a reversal).
   */
  reversals: readonly { beneficiaryId: string; amountFen: number; settledAt?: number | null }[];
}

const shopKey = (date: string): FigureKey => ({ kind: 'shop', date, subject: null });
const distributorKey = (date: string | null, openid: string): FigureKey => ({
  kind: 'distributor',
  date,
  subject: openid,
});
const productKey = (date: string, productId: string): FigureKey => ({ kind: 'product', date, subject: productId });
/** A beneficiary's commission-state counters: their shard's, per China day or (null) all time. */
const commissionKey = (date: string | null, openid: string): FigureKey => ({
  kind: 'commission',
  date,
  subject: commissionShard(openid),
});

/**
 * Commission-state counters (settled, clawed back, paid out per day; frozen right now all time) are spread over
 * this many documents per day, by beneficiary. They move inside settlement's transactions, which run for several
 * beneficiaries at once: one shop-wide document would make every one of them conflict with the others, while a
 * beneficiary's shard is mostly theirs (their balance document is already each transaction's lock). The dashboard
 * reads at most this many documents per day.
 */
export const COMMISSION_SHARDS = 16;

/** The shard of a beneficiary's commission-state counters, `s00`…`s15`: FNV-1a of the openid, so always the same. */
export function commissionShard(openid: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < openid.length; i++) {
    hash ^= openid.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `s${String(hash % COMMISSION_SHARDS).padStart(2, '0')}`;
}

/** Every shard's subject, for reading the all-time counters by id. */
export const COMMISSION_SHARD_SUBJECTS: readonly string[] = Array.from(
  { length: COMMISSION_SHARDS },
  (_unused, index) => `s${String(index).padStart(2, '0')}`,
);

/** The deterministic id of a counter document: one per kind, day and subject. */
export function figureId(key: FigureKey): string {
  return [key.kind, key.date ?? 'all', key.subject ?? ''].join(':').replace(/:$/, '');
}

/** Bumps of the same document merged, so a transaction touches each counter once. */
function merged(bumps: FigureBump[]): FigureBump[] {
  const byId = new Map<string, FigureBump>();
  for (const bump of bumps) {
    const id = figureId(bump.key);
    const seen = byId.get(id);
    if (!seen) {
      byId.set(id, { ...bump, add: { ...bump.add } });
      continue;
    }
    for (const [field, amount] of Object.entries(bump.add)) seen.add[field] = (seen.add[field] ?? 0) + amount;
  }
  return [...byId.values()];
}

/** A distributor's bump both on the day and in their all-time totals (the distributors list reads the totals). */
/**
 * `directNetFen` (paid less refunded, of the direct customers) is kept as its own counter, not only derived, so a
 * day's distributors can be read in its order from an index: the dashboard ranks its top distributors from each
 * day's leaders instead of every distributor who sold in the range (see rankFromDailyLeaders).
 */
type DistributorAdd = Partial<DistributorFigures> & { directNetFen?: number };

function forDistributor(date: string, openid: string, add: DistributorAdd): FigureBump[] {
  return [
    { key: distributorKey(date, openid), add },
    { key: distributorKey(null, openid), add },
  ];
}

/** An order placed: the shop's conversion denominator, and the "ordered" step of the product and distributor funnels. */
export function placedBumps(
  placedAt: number,
  productIds: readonly string[] = [],
  level1: string | null = null,
): FigureBump[] {
  const day = chinaDate(placedAt);
  const bumps: FigureBump[] = [{ key: shopKey(day), add: { placedOrders: 1 } }];
  for (const productId of new Set(productIds))
    bumps.push({ key: productKey(day, productId), add: { placedOrders: 1 } });
  if (level1) bumps.push({ key: distributorKey(day, level1), add: { placedOrders: 1 } });
  return merged(bumps);
}

export function paymentBumps(facts: PaidOrderFacts): FigureBump[] {
  const day = chinaDate(facts.paidAt);
  const commissionFen = facts.commissions.reduce((sum, c) => sum + c.amountFen, 0);
  const bumps: FigureBump[] = [
    {
      key: shopKey(day),
      add: { paidOrders: 1, paidFen: facts.totalFen, commissionAccruedFen: commissionFen },
    },
    { key: shopKey(chinaDate(facts.placedAt)), add: { paidOfPlaced: 1 } },
  ];
  const counted = new Set<string>();
  for (const line of facts.lines) {
    // paidOrders counts the order once per product however many lines it has: the funnel's "paid" step.
    const firstLine = !counted.has(line.productId);
    counted.add(line.productId);
    bumps.push({
      key: productKey(day, line.productId),
      add: { paidQuantity: line.quantity, paidFen: line.paidFen, paidOrders: firstLine ? 1 : 0 },
      label: line.title,
    });
  }
  if (facts.level1) {
    bumps.push(
      ...forDistributor(day, facts.level1, {
        directOrders: 1,
        directPaidFen: facts.totalFen,
        directNetFen: facts.totalFen,
      }),
    );
  }
  for (const commission of facts.commissions) {
    bumps.push(...forDistributor(day, commission.beneficiaryId, { commissionAccruedFen: commission.amountFen }));
    bumps.push({ key: commissionKey(null, commission.beneficiaryId), add: { frozenFen: commission.amountFen } });
  }
  return merged(bumps);
}

export function refundBumps(facts: RefundFacts): FigureBump[] {
  const day = chinaDate(facts.refundedAt);
  const reversedFen = facts.reversals.reduce((sum, r) => sum + r.amountFen, 0);
  const bumps: FigureBump[] = [
    {
      key: shopKey(day),
      add: {
        refunds: 1,
        refundedFen: facts.refundFen,
        fullyRefundedOrders: facts.orderFullyRefunded ? 1 : 0,
        commissionReversedFen: reversedFen,
      },
    },
    {
      key: productKey(day, facts.product.productId),
      add: {
        refundedQuantity: facts.quantity,
        refundedFen: facts.refundFen,
        lostOrders: facts.orderFullyRefunded ? 1 : 0,
      },
      label: facts.product.title,
    },
  ];
  if (facts.level1) {
    bumps.push(
      ...forDistributor(day, facts.level1, {
        directRefundedFen: facts.refundFen,
        directNetFen: -facts.refundFen,
        directLostOrders: facts.orderFullyRefunded ? 1 : 0,
      }),
    );
  }
  for (const reversal of facts.reversals) {
    if (reversal.amountFen > 0) {
      bumps.push(...forDistributor(day, reversal.beneficiaryId, { commissionReversedFen: reversal.amountFen }));
      bumps.push(
        reversal.settledAt == null
          ? { key: commissionKey(null, reversal.beneficiaryId), add: { frozenFen: -reversal.amountFen } }
          : // Taken back from the settled figure of the day it settled, as the dashboard always counted it.
            {
              key: commissionKey(chinaDate(reversal.settledAt), reversal.beneficiaryId),
              add: { clawedBackFen: reversal.amountFen },
            },
      );
    }
  }
  return merged(bumps);
}

/**
 * Commissions settled by one settlement transaction (one beneficiary): what moved from frozen to available on the
 * China day of settling. Nothing when nothing moved (a commission refunded in full settles at 0).
 */
export function settlementBumps(settled: {
  beneficiaryId: string;
  settledFen: number;
  settledAt: number;
}): FigureBump[] {
  if (settled.settledFen <= 0) return [];
  return [
    {
      key: commissionKey(chinaDate(settled.settledAt), settled.beneficiaryId),
      add: { settledFen: settled.settledFen },
    },
    { key: commissionKey(null, settled.beneficiaryId), add: { frozenFen: -settled.settledFen } },
  ];
}

/** A withdrawal paid out: its gross amount (fee and tax included) on the China day of `paidAt`. */
export function payoutBumps(paid: { openid: string; amountFen: number; paidAt: number }): FigureBump[] {
  return [{ key: commissionKey(chinaDate(paid.paidAt), paid.openid), add: { paidOutFen: paid.amountFen } }];
}

/** Commission by state on the dashboard. */
export interface CommissionStates {
  /** Settled in the range, less what refunds clawed back from those commissions since. */
  settledFen: number;
  /** Everything frozen right now, whenever it was earned: what the after-sales windows still hold back. */
  frozenNowFen: number;
  /** Withdrawals paid out in the range, gross. */
  paidOutFen: number;
}

/** From the range's daily commission documents and the all-time ones (`date` null), of every shard. */
export function summariseCommissionStates(days: readonly object[], allTime: readonly object[]): CommissionStates {
  const sum = (docs: readonly object[], field: string) => docs.reduce((total, doc) => total + counter(doc, field), 0);
  return {
    settledFen: sum(days, 'settledFen') - sum(days, 'clawedBackFen'),
    frozenNowFen: sum(allTime, 'frozenFen'),
    paidOutFen: sum(days, 'paidOutFen'),
  };
}

const ZERO_SHOP_DAY: ShopDayFigures = {
  placedOrders: 0,
  paidOfPlaced: 0,
  paidOrders: 0,
  paidFen: 0,
  refunds: 0,
  refundedFen: 0,
  fullyRefundedOrders: 0,
  commissionAccruedFen: 0,
  commissionReversedFen: 0,
};

const ZERO_DISTRIBUTOR: DistributorFigures = {
  directOrders: 0,
  directLostOrders: 0,
  directPaidFen: 0,
  directRefundedFen: 0,
  commissionAccruedFen: 0,
  commissionReversedFen: 0,
};

const ZERO_PRODUCT: ProductFigures = {
  paidOrders: 0,
  lostOrders: 0,
  paidQuantity: 0,
  paidFen: 0,
  refundedQuantity: 0,
  refundedFen: 0,
};

/** A stored counter document read as figures: a counter never written is 0. */
function complete<T extends object>(zero: T, stored: object | undefined): T {
  const result = { ...zero };
  for (const field of Object.keys(zero) as (keyof T)[]) {
    const value = (stored as Partial<Record<keyof T, unknown>> | undefined)?.[field];
    if (typeof value === 'number' && Number.isFinite(value)) result[field] = value as T[keyof T];
  }
  return result;
}

export const shopDayOf = (stored?: object): ShopDayFigures => complete(ZERO_SHOP_DAY, stored);
export const distributorFiguresOf = (stored?: object): DistributorFigures => complete(ZERO_DISTRIBUTOR, stored);
export const productFiguresOf = (stored?: object): ProductFigures => complete(ZERO_PRODUCT, stored);

function sumFigures<T extends object>(zero: T, rows: readonly T[]): T {
  const total = { ...zero } as Record<string, number>;
  for (const row of rows) {
    for (const [field, value] of Object.entries(row)) total[field] = (total[field] ?? 0) + (value as number);
  }
  return total as T;
}

export interface ShopSummary extends ShopDayFigures {
  /** 净销售额 = 支付金额 − 退款金额. */
  netSalesFen: number;
  /** 佣金（净）= 计提 − 冲回. */
  commissionNetFen: number;
  /** Rounded shares in basis points; null when the denominator is 0 (shown as —). */
  paidConversionBp: number | null;
  refundRateBp: number | null;
  commissionShareOfNetBp: number | null;
}

export function summariseShop(days: readonly ShopDayFigures[]): ShopSummary {
  const total = sumFigures(ZERO_SHOP_DAY, days);
  const netSalesFen = total.paidFen - total.refundedFen;
  const commissionNetFen = total.commissionAccruedFen - total.commissionReversedFen;
  return {
    ...total,
    netSalesFen,
    commissionNetFen,
    paidConversionBp: roundedRatioBp(total.paidOfPlaced, total.placedOrders),
    refundRateBp: roundedRatioBp(total.refundedFen, total.paidFen),
    commissionShareOfNetBp: netSalesFen > 0 ? roundedRatioBp(commissionNetFen, netSalesFen) : null,
  };
}

export interface DistributorSummary extends DistributorFigures {
  directNetFen: number;
  commissionNetFen: number;
  /** 退款率 = 直接客户退款 / 直接客户支付金额. */
  refundRateBp: number | null;
}

export function summariseDistributor(rows: readonly DistributorFigures[]): DistributorSummary {
  const total = sumFigures(ZERO_DISTRIBUTOR, rows);
  return {
    ...total,
    directNetFen: total.directPaidFen - total.directRefundedFen,
    commissionNetFen: total.commissionAccruedFen - total.commissionReversedFen,
    refundRateBp: roundedRatioBp(total.directRefundedFen, total.directPaidFen),
  };
}

export interface ProductSummary extends ProductFigures {
  netFen: number;
  netQuantity: number;
}

export function summariseProduct(rows: readonly ProductFigures[]): ProductSummary {
  const total = sumFigures(ZERO_PRODUCT, rows);
  return {
    ...total,
    netFen: total.paidFen - total.refundedFen,
    netQuantity: total.paidQuantity - total.refundedQuantity,
  };
}

/**
 * The top `count` subjects by net amount, ties by id. Only a positive net ranks: a product refunded in full
 * earned nothing and does not top the list.
 */
export function topByNet<T>(rows: ReadonlyMap<string, T>, netOf: (row: T) => number, count: number): [string, T][] {
  return [...rows.entries()]
    .filter(([, row]) => netOf(row) > 0)
    .sort(([a, rowA], [b, rowB]) => netOf(rowB) - netOf(rowA) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, count);
}

/** One day's distributors with the highest direct net sales, as read from the index, highest first. */
export interface DailyLeaders {
  /** At most `limit` documents' subjects and nets; fewer means the day had no other distributor. */
  leaders: readonly { openid: string; directNetFen: number }[];
  limit: number;
}

/**
 * Whether the top `count` among `candidates` (every distributor that led some day, with its exact total over the
 * range) is the true top `count` of everyone. A distributor that led no day earned at most the day's last leader
 * on each full day and nothing on the others (its day had no document), so the sum of those is its ceiling; the
 * ranking is exact when the last place shown is above that ceiling (a tie could order either way).
 */
export function rankFromDailyLeaders<T>(
  days: readonly DailyLeaders[],
  candidates: ReadonlyMap<string, T>,
  netOf: (row: T) => number,
  count: number,
): { top: [string, T][]; exact: boolean } {
  const top = topByNet(candidates, netOf, count);
  let ceiling = 0;
  for (const { leaders, limit } of days) {
    const last = leaders[leaders.length - 1];
    if (leaders.length >= limit && last) ceiling += Math.max(last.directNetFen, 0);
  }
  const lastShown = top[top.length - 1];
  const exact = ceiling === 0 || (top.length === count && lastShown !== undefined && netOf(lastShown[1]) > ceiling);
  return { top, exact };
}

/** A behaviour event the server accepted: the product and the distributor resolved, each may be absent. */
export interface CountedBehaviour {
  type: BehaviourEventType;
  productId: string | null;
  distributor: string | null;
}

/** The key under which a shopper's event counts once per minute. */
export function behaviourKey(event: CountedBehaviour): string {
  return [event.type, event.productId ?? '', event.distributor ?? ''].join('|');
}

/** Behaviour moves the product's and the inviting distributor's counters of the day. */
export function behaviourBumps(events: readonly CountedBehaviour[], at: number): FigureBump[] {
  const day = chinaDate(at);
  const bumps: FigureBump[] = [];
  for (const event of events) {
    const field = BEHAVIOUR_COUNTER[event.type];
    if (event.productId) bumps.push({ key: productKey(day, event.productId), add: { [field]: 1 } });
    if (event.distributor) bumps.push({ key: distributorKey(day, event.distributor), add: { [field]: 1 } });
  }
  return merged(bumps);
}

/** What a day's counter document holds of behaviour and orders, read as numbers (absent = 0). */
function counter(doc: object | undefined, field: string): number {
  const value = (doc as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * The funnel of a product (or a distributor) over counter documents: opened (share card or poster) → viewed →
 * ordered (placed) → paid → kept (paid and not refunded in full). Each step is counted on its own day, so over a
 * short range a later step can exceed an earlier one; the page says so.
 */
export function funnelOf(docs: readonly object[], kind: 'product' | 'distributor'): FunnelSteps {
  const sum = (field: string) => docs.reduce((total, doc) => total + counter(doc, field), 0);
  const paid = kind === 'product' ? sum('paidOrders') : sum('directOrders');
  const lost = kind === 'product' ? sum('lostOrders') : sum('directLostOrders');
  return {
    opened: sum('cardOpens') + sum('posterOpens'),
    viewed: sum('views'),
    ordered: sum('placedOrders'),
    paid,
    kept: paid - lost,
  };
}
