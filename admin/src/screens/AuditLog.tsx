/** The audit log for owners: who changed what, when, with the document before and after. */
import { defineComponent, onMounted } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Alert } from 'tdesign-vue-next/es/alert';
import { api } from '../api';
import type { AuditLogRow } from '../api-types';
import { dateTime, shortId } from '../format';
import { textField } from '../ui/fields';
import { usePagedList } from '../ui/paged';
import { PersonCell } from '../ui/PersonCell';
import { PageHeader } from '../ui/PageHeader';

function json(value: unknown): string {
  return value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2);
}

export default defineComponent(() => {
  const list = usePagedList<AuditLogRow, { actor: string; action: string; target: string }>(
    (filters, paging) =>
      api.auditLogs({
        actor: filters.actor.trim() || undefined,
        action: filters.action.trim() || undefined,
        target: filters.target.trim() || undefined,
        ...paging,
      }),
    { actor: '', action: '', target: '' },
  );
  onMounted(list.load);

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'at', title: '时间', cell: (_h, { row }) => dateTime((row as AuditLogRow).at) },
    {
      colKey: 'actor',
      title: '操作人',
      // An operator by username; a shopper (the server names them in `people`) as nickname and masked phone.
      cell: (_h, { row }) => {
        const actor = (row as AuditLogRow).actor;
        return list.people.value[actor] ? <PersonCell openid={actor} people={list.people.value} /> : actor;
      },
    },
    {
      colKey: 'action',
      title: '操作',
      cell: (_h, { row }) => <span title={(row as AuditLogRow).action}>{(row as AuditLogRow).actionLabel}</span>,
    },
    {
      colKey: 'target',
      title: '对象',
      cell: (_h, { row }) => {
        const { object } = row as AuditLogRow;
        const name = (
          <>
            {object.objectName} <span class="mono">{shortId(object.id, 18)}</span>
          </>
        );
        return object.link ? (
          <a href={`#${object.link}`} title={(row as AuditLogRow).target} data-testid="audit-object-link">
            {name}
          </a>
        ) : (
          <span title={(row as AuditLogRow).target}>{name}</span>
        );
      },
    },
    {
      colKey: 'changed',
      title: '变更字段',
      ellipsis: true,
      cell: (_h, { row }) => {
        const entry = row as AuditLogRow;
        if (entry.before === null) return '新建';
        if (entry.after === null) return '删除';
        return entry.changedFields.map((change) => change.label).join('、') || '—';
      },
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="操作日志"
        description="后台的每一次修改都会记录操作人、操作、修改前后的内容和时间。点击行首箭头查看详情。"
      />
      <div class="panel">
        <div class="filters">
          <Input
            {...textField(list.filters, 'actor')}
            placeholder="操作人"
            clearable
            onEnter={() => void list.search()}
            style="width:160px"
          />
          <Input
            {...textField(list.filters, 'action')}
            placeholder="操作，如 order.ship"
            clearable
            onEnter={() => void list.search()}
            style="width:200px"
          />
          <Input
            {...textField(list.filters, 'target')}
            placeholder="对象，如 orders/xxx"
            clearable
            onEnter={() => void list.search()}
            style="width:220px"
          />
          <Button onClick={() => void list.search()}>查询</Button>
        </div>
        {list.error.value ? (
          <Alert theme="error" message={`加载失败：${list.error.value}`} style="margin-bottom:12px" />
        ) : null}
        <Table
          data={list.items.value}
          columns={columns}
          rowKey="_id"
          loading={list.loading.value}
          empty="还没有操作记录"
          hover
          data-testid="audit-table"
          expandIcon
          expandedRow={(_h, { row }) => (
            <div class="diff">
              <div>
                <div class="muted">修改前</div>
                <pre class="json">{json((row as AuditLogRow).before)}</pre>
              </div>
              <div>
                <div class="muted">修改后</div>
                <pre class="json">{json((row as AuditLogRow).after)}</pre>
              </div>
            </div>
          )}
          pagination={{ current: list.page.value, pageSize: list.pageSize.value, total: list.total.value }}
          onPageChange={(info) => void list.changePage(info.current, info.pageSize)}
        />
      </div>
    </div>
  );
});
