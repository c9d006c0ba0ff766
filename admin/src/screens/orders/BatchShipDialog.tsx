/**
 * Batch shipping: the operator pastes or opens a CSV (订单号,快递公司,运单号; a header row is fine) and gets one
 * outcome per line. Each line ships through the same workflow as the single ship action, so an order with an open
 * after-sale is refused (AFTER_SALE_OPEN) and reported, never shipped.
 */
import { defineComponent, ref, type PropType } from 'vue';
import { Dialog } from 'tdesign-vue-next/es/dialog';
import { Textarea } from 'tdesign-vue-next/es/textarea';
import { api, type BatchShipReport } from '../../api';
import { messageOf } from '../../ui/errors';

export const BatchShipDialog = defineComponent({
  props: {
    visible: { type: Boolean, required: true },
    onClose: { type: Function as PropType<() => void>, required: true },
    onShipped: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const csv = ref('');
    const busy = ref(false);
    const failure = ref('');
    const report = ref<BatchShipReport | null>(null);

    async function readFile(event: Event): Promise<void> {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) csv.value = await file.text();
    }

    async function submit(): Promise<void> {
      if (!csv.value.trim()) {
        failure.value = '请粘贴或选择 CSV 文件';
        return;
      }
      busy.value = true;
      failure.value = '';
      try {
        report.value = await api.shipBatch(csv.value);
        if (report.value.shipped > 0) props.onShipped();
      } catch (error) {
        failure.value = messageOf(error);
      } finally {
        busy.value = false;
      }
    }

    function close(): void {
      csv.value = '';
      report.value = null;
      failure.value = '';
      props.onClose();
    }

    return () => (
      <Dialog
        visible={props.visible}
        header="批量发货"
        confirmBtn={report.value ? null : { content: '开始发货', loading: busy.value }}
        cancelBtn={report.value ? '完成' : '取消'}
        onConfirm={() => void submit()}
        onClose={close}
        onCancel={close}
        width="min(640px, 96vw)"
      >
        {report.value ? (
          <div data-testid="batch-ship-report">
            <p>
              成功 {report.value.shipped} 单，失败 {report.value.failed} 单
            </p>
            <table class="plain-table">
              <thead>
                <tr>
                  <th>行</th>
                  <th>订单号</th>
                  <th>结果</th>
                </tr>
              </thead>
              <tbody>
                {report.value.results.map((row) => (
                  <tr key={row.line} class={row.ok ? '' : 'row-failed'}>
                    <td>{row.line}</td>
                    <td class="mono">{row.orderNo}</td>
                    <td>{row.ok ? '已发货' : (row.error?.message ?? '失败')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <div>
            <p class="muted">每行：订单号,快递公司,运单号（可含表头；可从 Excel 另存为 CSV）。</p>
            <input type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event)} />
            <Textarea
              value={csv.value}
              placeholder={'订单号,快递公司,运单号\n202612030001,顺丰速运,SF1234567890'}
              autosize={{ minRows: 6, maxRows: 14 }}
              onChange={(value) => (csv.value = String(value))}
              data-testid="batch-ship-csv"
            />
            {failure.value ? (
              <p class="dialog-error" role="alert">
                {failure.value}
              </p>
            ) : null}
          </div>
        )}
      </Dialog>
    );
  },
});
