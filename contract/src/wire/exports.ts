/**
 * An export job as the admin API answers it (`POST /api/admin/exports/orders` starts one, `GET …/:id` advances and
 * reports it): the server and the admin page read this one shape, so the page's progress cannot drift from it.
 */

/** `running` until the last slice is joined into one file; then `done` with a link. */
export const EXPORT_JOB_STATES = ['running', 'done'] as const;
export type ExportJobState = (typeof EXPORT_JOB_STATES)[number];

export interface ExportJob {
  /** `export-<uuid>`; only the operator who started the job can poll it. */
  id: string;
  status: ExportJobState;
  /** Rows written so far. */
  rows: number;
  /** Rows the filter matched when the job started: the denominator of the progress. */
  total: number;
  /** 0–1, at most 0.99 while running; 1 when done. */
  progress: number;
  /** The name the file is saved under (`orders-2026-12-03.csv`). */
  fileName: string;
  /** A temporary download link of the whole file, once `done`. */
  url?: string;
}
