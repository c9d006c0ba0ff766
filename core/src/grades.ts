/**
 * Grades (分销等级): a distributor earns a higher rate as their OWN results grow. The conditions look only at what
 * the distributor did themself: their direct customers' paid-and-kept sales, their settled direct commission and
 * how many customers bought through them. Recruiting people or a downline's volume is never a condition: Chinese
 * law treats pay for headcount (拉人头) or for a team's volume (团队计酬) as pyramid selling (《禁止传销条例》第七条),
 * so the program refuses such a condition outright rather than merely not offering it.
 *
 * A grade either states its own rates per level or adds an uplift (bp) to the rules' rates. The rate a commission is
 * paid with is written into the commission at payment (its `terms`), so an upgrade never changes an earlier order.
 */
import { z } from 'zod';
import { err, ok, type Result } from './errors';
import { MAX_LEVELS } from './rules';

export const GRADE_METRICS = ['directSalesFen', 'settledCommissionFen', 'directCustomers'] as const;
export type GradeMetric = (typeof GRADE_METRICS)[number];

/** Names a program must never use as a condition (headcount and team volume), with why, for the operator. */
const FORBIDDEN_METRICS = [
  'recruits',
  'recruitCount',
  'invitees',
  'teamSize',
  'teamCount',
  'downlineCount',
  'downlineSalesFen',
  'teamSalesFen',
  'level2SalesFen',
];
export const FORBIDDEN_CONDITION_MESSAGE =
  '升级条件只能是分销员本人的业绩（直接客户的有效销售额、已结算佣金、直接客户数），不能按发展人数或团队业绩计算（拉人头、团队计酬属于传销行为）';

export interface GradeCondition {
  readonly metric: GradeMetric;
  /** Fen for the money metrics, a count for directCustomers. */
  readonly atLeast: number;
}

export type GradeRates =
  | { readonly kind: 'uplift'; readonly upliftBp: number }
  | { readonly kind: 'rates'; readonly levelRatesBp: readonly number[] };

export interface Grade {
  readonly id: string;
  readonly name: string;
  readonly rates: GradeRates;
  /** Empty for the entry grade. */
  readonly conditions: readonly GradeCondition[];
  readonly logic: 'any' | 'all';
  /** Days a reached grade is kept even if the results fall back below it; null keeps it for good. */
  readonly keepDays: number | null;
}

/** Grades in ascending order; the first is the entry grade everyone starts at. */
export interface GradeProgram {
  readonly enabled: boolean;
  readonly grades: readonly Grade[];
}

export const EMPTY_GRADE_PROGRAM: GradeProgram = { enabled: false, grades: [] };

/** A distributor's own results, the only things a condition may look at. */
export type DistributorResults = Readonly<Record<GradeMetric, number>>;

const bpSchema = z.int().min(0).max(10000);
const conditionSchema = z.strictObject({
  metric: z.string(),
  atLeast: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
});
const gradeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.string().trim().min(1).max(20),
  rates: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('uplift'), upliftBp: bpSchema }),
    z.strictObject({ kind: z.literal('rates'), levelRatesBp: z.array(bpSchema).min(1).max(MAX_LEVELS) }),
  ]),
  conditions: z.array(conditionSchema).max(GRADE_METRICS.length),
  logic: z.enum(['any', 'all']).default('all'),
  keepDays: z.int().min(1).max(3650).nullable().default(null),
});
const programSchema = z.strictObject({ enabled: z.boolean(), grades: z.array(gradeSchema).max(10) });

function invalid(message: string, details: Record<string, unknown>): Result<never> {
  return err('INVALID_INPUT', details, message);
}

/** Validates a program as an operator sends it; any condition on recruits or a team is refused. */
export function parseGradeProgram(raw: unknown): Result<GradeProgram> {
  const parsed = programSchema.safeParse(raw);
  if (!parsed.success) return invalid('等级设置有误', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
  const { grades } = parsed.data;
  const ids = new Set<string>();
  for (const [index, grade] of grades.entries()) {
    if (ids.has(grade.id)) return invalid('等级编号重复', { grade: grade.id });
    ids.add(grade.id);
    for (const condition of grade.conditions) {
      if (
        FORBIDDEN_METRICS.includes(condition.metric) ||
        !(GRADE_METRICS as readonly string[]).includes(condition.metric)
      )
        return invalid(FORBIDDEN_CONDITION_MESSAGE, { grade: grade.id, metric: condition.metric });
    }
    if (index === 0 && grade.conditions.length > 0)
      return invalid('第一个等级是入门等级，不能设置升级条件', { grade: grade.id });
    if (index > 0 && grade.conditions.length === 0)
      return invalid('除入门等级外，每个等级至少要有一个升级条件', { grade: grade.id });
    const metrics = grade.conditions.map((c) => c.metric);
    if (new Set(metrics).size !== metrics.length) return invalid('同一等级的条件不能重复', { grade: grade.id });
  }
  if (parsed.data.enabled && grades.length === 0) return invalid('启用等级前请至少设置一个等级', {});
  return ok(parsed.data as GradeProgram);
}

export function qualifies(grade: Grade, results: DistributorResults): boolean {
  if (grade.conditions.length === 0) return true;
  const met = grade.conditions.map((c) => results[c.metric] >= c.atLeast);
  return grade.logic === 'any' ? met.some(Boolean) : met.every(Boolean);
}

/** Where a distributor stands: their grade, since when, and until when it is kept regardless of results. */
export interface HeldGrade {
  readonly gradeId: string;
  readonly since: number;
  readonly keepUntil: number | null;
}

const DAY_MS = 86_400_000;

/**
 * The grade a distributor should hold at `now`: the highest one their results qualify for; a higher grade they
 * already hold is kept while its keep period runs (or for good when it has none). Null when grades are off.
 */
export function decideGrade(
  program: GradeProgram,
  current: HeldGrade | null,
  results: DistributorResults,
  now: number,
): HeldGrade | null {
  if (!program.enabled || program.grades.length === 0) return null;
  let reached = 0;
  program.grades.forEach((grade, index) => {
    if (qualifies(grade, results)) reached = index;
  });
  const heldIndex = current ? program.grades.findIndex((g) => g.id === current.gradeId) : -1;
  if (current && heldIndex > reached) {
    const kept = current.keepUntil === null || now < current.keepUntil;
    if (kept) return current;
  }
  if (current && heldIndex === reached) return current;
  const grade = program.grades[reached] as Grade;
  return { gradeId: grade.id, since: now, keepUntil: grade.keepDays === null ? null : now + grade.keepDays * DAY_MS };
}

/**
 * The rate per level a graded distributor earns: the grade's own rates, or the rules' rates plus the uplift; the
 * levels' sum stays within 100%, the uplift being cut where it would not.
 */
export function gradeLevelRates(baseRatesBp: readonly number[], rates: GradeRates): number[] {
  if (rates.kind === 'rates') return baseRatesBp.map((_, i) => rates.levelRatesBp[i] ?? 0);
  const room = 10000 - baseRatesBp.reduce((sum, r) => sum + r, 0);
  let left = Math.max(0, room);
  return baseRatesBp.map((rate) => {
    const uplift = Math.min(rates.upliftBp, left);
    left -= uplift;
    return rate + uplift;
  });
}

export interface GradeProgress {
  readonly current: { id: string; name: string } | null;
  readonly next: { id: string; name: string; logic: 'any' | 'all' } | null;
  /** Per condition of the next grade: the target, what the distributor has, and what is left (0 when met). */
  readonly toGo: ReadonlyArray<{ metric: GradeMetric; atLeast: number; have: number; left: number }>;
}

/** What the distributor centre shows: "¥x more to go" to the next grade. */
export function gradeProgress(
  program: GradeProgram,
  current: HeldGrade | null,
  results: DistributorResults,
): GradeProgress {
  if (!program.enabled || program.grades.length === 0) return { current: null, next: null, toGo: [] };
  const index = current
    ? Math.max(
        0,
        program.grades.findIndex((g) => g.id === current.gradeId),
      )
    : 0;
  const held = program.grades[index] as Grade;
  const next = program.grades[index + 1];
  return {
    current: { id: held.id, name: held.name },
    next: next ? { id: next.id, name: next.name, logic: next.logic } : null,
    toGo: next
      ? next.conditions.map((c) => ({
          metric: c.metric,
          atLeast: c.atLeast,
          have: results[c.metric],
          left: Math.max(0, c.atLeast - results[c.metric]),
        }))
      : [],
  };
}
