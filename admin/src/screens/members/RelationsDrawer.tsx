/** A shopper's place in the distribution tree: the inviters above, the team two levels below, and binding history. */
import { defineComponent, ref, shallowRef, watch, type PropType } from 'vue';
import { Drawer } from 'tdesign-vue-next/es/drawer';
import { Table } from 'tdesign-vue-next/es/table';
import { Tree } from 'tdesign-vue-next/es/tree';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Loading } from 'tdesign-vue-next/es/loading';
import { BINDING_SOURCE_LABEL, DISTRIBUTOR_STATUS } from '../../../../contract/src/labels';
import { api } from '../../api';
import type { BindingDoc, MemberTree, UserDoc } from '../../api-types';
import { dateTime } from '../../format';
import { messageOf } from '../../ui/errors';
import { StatusTag } from '../../ui/StatusTag';
import { PersonCell, personOf, personText } from '../../ui/PersonCell';

interface TreeNode {
  value: string;
  label: string;
  children?: TreeNode[];
}

function teamTree(root: string, tree: MemberTree): TreeNode[] {
  // Tree labels are text: nickname and masked phone, the openid only as the node's value.
  const nameOf = (user: { _id: string }) => personText(personOf(tree.people, user._id));
  const below = new Map<string, UserDoc[]>();
  for (const member of tree.down.level2.members) {
    const inviter = member.inviterOpenid ?? '';
    below.set(inviter, [...(below.get(inviter) ?? []), member]);
  }
  const level1 = tree.down.level1.members.map((member) => ({
    value: member._id,
    label: nameOf(member),
    children: (below.get(member._id) ?? []).map((child) => ({ value: child._id, label: nameOf(child) })),
  }));
  const title = `${nameOf({ _id: root })}（一级 ${tree.down.level1.total} 人，二级 ${tree.down.level2.total} 人）`;
  return [{ value: root, label: title, children: level1 }];
}

export const RelationsDrawer = defineComponent({
  props: {
    openid: { type: String as PropType<string | null>, default: null },
    onClose: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const shown = ref<string | null>(null);
    const tree = shallowRef<MemberTree>();
    const bindings = shallowRef<BindingDoc[]>([]);
    const failure = ref('');

    async function load(openid: string): Promise<void> {
      shown.value = openid;
      tree.value = undefined;
      failure.value = '';
      try {
        const [answer, history] = await Promise.all([api.memberTree(openid), api.bindings(openid)]);
        if (shown.value !== openid) return;
        tree.value = answer;
        bindings.value = history.items;
      } catch (error) {
        failure.value = messageOf(error);
      }
    }

    watch(
      () => props.openid,
      (openid) => {
        if (openid) void load(openid);
      },
      { immediate: true },
    );

    const body = () => {
      if (failure.value) return <Alert theme="error" message={`加载失败：${failure.value}`} />;
      const current = tree.value;
      const openid = shown.value;
      if (!current || !openid)
        return (
          <div class="screen-message">
            <Loading text="加载中…" />
          </div>
        );
      return (
        <div data-testid="relations">
          <p>
            <PersonCell openid={openid} people={current.people} />{' '}
            {current.distributor ? (
              <StatusTag labels={DISTRIBUTOR_STATUS} value={current.distributor.status} />
            ) : (
              <span class="muted">（非分销员）</span>
            )}
          </p>
          <h3 class="panel__title detail-title">上级邀请人</h3>
          {current.up.length === 0 ? (
            <p class="muted">没有上级（自然进店或未绑定）</p>
          ) : (
            <ol class="inviters">
              {current.up.map((inviter) => (
                <li key={inviter.openid}>
                  {inviter.level} 级上级：
                  <PersonCell
                    openid={inviter.openid}
                    people={current.people}
                    onOpen={(next: string) => void load(next)}
                  />
                </li>
              ))}
            </ol>
          )}
          <h3 class="panel__title detail-title">下级团队</h3>
          <Tree
            data={teamTree(openid, current)}
            expandAll
            hover
            line
            onClick={({ node }) => node.value !== openid && void load(String(node.value))}
          />
          <h3 class="panel__title detail-title">绑定记录</h3>
          <Table
            rowKey="at"
            size="small"
            data={bindings.value}
            empty="没有绑定记录"
            columns={[
              { colKey: 'at', title: '时间', cell: (_h, { row }) => dateTime((row as BindingDoc).at) },
              {
                colKey: 'oldInviterOpenid',
                title: '原邀请人',
                cell: (_h, { row }) => (row as BindingDoc).oldInviterOpenid ?? '—',
              },
              { colKey: 'newInviterOpenid', title: '新邀请人' },
              {
                colKey: 'source',
                title: '来源',
                cell: (_h, { row }) => BINDING_SOURCE_LABEL[(row as BindingDoc).source] ?? (row as BindingDoc).source,
              },
              {
                colKey: 'ruleVersion',
                title: '规则版本',
                cell: (_h, { row }) => `v${(row as BindingDoc).ruleVersion}`,
              },
            ]}
          />
        </div>
      );
    };

    return () => (
      <Drawer
        visible={props.openid !== null}
        size="720px"
        header="邀请关系"
        footer={false}
        onClose={() => props.onClose()}
      >
        {body()}
      </Drawer>
    );
  },
});
