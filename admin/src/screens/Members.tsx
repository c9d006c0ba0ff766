/** Shoppers: who they are, what they spent, who invited them, and their place in the tree. */
import { defineComponent, onMounted, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { BINDING_SOURCE_LABEL, DISTRIBUTOR_STATUS } from '../../../contract/src/labels';
import { api } from '../api';
import type { MemberRow } from '../api-types';
import { dateTime, yuan } from '../format';
import { location } from '../hash-location';
import { can } from '../permissions';
import { showSuccess } from '../ui/notify';
import { eraseMember } from './members/erase-member';
import { textField } from '../ui/fields';
import { ListTable } from '../ui/ListTable';
import { PersonCell, personOf, personText } from '../ui/PersonCell';
import { useKeysetList } from '../ui/keyset';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { RelationsDrawer } from './members/RelationsDrawer';

export default defineComponent(() => {
  const list = useKeysetList<MemberRow, { q: string; inviter: string }>(
    (filters, paging) =>
      api.members({ q: filters.q.trim() || undefined, inviter: filters.inviter.trim() || undefined, ...paging }),
    { q: '', inviter: location.query.inviter ?? '' },
  );
  const relationsOf = ref<string | null>(null);
  onMounted(list.load);

  async function erase(member: MemberRow): Promise<void> {
    const report = await eraseMember(member);
    if (report) {
      const who = personText(personOf(list.people.value, member._id));
      showSuccess(`已删除 ${who} 的个人信息（${report.orders} 个订单的收货信息）`);
      await list.load();
    }
  }

  const columns: PrimaryTableCol<TableRowData>[] = [
    {
      colKey: '_id',
      title: '会员',
      cell: (_h, { row }) => (
        <div>
          <PersonCell openid={(row as MemberRow)._id} people={list.people.value} />
          {(row as MemberRow).erasedAt ? <div class="muted">个人信息已删除</div> : null}
        </div>
      ),
    },
    { colKey: 'createdAt', title: '注册时间', cell: (_h, { row }) => dateTime((row as MemberRow).createdAt) },
    {
      colKey: 'inviterOpenid',
      title: '邀请人',
      cell: (_h, { row }) => {
        const inviter = (row as MemberRow).inviterOpenid;
        return inviter ? (
          <PersonCell openid={inviter} people={list.people.value} onOpen={(openid) => (relationsOf.value = openid)} />
        ) : (
          <span class="muted">—</span>
        );
      },
    },
    {
      colKey: 'boundAt',
      title: '绑定',
      cell: (_h, { row }) => {
        const member = row as MemberRow;
        return member.boundAt
          ? `${dateTime(member.boundAt)} · ${member.bindingSource ? BINDING_SOURCE_LABEL[member.bindingSource] : ''}`
          : '—';
      },
    },
    { colKey: 'paidOrderCount', title: '已付订单', align: 'right' },
    {
      colKey: 'spentFen',
      title: '消费金额',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as MemberRow).spentFen)}</span>,
    },
    {
      colKey: 'refundedFen',
      title: '已退款',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as MemberRow).refundedFen)}</span>,
    },
    {
      colKey: 'distributorStatus',
      title: '分销员',
      cell: (_h, { row }) =>
        (row as MemberRow).distributorStatus ? (
          <StatusTag labels={DISTRIBUTOR_STATUS} value={(row as MemberRow).distributorStatus} />
        ) : (
          <span class="muted">否</span>
        ),
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) => (
        <span class="row-actions">
          <Button
            size="small"
            variant="text"
            theme="primary"
            onClick={() => (relationsOf.value = (row as MemberRow)._id)}
          >
            邀请关系
          </Button>
          {can.own() && !(row as MemberRow).erasedAt ? (
            <Button size="small" variant="text" theme="danger" onClick={() => void erase(row as MemberRow)}>
              删除个人信息
            </Button>
          ) : null}
        </span>
      ),
    },
  ];

  return () => (
    <div>
      <PageHeader title="会员" description="消费金额为已支付且未取消订单的实付合计（含之后的退款，退款另列）。" />
      <div class="panel">
        <div class="filters">
          <Input
            {...textField(list.filters, 'q')}
            placeholder="昵称 / 手机号 / openid"
            clearable
            onEnter={() => void list.search()}
            style="width:220px"
          />
          <Input
            {...textField(list.filters, 'inviter')}
            placeholder="邀请人 openid"
            clearable
            onEnter={() => void list.search()}
            style="width:220px"
          />
          <Button onClick={() => void list.search()}>查询</Button>
        </div>
        <ListTable list={list} columns={columns} emptyText="还没有会员" testId="members-table" />
      </div>
      <RelationsDrawer openid={relationsOf.value} onClose={() => (relationsOf.value = null)} />
    </div>
  );
});
