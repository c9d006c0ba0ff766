/** Accounts, for the owner: operator and finance accounts, new accounts, password resets and their sessions. */
import { defineComponent, onMounted, reactive, ref, shallowRef } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Dialog } from 'tdesign-vue-next/es/dialog';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Radio, RadioGroup } from 'tdesign-vue-next/es/radio';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Alert } from 'tdesign-vue-next/es/alert';
import { ROLE_LABEL } from '../../../contract/src/labels';
import { api } from '../api';
import type { OperatorAccount, OperatorRole } from '../api-types';
import { dateTime } from '../format';
import { navigate } from '../hash-location';
import { askText } from '../ui/dialogs';
import { messageOf } from '../ui/errors';
import { choiceField, textField } from '../ui/fields';
import { showSuccess } from '../ui/notify';
import { PageHeader } from '../ui/PageHeader';

export default defineComponent(() => {
  const accounts = shallowRef<OperatorAccount[]>([]);
  const loading = ref(false);
  const loadFailure = ref('');
  const creating = ref(false);
  const form = reactive({ username: '', password: '', role: 'operator' as OperatorRole });
  const failure = ref('');
  const saving = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    loadFailure.value = '';
    try {
      accounts.value = (await api.operators()).items;
    } catch (error) {
      loadFailure.value = messageOf(error);
    } finally {
      loading.value = false;
    }
  }
  onMounted(load);

  async function create(): Promise<void> {
    saving.value = true;
    failure.value = '';
    try {
      await api.createOperator(form.username.trim(), form.password, form.role);
      showSuccess(`已创建账号 ${form.username.trim()}`);
      creating.value = false;
      Object.assign(form, { username: '', password: '', role: 'operator' });
      await load();
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      saving.value = false;
    }
  }

  async function resetPassword(account: OperatorAccount): Promise<void> {
    const done = await askText({
      header: `重置 ${account.username} 的密码`,
      label: '新密码',
      placeholder: '至少 8 位',
      confirmText: '重置',
      maxLength: 128,
      note: () => <p>重置后该账号的所有登录立即失效。</p>,
      action: (password) => api.setOperatorPassword(account.username, password),
    });
    if (done) {
      showSuccess('密码已重置');
      await load();
    }
  }

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'username', title: '用户名' },
    { colKey: 'role', title: '角色', cell: (_h, { row }) => ROLE_LABEL[(row as OperatorAccount).role] },
    { colKey: 'createdAt', title: '创建时间', cell: (_h, { row }) => dateTime((row as OperatorAccount).createdAt) },
    {
      colKey: 'actions',
      title: '操作',
      cell: (_h, { row }) => (
        <>
          <Button
            size="small"
            variant="text"
            theme="primary"
            onClick={() => void resetPassword(row as OperatorAccount)}
          >
            重置密码
          </Button>
          <Button
            size="small"
            variant="text"
            theme="primary"
            onClick={() => navigate('/sessions', { username: (row as OperatorAccount).username })}
          >
            登录设备
          </Button>
        </>
      ),
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="账号管理"
        description="店主管理全部；运营负责商品、订单、售后、分销员与素材；财务负责提现。"
        actions={() => (
          <Button theme="primary" onClick={() => (creating.value = true)}>
            新建账号
          </Button>
        )}
      />
      {loadFailure.value ? (
        <Alert theme="error" message={`加载失败：${loadFailure.value}`} style="margin-bottom:12px" />
      ) : null}
      <div class="panel">
        <Table rowKey="username" data={accounts.value} columns={columns} loading={loading.value} empty="没有账号" />
      </div>
      <Dialog
        visible={creating.value}
        header="新建账号"
        width="480px"
        confirmBtn={{ content: '创建', loading: saving.value }}
        cancelBtn="取消"
        onConfirm={() => void create()}
        onClose={() => (creating.value = false)}
      >
        <Form labelWidth="80px" colon={false}>
          <FormItem label="用户名" tips="3–32 位小写字母、数字、_ . -，以字母开头">
            <Input {...textField(form, 'username')} />
          </FormItem>
          <FormItem label="密码" tips="至少 8 位">
            <Input {...textField(form, 'password')} type="password" />
          </FormItem>
          <FormItem label="角色">
            <RadioGroup {...choiceField(form, 'role')}>
              <Radio value="operator">{ROLE_LABEL.operator}</Radio>
              <Radio value="finance">{ROLE_LABEL.finance}</Radio>
            </RadioGroup>
          </FormItem>
        </Form>
        {failure.value ? (
          <p class="dialog-error" role="alert">
            {failure.value}
          </p>
        ) : null}
      </Dialog>
    </div>
  );
});
