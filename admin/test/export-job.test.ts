/**
 * How the Orders screen follows an export job (`src/screens/orders/export-job.ts`), on scripted answers in the
 * contract's `ExportJob` shape: one poll at a time until done, every answer reported in order, polling ended by
 * `stop()` (the screen unmounting), failures in Chinese, dropped calls retried, links that are not http(s) refused.
 * The browser test (`orders-export.e2e.test.ts`) runs the same code against the real job on the emulator.
 */
import type { ExportJob } from '../../contract/src/wire/exports';
import { ApiError } from '../src/api';
import { downloadLinkOf, watchExportJob, type ExportWatch } from '../src/screens/orders/export-job';

const BASE = 'http://127.0.0.1:9100/#/orders';

function job(rows: number, extra: Partial<ExportJob> = {}): ExportJob {
  const total = 3000;
  return {
    id: 'export-1',
    status: 'running',
    rows,
    total,
    progress: Math.min(0.99, rows / total),
    fileName: 'orders-2026-12-03.csv',
    ...extra,
  };
}
const done = (extra: Partial<ExportJob> = {}) =>
  job(3000, { status: 'done', progress: 1, url: 'http://127.0.0.1:9100/files/exports/1/orders.csv?sign=x', ...extra });

/** Answers in turn; an Error in the list is thrown instead of answered. */
function scripted(start: ExportJob | Error, polls: Array<ExportJob | Error>) {
  const polled: string[] = [];
  return {
    polled,
    calls: {
      start: async () => {
        if (start instanceof Error) throw start;
        return start;
      },
      poll: async (id: string) => {
        polled.push(id);
        const next = polls.shift();
        if (!next) throw new Error('polled after the job ended');
        if (next instanceof Error) throw next;
        return next;
      },
    },
  };
}

const immediately = { wait: async () => undefined };

test('polls one call at a time until done and reports every step, then the download link', async () => {
  const { calls, polled } = scripted(job(0), [job(1000), job(2000), done()]);
  const seen: ExportWatch[] = [];
  await watchExportJob(calls, (state) => seen.push(state), BASE, immediately).finished;
  expect(polled).toEqual(['export-1', 'export-1', 'export-1']);
  expect(seen.map((state) => state.phase)).toEqual(['starting', 'running', 'running', 'running', 'done']);
  expect(seen.filter((state) => state.phase === 'running').map((state) => state.job.rows)).toEqual([0, 1000, 2000]);
  expect(seen.at(-1)).toEqual({
    phase: 'done',
    job: done(),
    url: 'http://127.0.0.1:9100/files/exports/1/orders.csv?sign=x',
  });
});

test('waits about a second between polls', async () => {
  const waits: number[] = [];
  const { calls } = scripted(job(0), [job(1500), done()]);
  await watchExportJob(calls, () => undefined, BASE, { wait: async (ms) => void waits.push(ms) }).finished;
  expect(waits).toEqual([1000, 1000]);
});

test('stop() (the screen going away) ends the polling and nothing is reported after it', async () => {
  const { calls, polled } = scripted(job(0), [job(1000), job(2000), done()]);
  const seen: ExportWatch[] = [];
  let release: () => void = () => undefined;
  const watching = watchExportJob(calls, (state) => seen.push(state), BASE, {
    wait: () => new Promise<void>((resolve) => (release = resolve)),
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(seen.map((state) => state.phase)).toEqual(['starting', 'running']);
  watching.stop();
  release();
  await watching.finished;
  expect(polled).toEqual([]);
  expect(seen).toHaveLength(2);
});

test('a refusal fails at once with the server message in Chinese', async () => {
  const { calls, polled } = scripted(job(0), [new ApiError('NOT_FOUND', '导出任务不存在', 404)]);
  const seen: ExportWatch[] = [];
  await watchExportJob(calls, (state) => seen.push(state), BASE, immediately).finished;
  expect(polled).toHaveLength(1);
  expect(seen.at(-1)).toMatchObject({ phase: 'failed', message: '导出失败：导出任务不存在', job: job(0) });
});

test('a start the server refuses is a failure without a job', async () => {
  const { calls } = scripted(new ApiError('INVALID_INPUT', '参数不正确', 400), []);
  const seen: ExportWatch[] = [];
  await watchExportJob(calls, (state) => seen.push(state), BASE, immediately).finished;
  expect(seen).toEqual([{ phase: 'starting' }, { phase: 'failed', message: '导出失败：参数不正确' }]);
});

test('what the platform says when it loses a call is not shown; a Chinese sentence is', async () => {
  const killed = new ApiError(
    'FUNCTIONS_EXECUTE_FAIL',
    'Function instance killed before storage.getUploadMetadata',
    500,
  );
  const { calls } = scripted(killed, []);
  const seen: ExportWatch[] = [];
  await watchExportJob(calls, (state) => seen.push(state), BASE, immediately).finished;
  expect(seen.at(-1)).toEqual({ phase: 'failed', message: '导出失败：服务器处理导出时出错，请重新导出' });
});

test('dropped calls are tried again, three in a row at most, then it fails', async () => {
  const dropped = () => new ApiError('NETWORK', '网络异常，请检查网络后重试', 0);
  const recovered = scripted(job(0), [dropped(), new ApiError('HTTP', '服务器返回错误（HTTP 502）', 502), done()]);
  const seen: ExportWatch[] = [];
  await watchExportJob(recovered.calls, (state) => seen.push(state), BASE, immediately).finished;
  expect(seen.at(-1)?.phase).toBe('done');

  const lost = scripted(job(0), [dropped(), dropped(), dropped(), dropped(), done()]);
  const after: ExportWatch[] = [];
  await watchExportJob(lost.calls, (state) => after.push(state), BASE, immediately).finished;
  expect(lost.polled).toHaveLength(4);
  expect(after.at(-1)).toMatchObject({ phase: 'failed', message: '导出失败：网络异常，请检查网络后重试' });
});

test('as an attacker: a link that is not http(s) is never handed to the page', async () => {
  for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '']) {
    expect(downloadLinkOf(done({ url }), BASE)).toBeNull();
    const { calls } = scripted(done({ url }), []);
    const seen: ExportWatch[] = [];
    await watchExportJob(calls, (state) => seen.push(state), BASE, immediately).finished;
    expect(seen.at(-1)).toMatchObject({ phase: 'failed', message: expect.stringContaining('导出失败') });
  }
  expect(downloadLinkOf(done({ url: 'https://cos.example.com/a.csv?sign=1' }), BASE)).toBe(
    'https://cos.example.com/a.csv?sign=1',
  );
});
