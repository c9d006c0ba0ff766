/** The audit log for owners: who changed what, when, with the document before and after. */
import { defineComponent, onMounted } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Alert } from 'tdesign-vue-next/es/alert';
import { api } from '../api';
import type { AuditLogDoc } from '../api-types';
import { dateTime } from '../format';
import { textField } from '../ui/fields';
import { usePagedList } from '../ui/paged';
import { PersonCell } from '../ui/PersonCell';
import { PageHeader } from '../ui/PageHeader';

const ACTION_LABEL: Record<string, string> = {
  'product.create': '新建商品',
  'product.update': '编辑商品',
  'product.shelve': '上架商品',
  'product.unshelve': '下架商品',
  'category.create': '新建分类',
  'order.ship': '订单发货',
  'refund.approve': '同意退款',
  'refund.reject': '拒绝退款',
  'distributor.approve': '通过分销员',
  'distributor.reject': '拒绝分销员',
  'distributor.disable': '禁用分销员',
  'distributor.enable': '恢复分销员',
  'withdrawal.approve': '通过提现',
  'withdrawal.reject': '拒绝提现',
  'withdrawal.paid': '提现已打款',
  'withdrawal.fail': '提现打款失败',
  'withdrawal.retry': '提现重新打款',
  'material.create': '新建素材',
  'material.update': '编辑素材',
  'material.delete': '删除素材',
  'settings.store': '修改店铺设置',
  'settings.distribution': '修改分销规则',
  'operator.create': '新建账号',
  'operator.password': '重置密码',
  'operator.lock': '账号锁定（旧记录）',
  'session.signInFailed': '登录失败',
  'session.revoke': '下线登录',
  'session.revokeAll': '全部下线',
};

function json(value: unknown): string {
  return value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2);
}

/** Top-level fields that differ, so the operator sees the change before reading the documents. */
function changedFields(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

export default defineComponent(() => {
  const list = usePagedList<AuditLogDoc, { actor: string; action: string; target: string }>(
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
    { colKey: 'at', title: '时间', cell: (_h, { row }) => dateTime((row as AuditLogDoc).at) },
    {
      colKey: 'actor',
      title: '操作人',
      // An operator by username; a shopper (the server names them in `people`) as nickname and masked phone.
      cell: (_h, { row }) => {
        const actor = (row as AuditLogDoc).actor;
        return list.people.value[actor] ? <PersonCell openid={actor} people={list.people.value} /> : actor;
      },
    },
    {
      colKey: 'action',
      title: '操作',
      cell: (_h, { row }) => (
        <span title={(row as AuditLogDoc).action}>
          {ACTION_LABEL[(row as AuditLogDoc).action] ?? (row as AuditLogDoc).action}
        </span>
      ),
    },
    { colKey: 'target', title: '对象', cell: (_h, { row }) => <span class="mono">{(row as AuditLogDoc).target}</span> },
    {
      colKey: 'changed',
      title: '变更字段',
      ellipsis: true,
      cell: (_h, { row }) => {
        const entry = row as AuditLogDoc;
        if (entry.before === null) return '新建';
        if (entry.after === null) return '删除';
        return changedFields(entry.before, entry.after).join('、') || '—';
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
                <pre class="json">{json((row as AuditLogDoc).before)}</pre>
              </div>
              <div>
                <div class="muted">修改后</div>
                <pre class="json">{json((row as AuditLogDoc).after)}</pre>
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
