/**
 * Automatic upgrades (and, after a keep period, downgrades) of distributors' grades. The timer walks approved
 * distributors in `_id` order from the cursor it left in `jobs/upgradeGrades`, so each run reads a bounded page and
 * a large shop is covered over several runs; it stops before its time budget. Each change is one update guarded on
 * the grade it read, so overlapping runs cannot fight.
 */
import { decideGrade, gradeProgress, type GradeProgram, type HeldGrade } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, listDocs, updatedCount } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { DistributorDoc } from '../store/distributors';
import { currentGradeProgram, ownResults } from '../store/grades';
import type { GradeView } from '../../../contract/src';

export const GRADES_JOB_ID = 'upgradeGrades';

export interface GradeRunOutcome {
  checked: number;
  changed: number;
  /** More distributors after this run's page: the next run goes on from the cursor. */
  remaining: boolean;
}

interface GradesJobDoc {
  cursor?: string | null;
}

const sameGrade = (a: HeldGrade | undefined, b: HeldGrade | null) =>
  (a ?? null) === b ||
  (a !== undefined && b !== null && a.gradeId === b.gradeId && a.since === b.since && a.keepUntil === b.keepUntil);

/** Decides and stores one distributor's grade; true when it changed. */
export async function regrade(distributor: DistributorDoc, program: GradeProgram, now: number): Promise<boolean> {
  const results = await ownResults(distributor._id);
  const next = decideGrade(program, distributor.grade ?? null, results, now);
  if (next === null || sameGrade(distributor.grade, next)) return false;
  const _ = db().command;
  const guard = distributor.grade
    ? { 'grade.gradeId': distributor.grade.gradeId, 'grade.since': distributor.grade.since }
    : { grade: _.exists(false) };
  const result = await db()
    .collection(COLLECTIONS.distributors)
    .where({ _id: distributor._id, ...guard })
    .update({ data: { grade: _.set(next) } });
  return updatedCount(result) === 1;
}

export async function upgradeGrades({
  now,
  budgetMs,
  pageSize = 200,
}: {
  now: number;
  budgetMs: number;
  pageSize?: number;
}): Promise<GradeRunOutcome> {
  const started = performance.now();
  const outcome: GradeRunOutcome = { checked: 0, changed: 0, remaining: false };
  const program = await currentGradeProgram();
  if (!program.enabled) return outcome;
  const job = await getDoc<GradesJobDoc>(COLLECTIONS.jobs, GRADES_JOB_ID);
  const _ = db().command;
  let cursor = job?.cursor ?? null;
  const page = await listDocs<DistributorDoc>(
    db()
      .collection(COLLECTIONS.distributors)
      .where(cursor ? { status: 'approved', _id: _.gt(cursor) } : { status: 'approved' })
      .orderBy('_id', 'asc')
      .limit(pageSize),
  );
  for (const distributor of page) {
    if (performance.now() - started > budgetMs) {
      outcome.remaining = true;
      break;
    }
    outcome.checked++;
    if (await regrade(distributor, program, now)) outcome.changed++;
    cursor = distributor._id;
  }
  if (!outcome.remaining) outcome.remaining = page.length === pageSize;
  await db()
    .collection(COLLECTIONS.jobs)
    .doc(GRADES_JOB_ID)
    .set({
      data: {
        cursor: outcome.remaining ? cursor : null,
        lastRunAt: now,
        lastRunChecked: outcome.checked,
        lastRunChanged: outcome.changed,
      },
    });
  return outcome;
}

/** The distributor centre's grade line: where they stand and what is left to the next grade. */
export async function gradeView(distributor: DistributorDoc | null): Promise<GradeView | null> {
  const program = await currentGradeProgram();
  if (!program.enabled || !distributor) return null;
  const results = await ownResults(distributor._id);
  // Before the timer's first visit a distributor stands at the entry grade.
  const progress = gradeProgress(program, distributor.grade ?? null, results);
  const grade = program.grades.find((g) => g.id === progress.current?.id);
  return { ...progress, rates: grade?.rates ?? null, keepUntil: distributor.grade?.keepUntil ?? null };
}
