/**
 * Follows an export job from its start to its download link. The server works the job a slice per call (each
 * poll moves it on), so the page polls one call at a time, a second apart, until the job is done or cannot go on;
 * `stop()` (the screen going away) ends the polling and nothing is reported after it.
 */
import { isErrorCode } from '../../../../contract/src/errors';
import type { ExportJob } from '../../../../contract/src/wire/exports';
import { ApiError } from '../../api';
import { messageOf } from '../../ui/errors';

export type ExportWatch =
  | { phase: 'starting' }
  | { phase: 'running'; job: ExportJob }
  | { phase: 'done'; job: ExportJob; url: string }
  | { phase: 'failed'; message: string; job?: ExportJob };

export interface ExportJobCalls {
  start(): Promise<ExportJob>;
  poll(id: string): Promise<ExportJob>;
}

export interface ExportJobTiming {
  /** Between the answer to one poll and the next call. */
  intervalMs: number;
  /** Failed polls in a row that are tried again (a dropped connection, a timed-out call) before giving up. */
  retries: number;
  wait(ms: number): Promise<void>;
}

const DEFAULT_TIMING: ExportJobTiming = {
  intervalMs: 1000,
  retries: 3,
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The link handed out, if it is one a browser should follow: http(s) only, never `javascript:` or the like. */
export function downloadLinkOf(job: ExportJob, base: string): string | null {
  if (!job.url) return null;
  try {
    const url = new URL(job.url, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A refusal (bad filter, a job that is not this operator's) will not change on retry; a dropped call may. */
function worthRetrying(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'NETWORK' || error.status >= 500 || error.status === 0);
}

/**
 * The operator's sentence for a failure: the shop's own refusals and the page's network messages are Chinese
 * already; what the platform says when it loses the call (an instance killed, a timeout) is not, and is not theirs
 * to read.
 */
export function failureText(error: unknown): string {
  if (error instanceof ApiError && !isErrorCode(error.code) && error.code !== 'HTTP') {
    return '导出失败：服务器处理导出时出错，请重新导出';
  }
  return `导出失败：${messageOf(error)}`;
}

export function watchExportJob(
  calls: ExportJobCalls,
  report: (state: ExportWatch) => void,
  base: string,
  timing: Partial<ExportJobTiming> = {},
): { stop(): void; finished: Promise<void> } {
  const { intervalMs, retries, wait } = { ...DEFAULT_TIMING, ...timing };
  let stopped = false;
  const tell = (state: ExportWatch) => {
    if (!stopped) report(state);
  };

  async function follow(): Promise<void> {
    tell({ phase: 'starting' });
    let job: ExportJob;
    try {
      job = await calls.start();
    } catch (error) {
      tell({ phase: 'failed', message: failureText(error) });
      return;
    }
    let failedInARow = 0;
    while (!stopped) {
      if (job.status === 'done') {
        const url = downloadLinkOf(job, base);
        tell(
          url
            ? { phase: 'done', job, url }
            : { phase: 'failed', job, message: '导出失败：文件已生成，但没有拿到下载链接，请重新导出' },
        );
        return;
      }
      tell({ phase: 'running', job });
      await wait(intervalMs);
      if (stopped) return;
      try {
        job = await calls.poll(job.id);
        failedInARow = 0;
      } catch (error) {
        failedInARow += 1;
        if (!worthRetrying(error) || failedInARow > retries) {
          tell({ phase: 'failed', job, message: failureText(error) });
          return;
        }
      }
    }
  }

  return {
    stop: () => {
      stopped = true;
    },
    finished: follow(),
  };
}
