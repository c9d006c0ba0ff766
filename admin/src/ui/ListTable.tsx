/**
 * A table over a paged list: loading, an empty state, the last error with a retry, and the pager: numbered pages
 * for a `PagedList`, 上一页/下一页 over cursors for a `KeysetList` (with the total only when the server counts it).
 */
import { defineComponent, type PropType } from 'vue';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Button } from 'tdesign-vue-next/es/button';
import { Select } from 'tdesign-vue-next/es/select';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import type { KeysetList } from './keyset';
import type { PagedList } from './paged';

// Any row and filter type: the table renders whatever list a screen hands it, typed at that screen.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyList = PagedList<any, any> | KeysetList<any, any>;

const PAGE_SIZES = [10, 20, 50];

function isKeyset(list: AnyList): list is KeysetList<unknown, unknown> {
  return 'next' in list;
}

function keysetPager(list: KeysetList<unknown, unknown>) {
  const total = list.total.value;
  return (
    <div class="keyset-pager" data-testid="keyset-pager">
      <span class="muted" data-testid="keyset-pager-position">
        第 {list.pageNumber.value} 页{total === null ? '' : ` · 共 ${total} 条`}
      </span>
      <Select
        value={list.pageSize.value}
        options={PAGE_SIZES.map((size) => ({ label: `${size} 条/页`, value: size }))}
        onChange={(value) => void list.changePageSize(Number(value))}
        style="width:110px"
      />
      <Button
        variant="outline"
        disabled={!list.hasPrevious.value || list.loading.value}
        onClick={() => void list.previous()}
        data-testid="keyset-pager-previous"
      >
        上一页
      </Button>
      <Button
        variant="outline"
        disabled={!list.hasNext.value || list.loading.value}
        onClick={() => void list.next()}
        data-testid="keyset-pager-next"
      >
        下一页
      </Button>
    </div>
  );
}

export const ListTable = defineComponent({
  props: {
    list: { type: Object as PropType<AnyList>, required: true },
    columns: { type: Array as PropType<PrimaryTableCol<TableRowData>[]>, required: true },
    rowKey: { type: String, default: '_id' },
    emptyText: { type: String, default: '暂无数据' },
    testId: { type: String, default: '' },
  },
  setup(props) {
    return () => {
      const { list } = props;
      const keyset = isKeyset(list) ? list : undefined;
      const paged = keyset ? undefined : (list as PagedList<unknown, unknown>);
      return (
        <div class="list-table" data-testid={props.testId || undefined}>
          {list.error.value ? (
            <Alert theme="error" class="list-table__error" message={`加载失败：${list.error.value}`}>
              {{
                operation: () => (
                  <Button variant="text" theme="primary" onClick={() => void list.load()}>
                    重试
                  </Button>
                ),
              }}
            </Alert>
          ) : null}
          <Table
            data={list.items.value}
            columns={props.columns}
            rowKey={props.rowKey}
            loading={list.loading.value}
            empty={list.error.value ? '加载失败' : props.emptyText}
            hover
            tableLayout="auto"
            pagination={
              paged
                ? {
                    current: paged.page.value,
                    pageSize: paged.pageSize.value,
                    total: paged.total.value,
                    showJumper: false,
                    pageSizeOptions: PAGE_SIZES,
                  }
                : undefined
            }
            onPageChange={(info) => void paged?.changePage(info.current, info.pageSize)}
          />
          {keyset ? keysetPager(keyset) : null}
        </div>
      );
    };
  },
});
