/**
 * 导出订单: an export job of any size with the list's current filters (status, creation dates, distributor), its
 * progress polled about once a second, and the download link once the file is ready; a failure in Chinese with a
 * retry. Polling stops when the job ends, when the operator closes the panel and when the screen goes away.
 */
import { onBeforeUnmount, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Progress } from 'tdesign-vue-next/es/progress';
import { ORDER_STATUS } from '../../../../contract/src/labels';
import { api, type OrdersExportFilter } from '../../api';
import { watchExportJob, type ExportWatch } from './export-job';

/** The filters in the operator's words, so the panel says what the file holds. */
function describe(filter: OrdersExportFilter, searchIgnored: boolean): string {
  const parts: string[] = [];
  const labels: Partial<Record<string, { text: string }>> = ORDER_STATUS;
  if (filter.status) parts.push(`状态：${labels[filter.status]?.text ?? filter.status}`);
  if (filter.from || filter.to) parts.push(`下单日期：${filter.from ?? '最早'} 至 ${filter.to ?? '今天'}`);
  if (filter.distributor) parts.push('所选分销员（任一级）的订单');
  const scope = parts.length ? parts.join('；') : '全部订单';
  return searchIgnored ? `${scope}（搜索框的内容不参与导出）` : scope;
}

const percentOf = (watch: ExportWatch): number =>
  watch.phase === 'done' ? 100 : 'job' in watch && watch.job ? Math.floor(watch.job.progress * 100) : 0;

export function useOrdersExport(current: () => { filter: OrdersExportFilter; searchTyped: boolean }) {
  const watch = ref<ExportWatch | null>(null);
  const scope = ref('');
  let running: { stop(): void } | null = null;

  function stop(): void {
    running?.stop();
    running = null;
  }

  function start(): void {
    stop();
    const { filter, searchTyped } = current();
    scope.value = describe(filter, searchTyped);
    running = watchExportJob(
      { start: () => api.startOrdersExport(filter), poll: (jobId) => api.pollOrdersExport(jobId) },
      (state) => (watch.value = state),
      window.location.href,
    );
  }

  function close(): void {
    stop();
    watch.value = null;
  }

  onBeforeUnmount(stop);

  const busy = () => watch.value?.phase === 'starting' || watch.value?.phase === 'running';

  const button = () => (
    <Button variant="outline" loading={busy()} disabled={busy()} onClick={start} data-testid="export-orders">
      导出订单
    </Button>
  );

  const panel = () => {
    const state = watch.value;
    if (!state) return null;
    const job = 'job' in state ? state.job : undefined;
    return (
      <div class="panel export-job" data-testid="orders-export" data-phase={state.phase}>
        <div class="export-job__head">
          <strong>导出订单</strong>
          <span class="muted">{scope.value}</span>
        </div>
        <Progress
          percentage={percentOf(state)}
          status={state.phase === 'failed' ? 'error' : state.phase === 'done' ? 'success' : 'active'}
        />
        <div class="export-job__foot">
          <span data-testid="export-rows">
            {job
              ? `已导出 ${job.rows.toLocaleString('zh-CN')} / ${job.total.toLocaleString('zh-CN')} 行`
              : state.phase === 'starting'
                ? '正在统计符合条件的订单…'
                : '没有开始导出'}
          </span>
          {state.phase === 'done' ? (
            <a
              href={state.url}
              download={state.job.fileName}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="export-link"
            >
              下载 {state.job.fileName}
            </a>
          ) : null}
          {state.phase === 'failed' ? (
            <span class="export-job__error" role="alert" data-testid="export-error">
              {state.message}
            </span>
          ) : null}
          <span class="row-actions">
            {state.phase === 'failed' ? (
              <Button size="small" variant="outline" onClick={start}>
                重新导出
              </Button>
            ) : null}
            <Button size="small" variant="text" onClick={close} data-testid="export-close">
              {busy() ? '停止' : '关闭'}
            </Button>
          </span>
        </div>
      </div>
    );
  };

  return { button, panel };
}
