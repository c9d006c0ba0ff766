/** A table over a paged list: loading, an empty state, the last error with a retry, and the pager. */
import { defineComponent, type PropType } from 'vue';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Button } from 'tdesign-vue-next/es/button';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import type { PagedList } from './paged';

export const ListTable = defineComponent({
  props: {
    // Any row and filter type: the table renders whatever list a screen hands it, typed at that screen.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    list: { type: Object as PropType<PagedList<any, any>>, required: true },
    columns: { type: Array as PropType<PrimaryTableCol<TableRowData>[]>, required: true },
    rowKey: { type: String, default: '_id' },
    emptyText: { type: String, default: '暂无数据' },
    testId: { type: String, default: '' },
  },
  setup(props) {
    return () => {
      const { list } = props;
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
            pagination={{
              current: list.page.value,
              pageSize: list.pageSize.value,
              total: list.total.value,
              showJumper: false,
              pageSizeOptions: [10, 20, 50],
            }}
            onPageChange={(info) => void list.changePage(info.current, info.pageSize)}
          />
        </div>
      );
    };
  },
});
