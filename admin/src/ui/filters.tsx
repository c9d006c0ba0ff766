/**
 * The filter controls the list screens (orders, refunds, withdrawals, distributors) share: a status select and a
 * date range that search as soon as they change, and the CSV export button with its busy state.
 */
import { ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { DateRangePicker } from 'tdesign-vue-next/es/date-picker';
import { Select } from 'tdesign-vue-next/es/select';
import { optionsOf, type Label } from '../../../contract/src/labels';
import { showError, showSuccess } from './notify';

interface Searchable<F> {
  filters: F;
  search(): Promise<unknown> | void;
}

export function statusFilter<K extends string>(
  list: Searchable<{ status: string }>,
  labels: Record<K, Label>,
  width: string,
) {
  return (
    <Select
      value={list.filters.status}
      placeholder="全部状态"
      clearable
      options={optionsOf(labels)}
      onChange={(value) => {
        list.filters.status = String(value ?? '');
        void list.search();
      }}
      style={`width:${width}`}
    />
  );
}

export function dateRangeFilter(list: Searchable<{ range: string[] }>, startPlaceholder: string) {
  return (
    <DateRangePicker
      value={list.filters.range}
      placeholder={[startPlaceholder, '结束日期']}
      clearable
      onChange={(value) => {
        list.filters.range = (value ?? []).map(String);
        void list.search();
      }}
    />
  );
}

/** A CSV export: `download` resolves to the file name the browser saved. */
export function useCsvExport(download: () => Promise<string>) {
  const exporting = ref(false);
  async function run(): Promise<void> {
    exporting.value = true;
    try {
      showSuccess(`已导出 ${await download()}`);
    } catch (error) {
      showError(error);
    } finally {
      exporting.value = false;
    }
  }
  return () => (
    <Button variant="outline" loading={exporting.value} onClick={() => void run()}>
      导出 CSV
    </Button>
  );
}
