/**
 * Distributors: applications to approve or reject with a reason (when recruitment needs approval), and the list with
 * team size, sales they brought in, commission earned, balances and debt; disable and enable; the inviter tree.
 */
import { defineComponent, onMounted, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Tabs, TabPanel } from 'tdesign-vue-next/es/tabs';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { DISTRIBUTOR_STATUS } from '../../../contract/src/labels';
import { api } from '../api';
import type { DistributorDoc, DistributorRow } from '../api-types';
import { dateTime, yuan } from '../format';
import { can } from '../permissions';
import { navigate } from '../hash-location';
import { askText, confirmAction } from '../ui/dialogs';
import { textField } from '../ui/fields';
import { ListTable } from '../ui/ListTable';
import { statusFilter } from '../ui/filters';
import { showSuccess } from '../ui/notify';
import { useKeysetList } from '../ui/keyset';
import { usePagedList } from '../ui/paged';
import { PersonCell } from '../ui/PersonCell';
import { PageHeader } from '../ui/PageHeader';
import { StatusTag } from '../ui/StatusTag';
import { RelationsDrawer } from './members/RelationsDrawer';
import { GradeEditor } from './distributors/GradeEditor';
import { RiskList } from './distributors/RiskList';
import { PosterBackgrounds } from './distributors/PosterBackgrounds';
import { Tag } from 'tdesign-vue-next/es/tag';

const who = (distributor: DistributorDoc) => distributor.application?.name ?? distributor.nickname ?? distributor._id;

export default defineComponent(() => {
  type Tab = 'applications' | 'list' | 'risks' | 'grades' | 'posters';
  const tab = ref<Tab>('applications');
  const riskKey = ref(0);
  const applications = usePagedList<DistributorDoc, object>((_filters, paging) => api.applications(paging), {});
  const list = useKeysetList<DistributorRow, { status: string; q: string }>(
    (filters, paging) =>
      api.distributors({ status: filters.status || undefined, q: filters.q.trim() || undefined, ...paging }),
    { status: '', q: '' },
  );
  const relationsOf = ref<string | null>(null);
  onMounted(() => {
    void applications.load().then(() => {
      if (applications.total.value === 0) tab.value = 'list';
    });
    void list.load();
  });

  const reload = () => Promise.all([applications.load(), list.load()]);

  async function approve(applicant: DistributorDoc): Promise<void> {
    const done = await confirmAction({
      header: '通过分销员申请',
      confirmText: '通过',
      body: () => (
        <p>
          通过 {who(applicant)}（{applicant.application?.phone ?? '未留电话'}）的申请后，TA 分享的商品成交即可获得佣金。
        </p>
      ),
      action: () => api.approveDistributor(applicant._id),
    });
    if (done) {
      showSuccess(`已通过 ${who(applicant)} 的申请`);
      await reload();
    }
  }

  async function reject(applicant: DistributorDoc): Promise<void> {
    const done = await askText({
      header: '拒绝分销员申请',
      label: '拒绝原因',
      placeholder: '申请人会看到这个原因',
      confirmText: '拒绝',
      danger: true,
      multiline: true,
      action: (reason) => api.rejectDistributor(applicant._id, reason),
    });
    if (done) {
      showSuccess('已拒绝申请');
      await reload();
    }
  }

  async function setEnabled(distributor: DistributorRow, enable: boolean): Promise<void> {
    const done = await confirmAction({
      header: enable ? '恢复分销员' : '禁用分销员',
      confirmText: enable ? '恢复' : '禁用',
      danger: !enable,
      body: () =>
        enable ? (
          <p>恢复后，{who(distributor)} 之后推广成交的订单将重新计算佣金。</p>
        ) : (
          <p>禁用后，{who(distributor)} 不再获得新订单的佣金，也不能发展新的下级；已产生的佣金和余额不受影响。</p>
        ),
      action: () => (enable ? api.enableDistributor(distributor._id) : api.disableDistributor(distributor._id)),
    });
    if (done) {
      showSuccess(enable ? '已恢复' : '已禁用');
      await list.load();
    }
  }

  /** 风控冻结: holds settlement, withdrawals and payouts, and new bindings; the distributor reads the reason. */
  async function freeze(openid: string): Promise<void> {
    const done = await askText({
      header: '冻结分销员（风控）',
      label: '冻结原因',
      placeholder: '分销员会在分销中心看到这个原因',
      confirmText: '冻结',
      danger: true,
      multiline: true,
      note: () => (
        <p>
          冻结期间：佣金不结算、不能提现，待处理的提现不能审核或打款，新用户不能绑定到
          TA。已赚的佣金仍然保留，解冻后照常结算。
        </p>
      ),
      action: (reason) => api.freezeDistributor(openid, reason),
    });
    if (done) {
      showSuccess('已冻结');
      riskKey.value++;
      await list.load();
    }
  }

  async function unfreeze(distributor: DistributorRow): Promise<void> {
    const done = await confirmAction({
      header: '解除冻结',
      confirmText: '解冻',
      body: () => <p>解冻后，{who(distributor)} 的佣金在下次结算时照常结算，提现恢复。</p>,
      action: () => api.unfreezeDistributor(distributor._id),
    });
    if (done) {
      showSuccess('已解冻');
      await list.load();
    }
  }

  const applicationColumns: PrimaryTableCol<TableRowData>[] = [
    {
      colKey: 'createdAt',
      title: '申请时间',
      cell: (_h, { row }) => dateTime((row as DistributorDoc).application?.at ?? (row as DistributorDoc).createdAt),
    },
    { colKey: 'name', title: '姓名', cell: (_h, { row }) => (row as DistributorDoc).application?.name ?? '—' },
    { colKey: 'phone', title: '手机', cell: (_h, { row }) => (row as DistributorDoc).application?.phone ?? '—' },
    {
      colKey: 'reason',
      title: '申请理由',
      ellipsis: true,
      cell: (_h, { row }) => (row as DistributorDoc).application?.reason || '—',
    },
    {
      colKey: '_id',
      title: '微信用户',
      cell: (_h, { row }) => <PersonCell openid={(row as DistributorDoc)._id} people={applications.people.value} />,
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) =>
        can.runShop() ? (
          <span class="row-actions">
            <Button size="small" theme="primary" onClick={() => void approve(row as DistributorDoc)}>
              通过
            </Button>
            <Button size="small" theme="danger" variant="outline" onClick={() => void reject(row as DistributorDoc)}>
              拒绝
            </Button>
          </span>
        ) : null,
    },
  ];

  const listColumns: PrimaryTableCol<TableRowData>[] = [
    {
      colKey: '_id',
      title: '分销员',
      cell: (_h, { row }) => (
        <div>
          <PersonCell openid={(row as DistributorRow)._id} people={list.people.value} />
          {(row as DistributorRow).application?.name ? (
            <div class="muted">{(row as DistributorRow).application?.name}</div>
          ) : null}
        </div>
      ),
    },
    {
      colKey: 'inviteCode',
      title: '邀请码',
      cell: (_h, { row }) => <span class="mono">{(row as DistributorRow).inviteCode}</span>,
    },
    {
      colKey: 'status',
      title: '状态',
      cell: (_h, { row }) => (
        <span>
          <StatusTag labels={DISTRIBUTOR_STATUS} value={(row as DistributorRow).status} />
          {(row as DistributorRow).freeze ? (
            <Tag theme="danger" variant="light" title={(row as DistributorRow).freeze?.reason}>
              已冻结
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      colKey: 'team',
      title: '团队（一级 / 二级）',
      cell: (_h, { row }) => `${(row as DistributorRow).team.level1} / ${(row as DistributorRow).team.level2}`,
    },
    {
      colKey: 'sales',
      title: '推广成交',
      align: 'right',
      cell: (_h, { row }) => (
        <span class="money">
          {yuan((row as DistributorRow).sales.salesFen)}
          <div class="muted">{(row as DistributorRow).sales.orders} 单</div>
        </span>
      ),
    },
    {
      colKey: 'earnedFen',
      title: '累计佣金',
      align: 'right',
      cell: (_h, { row }) => <span class="money">{yuan((row as DistributorRow).earnedFen)}</span>,
    },
    {
      colKey: 'balances',
      title: '可提现 / 冻结',
      align: 'right',
      cell: (_h, { row }) => {
        const { balances } = row as DistributorRow;
        return (
          <span class="money">
            {yuan(balances.available)} / {yuan(balances.frozen)}
          </span>
        );
      },
    },
    {
      colKey: 'debt',
      title: '欠款',
      align: 'right',
      cell: (_h, { row }) => {
        const debt = (row as DistributorRow).balances.debt;
        return <span class={debt > 0 ? 'money danger-text' : 'money'}>{yuan(debt)}</span>;
      },
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) => {
        const distributor = row as DistributorRow;
        return (
          <span class="row-actions">
            <Button size="small" variant="text" theme="primary" onClick={() => (relationsOf.value = distributor._id)}>
              关系
            </Button>
            <Button
              size="small"
              variant="text"
              theme="primary"
              onClick={() => navigate('/orders', { distributor: distributor._id })}
            >
              订单
            </Button>
            {can.runShop() && distributor.status === 'approved' ? (
              <Button size="small" variant="text" theme="danger" onClick={() => void setEnabled(distributor, false)}>
                禁用
              </Button>
            ) : null}
            {can.runShop() && !distributor.freeze ? (
              <Button size="small" variant="text" theme="danger" onClick={() => void freeze(distributor._id)}>
                冻结
              </Button>
            ) : null}
            {can.runShop() && distributor.freeze ? (
              <Button size="small" variant="text" theme="primary" onClick={() => void unfreeze(distributor)}>
                解冻
              </Button>
            ) : null}
            {can.runShop() && distributor.status === 'disabled' ? (
              <Button size="small" variant="text" theme="primary" onClick={() => void setEnabled(distributor, true)}>
                恢复
              </Button>
            ) : null}
          </span>
        );
      },
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="分销员"
        description="推广成交为该分销员作为一级上级带来的已支付订单；累计佣金含各级，已扣除退款冲回。"
      />
      <div class="panel">
        <Tabs value={tab.value} onChange={(value) => (tab.value = value as Tab)}>
          <TabPanel
            value="applications"
            label={`待审核申请${applications.total.value ? `（${applications.total.value}）` : ''}`}
            panel={() => (
              <div style="margin-top:12px">
                <ListTable
                  list={applications}
                  columns={applicationColumns}
                  emptyText="没有待审核的申请"
                  testId="applications-table"
                />
              </div>
            )}
          />
          <TabPanel
            value="list"
            label="分销员列表"
            panel={() => (
              <div>
                <div class="filters" style="margin-top:12px">
                  {statusFilter(list, DISTRIBUTOR_STATUS, '140px')}
                  <Input
                    {...textField(list.filters, 'q')}
                    placeholder="昵称 / 手机号 / 邀请码 / openid"
                    clearable
                    onEnter={() => void list.search()}
                    style="width:240px"
                  />
                  <Button onClick={() => void list.search()}>查询</Button>
                  <Button
                    variant="outline"
                    onClick={() => void api.exportDistributors({ status: list.filters.status || undefined })}
                  >
                    导出分销员
                  </Button>
                  <Button variant="outline" onClick={() => void api.exportCommissions({})}>
                    导出佣金明细
                  </Button>
                </div>
                <ListTable list={list} columns={listColumns} emptyText="还没有分销员" testId="distributors-table" />
              </div>
            )}
          />
          <TabPanel
            value="risks"
            label="风控名单"
            panel={() => <RiskList key={riskKey.value} onFreeze={(openid: string) => void freeze(openid)} />}
          />
          <TabPanel value="grades" label="分销等级" panel={() => <GradeEditor />} />
          <TabPanel value="posters" label="海报背景" panel={() => <PosterBackgrounds />} />
        </Tabs>
      </div>
      <RelationsDrawer openid={relationsOf.value} onClose={() => (relationsOf.value = null)} />
    </div>
  );
});
