/**
 * 登录设备: this operator's sessions (when, client address, browser or script), each revocable, and "sign out
 * everywhere". The owner reaches another account's sessions from 账号管理 (`#/sessions?username=`).
 */
import { computed, defineComponent, onMounted, ref, shallowRef, watch } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Tag } from 'tdesign-vue-next/es/tag';
import { Alert } from 'tdesign-vue-next/es/alert';
import { api } from '../api';
import type { SessionRow } from '../api-types';
import { dateTime } from '../format';
import { location } from '../hash-location';
import { session, signOut } from '../session';
import { confirmAction } from '../ui/dialogs';
import { messageOf } from '../ui/errors';
import { showSuccess } from '../ui/notify';
import { PageHeader } from '../ui/PageHeader';

export default defineComponent(() => {
  const rows = shallowRef<SessionRow[]>([]);
  const loading = ref(false);
  const failure = ref('');
  const username = computed(() => location.query.username || session.user?.username || '');
  const own = computed(() => username.value === session.user?.username);

  async function load(): Promise<void> {
    loading.value = true;
    failure.value = '';
    try {
      rows.value = (await api.sessions(own.value ? undefined : username.value)).items;
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      loading.value = false;
    }
  }
  onMounted(load);
  watch(username, load);

  async function revoke(row: SessionRow): Promise<void> {
    const done = await confirmAction({
      header: row.current ? '退出本次登录' : '下线该登录',
      body: () => <p>该登录将立即失效{row.current ? '，你需要重新登录' : ''}。</p>,
      confirmText: '下线',
      danger: true,
      action: () => api.revokeSession(row._id),
    });
    if (!done) return;
    if (row.current) return signOut('已退出登录');
    showSuccess('已下线');
    await load();
  }

  async function revokeAll(): Promise<void> {
    const done = await confirmAction({
      header: own.value ? '退出所有设备' : `下线 ${username.value} 的所有登录`,
      body: () => (
        <p>{own.value ? '你在所有浏览器和脚本中的登录都将失效，包括当前页面。' : '该账号的所有登录都将立即失效。'}</p>
      ),
      confirmText: '全部下线',
      danger: true,
      action: () => api.revokeAllSessions(own.value ? undefined : username.value),
    });
    if (!done) return;
    if (own.value) return signOut('已退出所有设备');
    showSuccess(`已下线 ${done.revoked} 个登录`);
    await load();
  }

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'createdAt', title: '登录时间', cell: (_h, { row }) => dateTime((row as SessionRow).createdAt) },
    { colKey: 'lastSeenAt', title: '最近使用', cell: (_h, { row }) => dateTime((row as SessionRow).lastSeenAt) },
    {
      colKey: 'clientAddress',
      title: '客户端地址',
      cell: (_h, { row }) => <span class="mono">{(row as SessionRow).clientAddress}</span>,
    },
    {
      colKey: 'via',
      title: '方式',
      cell: (_h, { row }) => ((row as SessionRow).via === 'cookie' ? '后台页面' : '脚本（令牌）'),
    },
    {
      colKey: 'userAgent',
      title: '浏览器',
      ellipsis: true,
      cell: (_h, { row }) => (row as SessionRow).userAgent || '—',
    },
    {
      colKey: 'state',
      title: '状态',
      cell: (_h, { row }) => {
        const item = row as SessionRow;
        if (item.current)
          return (
            <Tag theme="primary" variant="light">
              当前
            </Tag>
          );
        if (item.active)
          return (
            <Tag theme="success" variant="light">
              有效
            </Tag>
          );
        return item.revokedAt ? `已下线（${item.revokedBy ?? ''}）` : '已过期';
      },
    },
    {
      colKey: 'actions',
      title: '操作',
      cell: (_h, { row }) =>
        (row as SessionRow).active ? (
          <Button size="small" variant="text" theme="danger" onClick={() => void revoke(row as SessionRow)}>
            下线
          </Button>
        ) : null,
    },
  ];

  return () => (
    <div>
      <PageHeader
        title={own.value ? '登录设备' : `${username.value} 的登录`}
        description="登录 30 分钟不使用即失效，最长 12 小时；怀疑账号泄露时请全部下线并修改密码。"
        actions={() => (
          <Button theme="danger" variant="outline" onClick={() => void revokeAll()}>
            {own.value ? '退出所有设备' : '全部下线'}
          </Button>
        )}
      />
      {failure.value ? <Alert theme="error" message={`加载失败：${failure.value}`} style="margin-bottom:12px" /> : null}
      <div class="panel">
        <Table rowKey="_id" data={rows.value} columns={columns} loading={loading.value} empty="没有登录记录" />
      </div>
    </div>
  );
});
