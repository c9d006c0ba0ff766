/**
 * Export jobs: a CSV of any size built in slices across calls. The job record (in `jobs`, id `export-<uuid>`) holds
 * the filter, the keyset cursor reached and the parts written to storage so far; each call that finds it running
 * adds parts until its time budget is spent. When the walk ends the parts are joined into one file in storage and
 * the job hands out a temporary download link. A slice is committed by a conditional update on the part count, so
 * two polls at once never both advance the job (the loser's part is overwritten by the winner's next one).
 */
import { randomUUID } from 'node:crypto';
import type { ExportJob, ExportJobState } from '../../contract/src';
import { DomainError } from '../../core/src/errors';
import { cloud, db } from '../_shared/platform/cloud';
import { getDoc, listDocs, updatedCount } from '../_shared/platform/documents';
import { COLLECTIONS } from '../_shared/store/collections';
import { toCsv, type Cell } from './csv';

/** A page read; the platform's maximum. */
const PAGE = 1000;
/** Rows per part file: a part is one upload, small enough to write well inside a slice. */
const ROWS_PER_PART = 5000;
/** What one call may spend on a job (adminApi's timeout is 20 s). */
export const SLICE_BUDGET_MS = 8000;

export interface ExportSource<T extends { _id: string; createdAt: number }> {
  kind: string;
  collection: string;
  columns: readonly string[];
  row(doc: T): Cell[];
  /** The query for the job's parameters, rebuilt on every slice (commands cannot be stored in a document). */
  filter(params: ExportParams): object;
}

/** What the operator chose: plain values only, as they are stored on the job. */
export type ExportParams = Record<string, string | number>;

interface ExportJobDoc {
  _id: string;
  kind: string;
  params: ExportParams;
  status: ExportJobState;
  rows: number;
  /** Rows the filter matched when the job started: the denominator of the progress. */
  total: number;
  parts: string[];
  cursor: [number, string] | null;
  fileID?: string;
  fileName: string;
  createdBy: string;
  createdAt: number;
  finishedAt?: number;
}

/** What a start or a poll answers: the contract's shape, which the admin page reads. */
export type ExportJobView = ExportJob;

const jobs = () => db().collection(COLLECTIONS.jobs);

export async function startExport<T extends { _id: string; createdAt: number }>(
  source: ExportSource<T>,
  params: ExportParams,
  { actor, now, fileName }: { actor: string; now: number; fileName: string },
): Promise<ExportJobView> {
  const { total } = (await db().collection(source.collection).where(source.filter(params)).count()) as {
    total: number;
  };
  const job: ExportJobDoc = {
    _id: `export-${randomUUID()}`,
    kind: source.kind,
    params,
    status: 'running',
    rows: 0,
    total,
    parts: [],
    cursor: null,
    fileName,
    createdBy: actor,
    createdAt: now,
  };
  const { _id, ...data } = job;
  await jobs().doc(_id).set({ data });
  return advanceExport(source, _id, actor, now);
}

/** Moves a running job on by one slice (or finishes it) and reports where it stands. */
export async function advanceExport<T extends { _id: string; createdAt: number }>(
  source: ExportSource<T>,
  id: string,
  actor: string,
  now: number,
): Promise<ExportJobView> {
  const started = performance.now();
  let job = await loadJob(id, source.kind, actor);
  while (job.status === 'running' && performance.now() - started < SLICE_BUDGET_MS) {
    job = await writePart(source, job, now);
  }
  return viewOf(job);
}

async function loadJob(id: string, kind: string, actor: string): Promise<ExportJobDoc> {
  const job = id.startsWith('export-') ? await getDoc<ExportJobDoc>(COLLECTIONS.jobs, id) : null;
  // Another operator's export is not yours to read: the same answer as a job that does not exist.
  if (!job || job.kind !== kind || job.createdBy !== actor) {
    throw new DomainError('NOT_FOUND', { exportId: id }, '导出任务不存在');
  }
  return { ...job, _id: id };
}

/** Reads up to ROWS_PER_PART rows after the cursor, uploads them as the next part, and commits the step. */
async function writePart<T extends { _id: string; createdAt: number }>(
  source: ExportSource<T>,
  job: ExportJobDoc,
  now: number,
): Promise<ExportJobDoc> {
  const _ = db().command;
  const rows: Cell[][] = [];
  let cursor = job.cursor;
  let exhausted = false;
  const filter = source.filter(job.params);
  while (rows.length < ROWS_PER_PART) {
    const want = Math.min(PAGE, ROWS_PER_PART - rows.length);
    const after = cursor && _.or([{ createdAt: _.gt(cursor[0]) }, { createdAt: cursor[0], _id: _.gt(cursor[1]) }]);
    const page = await listDocs<T>(
      db()
        .collection(source.collection)
        .where(after ? _.and([filter, after]) : filter)
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(want),
    );
    for (const doc of page) rows.push(source.row(doc));
    const last = page[page.length - 1];
    if (last) cursor = [last.createdAt, last._id];
    if (page.length < want) {
      exhausted = true;
      break;
    }
  }
  const parts = [...job.parts];
  if (rows.length > 0) {
    // Rows only: the header and byte-order mark go once, on the joined file.
    const body = toCsv([], rows).replace(/^\uFEFF\r\n/, '');
    const { fileID } = await cloud.uploadFile({
      cloudPath: `exports/${job._id.slice('export-'.length)}/part-${String(parts.length).padStart(5, '0')}.csv`,
      fileContent: Buffer.from(body, 'utf8'),
    });
    parts.push(fileID);
  }
  const step: Partial<ExportJobDoc> = { parts, cursor, rows: job.rows + rows.length };
  if (exhausted) Object.assign(step, await joinParts(job, parts, now));
  const committed = await jobs()
    .where({ _id: job._id, status: 'running', parts: _.size(job.parts.length) })
    .update({ data: step });
  if (updatedCount(committed) === 0) {
    // Another call advanced the job meanwhile: continue from what it committed.
    return loadJob(job._id, job.kind, job.createdBy);
  }
  return { ...job, ...step };
}

/** The parts, in order, behind one header: the file the link hands out. */
async function joinParts(job: ExportJobDoc, parts: string[], now: number): Promise<Partial<ExportJobDoc>> {
  const source = exportSourceColumns.get(job.kind) ?? [];
  const chunks: Buffer[] = [Buffer.from(toCsv(source, []), 'utf8')];
  for (const fileID of parts) {
    const { fileContent } = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
    chunks.push(fileContent);
  }
  const { fileID } = await cloud.uploadFile({
    cloudPath: `exports/${job._id.slice('export-'.length)}/${job.fileName}`,
    fileContent: Buffer.concat(chunks),
  });
  return { status: 'done', fileID, finishedAt: now };
}

/** Columns per export kind, registered with the source (the header of the joined file). */
const exportSourceColumns = new Map<string, readonly string[]>();

export function registerExportSource<T extends { _id: string; createdAt: number }>(
  source: ExportSource<T>,
): ExportSource<T> {
  exportSourceColumns.set(source.kind, source.columns);
  return source;
}

async function viewOf(job: ExportJobDoc): Promise<ExportJobView> {
  const view: ExportJobView = {
    id: job._id,
    status: job.status,
    rows: job.rows,
    total: job.total,
    progress: job.status === 'done' ? 1 : job.total === 0 ? 0 : Math.min(0.99, job.rows / job.total),
    fileName: job.fileName,
  };
  if (job.status === 'done' && job.fileID) {
    const { fileList } = (await cloud.getTempFileURL({ fileList: [job.fileID] })) as {
      fileList: Array<{ tempFileURL: string }>;
    };
    view.url = fileList[0]?.tempFileURL ?? '';
  }
  return view;
}
