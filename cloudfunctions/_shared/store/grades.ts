/**
 * The grade program (`settings/grades:current`) and what a grade looks at: the distributor's OWN results, read
 * with two bounded aggregates (their direct orders; their settled direct commission). Nothing here reads a team.
 */
import {
  EMPTY_GRADE_PROGRAM,
  gradeLevelRates,
  parseGradeProgram,
  type DistributionRules,
  type DistributorResults,
  type GradeProgram,
} from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs } from '../platform/documents';
import { COLLECTIONS } from './collections';
import type { DistributorDoc } from './distributors';

export const GRADES_SETTINGS_ID = 'grades:current';

export interface GradesDoc {
  _id: string;
  program: GradeProgram;
  updatedAt: number;
  updatedBy: string;
}

export async function currentGradeProgram(): Promise<GradeProgram> {
  const doc = await getDoc<GradesDoc>(COLLECTIONS.settings, GRADES_SETTINGS_ID);
  if (!doc) return EMPTY_GRADE_PROGRAM;
  const parsed = parseGradeProgram(doc.program);
  if (!parsed.ok) throw new Error(`stored grade program is invalid: ${parsed.error.message}`);
  return parsed.value;
}

export async function saveGradeProgram(program: GradeProgram, by: string, now: number): Promise<void> {
  await db()
    .collection(COLLECTIONS.settings)
    .doc(GRADES_SETTINGS_ID)
    .set({ data: { program, updatedAt: now, updatedBy: by } });
}

/** Orders that count as the distributor's paid-and-kept sales: received (or past after-sales), less refunds. */
const KEPT_ORDER_STATES = ['received', 'completed'];

async function aggregate<T>(pipeline: { end(): unknown }): Promise<T[]> {
  return ((await pipeline.end()) as { list: T[] }).list;
}

/** The distributor's own results: direct customers' kept sales and count, and their settled direct commission. */
export async function ownResults(openid: string): Promise<DistributorResults> {
  const _ = db().command;
  const $ = _.aggregate;
  const [sales, commission] = await Promise.all([
    aggregate<{ keptFen: number; buyers: string[] }>(
      db()
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ 'snapshot.beneficiaries.0': openid, status: _.in(KEPT_ORDER_STATES) })
        .group({
          _id: null,
          keptFen: $.sum($.subtract(['$totalFen', $.ifNull(['$refundedFen', 0])])),
          buyers: $.addToSet('$buyerOpenid'),
        })
        .limit(1),
    ),
    aggregate<{ settledFen: number; reversedFen: number }>(
      db()
        .collection(COLLECTIONS.commissions)
        .aggregate()
        // Level 1 only: level-2 commission is earned on a downline's sales, which a grade must not reward.
        .match({ beneficiaryId: openid, status: 'settled', level: 1 })
        .group({ _id: null, settledFen: $.sum('$amountFen'), reversedFen: $.sum('$reversedFen') })
        .limit(1),
    ),
  ]);
  const buyers = (sales[0]?.buyers ?? []).filter((buyer) => buyer !== openid);
  return {
    directSalesFen: sales[0]?.keptFen ?? 0,
    settledCommissionFen: (commission[0]?.settledFen ?? 0) - (commission[0]?.reversedFen ?? 0),
    directCustomers: buyers.length,
  };
}

/**
 * The graded level rates of those `beneficiaries` who hold a grade of the program in force, for the payment to
 * write into its commissions. Empty while grades are off.
 */
export async function gradeRatesOf(
  beneficiaries: readonly (string | null)[],
  rules: DistributionRules,
): Promise<Map<string, number[]>> {
  const rates = new Map<string, number[]>();
  const ids = [...new Set(beneficiaries.filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return rates;
  const program = await currentGradeProgram();
  if (!program.enabled) return rates;
  const _ = db().command;
  const docs = await listDocs<Pick<DistributorDoc, '_id' | 'grade'>>(
    db()
      .collection(COLLECTIONS.distributors)
      .where({ _id: _.in(ids) })
      .field({ _id: true, grade: true })
      .limit(ids.length),
  );
  for (const doc of docs) {
    const grade = program.grades.find((g) => g.id === doc.grade?.gradeId);
    if (grade) rates.set(doc._id, gradeLevelRates(rules.levelRatesBp, grade.rates));
  }
  return rates;
}
