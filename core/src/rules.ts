/**
 * Distribution rules: one versioned document per change. Each order stores the version it was paid
 * under and commission is always computed with that version, so editing the rules never rewrites the
 * past. Defaults follow the seed article: 2 levels, 15% / 8%, open recruitment (全员分销), first-touch
 * binding, commissions frozen for the 7-day after-sales window counted from receipt.
 *
 * Only purchases pay. The schema is strict (unknown keys are refused), so there is no place to
 * configure a reward per recruited person or per share: 拉人头 is a banned pyramid pattern and WeChat
 * forbids rewarding shares (诱导分享).
 */
import { z } from 'zod';
import { LEVELS_LIMIT_REASON, MAX_LEVELS } from '../../contract/src/limits';
import { BINDING_MODES, RECRUITMENT_MODES, type BindingMode, type RecruitmentMode } from '../../contract/src/states';
import { err, ok, type Result } from './errors';
import type { BasisPoints, Fen } from './money';

export { MAX_LEVELS, LEVELS_LIMIT_REASON };
export const DEFAULT_LEVEL_RATES_BP: readonly BasisPoints[] = [1500 as BasisPoints, 800 as BasisPoints];

export type CommissionOverride =
  | { readonly kind: 'rate'; readonly levelRatesBp: readonly BasisPoints[] }
  | { readonly kind: 'fixed'; readonly levelFenPerUnit: readonly Fen[] }
  | { readonly kind: 'none' };

export type { BindingMode, RecruitmentMode };

export interface BindingRules {
  readonly mode: BindingMode;
  /**
   * Days a binding is locked after it is made. first-touch: null = locked forever, N = after N days a
   * new inviter may take over. last-touch: null = any new invitation takes over, N = a protection period
   * (保护期) during which it cannot be snatched. A binding stays effective until it is replaced.
   */
  readonly validityDays: number | null;
  /** Only shoppers who have never paid an order may be bound or re-bound. */
  readonly onlyShoppersWithoutPaidOrder: boolean;
}

export interface WithdrawalRules {
  readonly minFen: Fen;
  readonly maxFenPerRequest: Fen | null;
  readonly dailyCapFen: Fen | null;
  /** Fee in basis points of the requested amount, floored; see withdrawal.ts for how it is modelled. */
  readonly feeBp: BasisPoints;
}

export interface DistributionRules {
  readonly version: number;
  readonly enabled: boolean;
  readonly levels: 1 | 2 | 3;
  /** Rate per level, index 0 = level 1 (the direct inviter, or the buyer on self-purchase). */
  readonly levelRatesBp: readonly BasisPoints[];
  /** The only base we support: what the shopper paid for the line, after discounts, without shipping. */
  readonly commissionBase: 'paid';
  readonly productOverrides: Readonly<Record<string, CommissionOverride>>;
  /** Off by default. When on, a distributor buying for themself is level 1 and their inviter level 2. */
  readonly selfPurchaseCommission: boolean;
  readonly recruitment: RecruitmentMode;
  readonly binding: BindingRules;
  /** The after-sales window in days, counted from receipt (never from order creation). */
  readonly freezeDays: number;
  readonly withdrawal: WithdrawalRules;
}

const bpSchema = z.int().min(0).max(10000);
const fenSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

const overrideSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rate'), levelRatesBp: z.array(bpSchema).min(1).max(MAX_LEVELS) }),
  z.strictObject({ kind: z.literal('fixed'), levelFenPerUnit: z.array(fenSchema).min(1).max(MAX_LEVELS) }),
  z.strictObject({ kind: z.literal('none') }),
]);

export const distributionRulesSchema = z.strictObject({
  version: z.int().min(1),
  enabled: z.boolean().default(true),
  levels: z.int().min(1, { message: '分销层级至少 1 级' }).max(MAX_LEVELS, { message: LEVELS_LIMIT_REASON }).default(2),
  levelRatesBp: z.array(bpSchema).optional(),
  commissionBase: z.literal('paid').default('paid'),
  productOverrides: z.record(z.string().min(1), overrideSchema).default({}),
  selfPurchaseCommission: z.boolean().default(false),
  recruitment: z.enum(RECRUITMENT_MODES).default('open'),
  binding: z
    .strictObject({
      mode: z.enum(BINDING_MODES).default('first-touch'),
      validityDays: z.int().min(1).max(3650).nullable().default(null),
      onlyShoppersWithoutPaidOrder: z.boolean().default(false),
    })
    .prefault({}),
  freezeDays: z.int().min(0).max(180).default(7),
  withdrawal: z
    .strictObject({
      minFen: fenSchema.default(1000),
      maxFenPerRequest: fenSchema.nullable().default(null),
      dailyCapFen: fenSchema.nullable().default(null),
      feeBp: bpSchema.default(0),
    })
    .prefault({}),
});

export type DistributionRulesInput = z.input<typeof distributionRulesSchema>;

export interface RuleIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates a rules document (from the admin form or the database) and fills the defaults. */
export function parseRules(input: unknown): Result<DistributionRules> {
  const parsed = distributionRulesSchema.safeParse(input);
  if (!parsed.success) {
    const issues: RuleIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return err('INVALID_INPUT', { issues }, issues.find((i) => i.path === 'levels')?.message);
  }
  const raw = parsed.data;
  const levels = raw.levels as 1 | 2 | 3;
  const issues: RuleIssue[] = [];
  const levelRatesBp =
    raw.levelRatesBp ?? (levels <= DEFAULT_LEVEL_RATES_BP.length ? DEFAULT_LEVEL_RATES_BP.slice(0, levels) : []);
  checkPerLevel(issues, 'levelRatesBp', levelRatesBp, levels);
  for (const [productId, override] of Object.entries(raw.productOverrides)) {
    if (override.kind === 'rate')
      checkPerLevel(issues, `productOverrides.${productId}.levelRatesBp`, override.levelRatesBp, levels);
    if (override.kind === 'fixed' && override.levelFenPerUnit.length !== levels) {
      issues.push({
        path: `productOverrides.${productId}.levelFenPerUnit`,
        message: `需要为每一级（共 ${levels} 级）设置金额`,
      });
    }
  }
  const w = raw.withdrawal;
  if (w.maxFenPerRequest !== null && w.maxFenPerRequest < w.minFen) {
    issues.push({ path: 'withdrawal.maxFenPerRequest', message: '单次提现上限不能低于最低提现金额' });
  }
  if (w.dailyCapFen !== null && w.dailyCapFen < w.minFen) {
    issues.push({ path: 'withdrawal.dailyCapFen', message: '每日提现上限不能低于最低提现金额' });
  }
  if (issues.length > 0) return err('INVALID_INPUT', { issues });
  return ok({
    version: raw.version,
    enabled: raw.enabled,
    levels,
    levelRatesBp: levelRatesBp as BasisPoints[],
    commissionBase: 'paid',
    productOverrides: raw.productOverrides as Record<string, CommissionOverride>,
    selfPurchaseCommission: raw.selfPurchaseCommission,
    recruitment: raw.recruitment,
    binding: raw.binding,
    freezeDays: raw.freezeDays,
    withdrawal: {
      minFen: w.minFen as Fen,
      maxFenPerRequest: w.maxFenPerRequest as Fen | null,
      dailyCapFen: w.dailyCapFen as Fen | null,
      feeBp: w.feeBp as BasisPoints,
    },
  });
}

function checkPerLevel(issues: RuleIssue[], path: string, rates: readonly number[], levels: number): void {
  if (rates.length !== levels) {
    issues.push({ path, message: `需要为每一级（共 ${levels} 级）设置比例` });
    return;
  }
  // The levels share one base, so together they may not pay out more than the shopper paid.
  if (rates.reduce((a, b) => a + b, 0) > 10000) issues.push({ path, message: '各级佣金比例之和不能超过 100%' });
}

export function defaultRules(version = 1): DistributionRules {
  const parsed = parseRules({ version });
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

export const DEFAULT_RULES: DistributionRules = deepFreeze(defaultRules(1));

/**
 * A rule change: the current document merged with the changes, validated, stamped version + 1.
 * The caller stores it as a new document; the old version stays for orders paid under it.
 */
export function reviseRules(current: DistributionRules, changes: unknown): Result<DistributionRules> {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    return err('INVALID_INPUT', { issues: [{ path: '', message: 'changes must be an object' }] });
  }
  const patch = changes as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...current, ...patch, version: current.version + 1 };
  // levels changing without new rates: let parseRules derive defaults instead of keeping a mismatched list.
  if ('levels' in patch && !('levelRatesBp' in patch)) delete merged.levelRatesBp;
  for (const nested of ['binding', 'withdrawal'] as const) {
    const value = patch[nested];
    if (typeof value === 'object' && value !== null) merged[nested] = { ...current[nested], ...value };
  }
  return parseRules(merged);
}

/** The rules an order was paid under, from the stored history. */
export function rulesForVersion(history: readonly DistributionRules[], version: number): Result<DistributionRules> {
  const found = history.find((rules) => rules.version === version);
  return found ? ok(found) : err('NOT_FOUND', { rulesVersion: version });
}

/** The newest version in a history; what a new order is paid under. */
export function latestRules(history: readonly DistributionRules[]): Result<DistributionRules> {
  let latest: DistributionRules | undefined;
  for (const rules of history) if (!latest || rules.version > latest.version) latest = rules;
  return latest ? ok(latest) : err('NOT_FOUND', { rules: 'none stored' });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
