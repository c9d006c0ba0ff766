/**
 * Distribution rules: levels and rates, binding, recruitment, the freeze window and withdrawal limits. The server's
 * core validates and numbers every change as a new version; orders already paid keep the version they were paid
 * under. Three levels is the legal maximum and comes with a compliance note.
 */
import { defineComponent, onMounted, reactive, ref, shallowRef } from 'vue';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Button } from 'tdesign-vue-next/es/button';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Radio, RadioGroup } from 'tdesign-vue-next/es/radio';
import { Switch } from 'tdesign-vue-next/es/switch';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Loading } from 'tdesign-vue-next/es/loading';
import { BINDING_MODE_LABEL, RECRUITMENT_MODE_LABEL } from '../../../contract/src/labels';
import { LEVEL_RATES_SUM_MESSAGE, MAX_LEVELS, MAX_LEVELS_NOTE } from '../../../contract/src/limits';
import { formatPercent, formatPercentText, formatYuan, parsePercent, parseYuan } from '../../../contract/src/money';
import type { BindingMode, RecruitmentMode } from '../../../contract/src/states';
import { api, ApiError } from '../api';
import type { DistributionRules, RulesChanges, RulesHistory } from '../api-types';
import { dateTime, yuan } from '../format';
import { can } from '../permissions';
import { confirmAction } from '../ui/dialogs';
import { messageOf } from '../ui/errors';
import { choiceField, switchField, textField } from '../ui/fields';
import { showSuccess } from '../ui/notify';
import { PageHeader } from '../ui/PageHeader';

export const APPLIES_TO_NOTE = '规则修改只对此后支付的订单生效；已支付的订单继续按其支付时的规则版本计算佣金。';

const FIELD_NAMES: Record<string, string> = {
  levels: '分销层级',
  levelRatesBp: '各级佣金比例',
  'binding.validityDays': '绑定有效期',
  freezeDays: '冻结天数',
  'withdrawal.minFen': '最低提现金额',
  'withdrawal.maxFenPerRequest': '单次提现上限',
  'withdrawal.dailyCapFen': '每日提现上限',
  'withdrawal.feeBp': '提现手续费',
};

function formOf(rules: DistributionRules) {
  return {
    enabled: rules.enabled,
    levels: rules.levels as number,
    rates: Array.from({ length: MAX_LEVELS }, (_, index) =>
      rules.levelRatesBp[index] === undefined ? '' : formatPercentText(rules.levelRatesBp[index] as number),
    ),
    selfPurchaseCommission: rules.selfPurchaseCommission,
    recruitment: rules.recruitment as RecruitmentMode,
    bindingMode: rules.binding.mode as BindingMode,
    validityDays: rules.binding.validityDays === null ? '' : String(rules.binding.validityDays),
    onlyShoppersWithoutPaidOrder: rules.binding.onlyShoppersWithoutPaidOrder,
    freezeDays: String(rules.freezeDays),
    minYuan: formatYuan(rules.withdrawal.minFen),
    maxYuan: rules.withdrawal.maxFenPerRequest === null ? '' : formatYuan(rules.withdrawal.maxFenPerRequest),
    dailyCapYuan: rules.withdrawal.dailyCapFen === null ? '' : formatYuan(rules.withdrawal.dailyCapFen),
    feePercent: formatPercentText(rules.withdrawal.feeBp),
  };
}

type RulesForm = ReturnType<typeof formOf>;

function optionalFen(text: string): number | null | undefined {
  return text.trim() === '' ? null : (parseYuan(text) ?? undefined);
}

function wholeDays(text: string, min: number, max: number): number | undefined {
  const value = /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return value >= min && value <= max ? value : undefined;
}

/** The changes to send, or the problems the operator should fix first. */
function changesOf(form: RulesForm): { changes?: RulesChanges; problems: string[] } {
  const problems: string[] = [];
  const levels = form.levels as DistributionRules['levels'];
  const rates = form.rates.slice(0, levels).map(parsePercent);
  if (rates.some((bp) => bp === null)) problems.push('各级佣金比例为 0–100 的百分数，最多两位小数');
  else if ((rates as number[]).reduce((a, b) => a + b, 0) > 10000) problems.push(LEVEL_RATES_SUM_MESSAGE);
  const validity = form.validityDays.trim() === '' ? null : wholeDays(form.validityDays, 1, 3650);
  if (validity === undefined) problems.push('绑定有效期为 1–3650 天，留空表示永久');
  const freezeDays = wholeDays(form.freezeDays, 0, 180);
  if (freezeDays === undefined) problems.push('冻结天数为 0–180 的整数');
  const minFen = parseYuan(form.minYuan);
  if (minFen === null) problems.push('最低提现金额以元为单位，最多两位小数');
  const maxFen = optionalFen(form.maxYuan);
  if (maxFen === undefined) problems.push('单次提现上限以元为单位，留空表示不限');
  const dailyCapFen = optionalFen(form.dailyCapYuan);
  if (dailyCapFen === undefined) problems.push('每日提现上限以元为单位，留空表示不限');
  const feeBp = parsePercent(form.feePercent);
  if (feeBp === null) problems.push('提现手续费为 0–100 的百分数，最多两位小数');
  if (problems.length > 0) return { problems };
  return {
    problems,
    changes: {
      enabled: form.enabled,
      levels,
      levelRatesBp: rates as never,
      selfPurchaseCommission: form.selfPurchaseCommission,
      recruitment: form.recruitment,
      binding: {
        mode: form.bindingMode,
        validityDays: validity as number | null,
        onlyShoppersWithoutPaidOrder: form.onlyShoppersWithoutPaidOrder,
      },
      freezeDays: freezeDays as number,
      withdrawal: {
        minFen: minFen as never,
        maxFenPerRequest: maxFen as never,
        dailyCapFen: dailyCapFen as never,
        feeBp: feeBp as never,
      },
    },
  };
}

/** The core's refusal, field by field. */
function problemsOf(error: unknown): string[] {
  if (error instanceof ApiError && error.details?.issues?.length) {
    return error.details.issues.map((issue) => `${FIELD_NAMES[issue.path] ?? issue.path}：${issue.message}`);
  }
  return [messageOf(error)];
}

export default defineComponent(() => {
  const data = shallowRef<RulesHistory>();
  const form = reactive(
    formOf({
      version: 0,
      enabled: true,
      levels: 2,
      levelRatesBp: [],
      commissionBase: 'paid',
      productOverrides: {},
      selfPurchaseCommission: false,
      recruitment: 'open',
      binding: { mode: 'first-touch', validityDays: null, onlyShoppersWithoutPaidOrder: false },
      freezeDays: 7,
      withdrawal: { minFen: 0, maxFenPerRequest: null, dailyCapFen: null, feeBp: 0 },
    } as unknown as DistributionRules),
  );
  const problems = ref<string[]>([]);
  const loadFailure = ref('');
  const saving = ref(false);

  async function load(): Promise<void> {
    loadFailure.value = '';
    try {
      data.value = await api.rules();
      Object.assign(form, formOf(data.value.current));
    } catch (error) {
      loadFailure.value = messageOf(error);
    }
  }
  onMounted(load);

  async function save(): Promise<void> {
    const { changes, problems: found } = changesOf(form);
    problems.value = found;
    if (!changes) return;
    saving.value = true;
    try {
      const saved = await confirmAction({
        header: '保存分销规则',
        confirmText: '保存为新版本',
        body: () => (
          <div>
            <p>
              将保存为 v{(data.value?.current.version ?? 0) + 1}。{APPLIES_TO_NOTE}
            </p>
            {changes.levels === MAX_LEVELS ? <p class="danger-text">{MAX_LEVELS_NOTE}</p> : null}
          </div>
        ),
        action: () =>
          api.saveRules(changes).catch((error: unknown) => {
            problems.value = problemsOf(error);
            throw error;
          }),
      });
      if (saved) {
        showSuccess(`已保存为 v${saved.rules.version}。${saved.appliesTo}`);
        await load();
      }
    } finally {
      saving.value = false;
    }
  }

  const readOnly = () => !can.own();
  type Version = RulesHistory['history'][number];
  const historyColumns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'version', title: '版本', cell: (_h, { row }) => `v${(row as Version).version}` },
    {
      colKey: 'createdAt',
      title: '生效时间',
      cell: (_h, { row }) => ((row as Version).createdAt ? dateTime((row as Version).createdAt) : '初始默认'),
    },
    { colKey: 'createdBy', title: '修改人' },
    {
      colKey: 'rates',
      title: '层级与比例',
      cell: (_h, { row }) =>
        `${(row as Version).rules.levels} 级：${(row as Version).rules.levelRatesBp.map((bp) => formatPercent(bp)).join(' / ')}`,
    },
    {
      colKey: 'recruitment',
      title: '招募',
      cell: (_h, { row }) => RECRUITMENT_MODE_LABEL[(row as Version).rules.recruitment],
    },
    { colKey: 'freezeDays', title: '冻结', cell: (_h, { row }) => `${(row as Version).rules.freezeDays} 天` },
    { colKey: 'min', title: '最低提现', cell: (_h, { row }) => yuan((row as Version).rules.withdrawal.minFen) },
  ];

  return () => {
    if (loadFailure.value) return <Alert theme="error" message={`加载失败：${loadFailure.value}`} />;
    if (!data.value)
      return (
        <div class="screen-message">
          <Loading text="加载中…" />
        </div>
      );
    const disabled = readOnly();
    return (
      <div>
        <PageHeader
          title="分销规则"
          description={`当前版本 v${data.value.current.version}。佣金只来自真实购买，不设拉人头或分享奖励。`}
        />
        <Alert theme="info" message={APPLIES_TO_NOTE} style="margin-bottom:12px" data-testid="applies-note" />
        {form.levels === MAX_LEVELS ? (
          <Alert theme="warning" message={MAX_LEVELS_NOTE} style="margin-bottom:12px" data-testid="compliance-note" />
        ) : null}
        {disabled ? <Alert theme="info" message="只有店主可以修改分销规则。" style="margin-bottom:12px" /> : null}
        <div class="panel">
          <Form labelWidth="150px" colon={false} disabled={disabled} class="form-narrow" data-testid="rules-form">
            <FormItem label="开启分销">
              <Switch {...switchField(form, 'enabled')} />
            </FormItem>
            <FormItem label="分销层级" tips={`最多 ${MAX_LEVELS} 级；默认 2 级`}>
              <RadioGroup {...choiceField(form, 'levels')} variant="default-filled">
                {Array.from({ length: MAX_LEVELS }, (_, index) => (
                  <Radio key={index + 1} value={index + 1}>
                    {index + 1} 级
                  </Radio>
                ))}
              </RadioGroup>
            </FormItem>
            <FormItem label="各级佣金比例" tips="以买家实付（不含运费）为基数，各级之和不超过 100%">
              <div class="field-row">
                {form.rates.slice(0, form.levels).map((rate, index) => (
                  <Input
                    key={index}
                    value={rate}
                    label={`${index + 1} 级`}
                    suffix="%"
                    onChange={(value) => (form.rates[index] = String(value))}
                  />
                ))}
              </div>
            </FormItem>
            <FormItem label="自购返佣" tips="开启后分销员自己购买也计为一级，其邀请人为二级">
              <Switch {...switchField(form, 'selfPurchaseCommission')} />
            </FormItem>
            <FormItem label="招募方式">
              <RadioGroup {...choiceField(form, 'recruitment')}>
                <Radio value="open">{RECRUITMENT_MODE_LABEL.open}（无需审核）</Radio>
                <Radio value="approval">{RECRUITMENT_MODE_LABEL.approval}</Radio>
              </RadioGroup>
            </FormItem>
            <FormItem label="绑定方式">
              <RadioGroup {...choiceField(form, 'bindingMode')}>
                <Radio value="first-touch">{BINDING_MODE_LABEL['first-touch']}</Radio>
                <Radio value="last-touch">{BINDING_MODE_LABEL['last-touch']}</Radio>
              </RadioGroup>
            </FormItem>
            <FormItem
              label="绑定有效期"
              tips={
                form.bindingMode === 'first-touch'
                  ? '首次绑定锁定的天数，到期后可被新邀请人替换；留空为永久'
                  : '保护期天数，期内不被新邀请替换；留空为无保护期'
              }
            >
              <Input {...textField(form, 'validityDays')} suffix="天" placeholder="永久" style="width:200px" />
            </FormItem>
            <FormItem label="仅绑定新客" tips="开启后，已有支付订单的买家不再被绑定或改绑">
              <Switch {...switchField(form, 'onlyShoppersWithoutPaidOrder')} />
            </FormItem>
            <FormItem label="佣金冻结天数" tips="从买家确认收货起算的售后期，期满后佣金可提现">
              <Input {...textField(form, 'freezeDays')} suffix="天" style="width:200px" />
            </FormItem>
            <FormItem label="最低提现金额">
              <Input {...textField(form, 'minYuan')} label="¥" style="width:200px" />
            </FormItem>
            <FormItem label="单次提现上限" tips="留空为不限">
              <Input {...textField(form, 'maxYuan')} label="¥" placeholder="不限" style="width:200px" />
            </FormItem>
            <FormItem label="每日提现上限" tips="留空为不限">
              <Input {...textField(form, 'dailyCapYuan')} label="¥" placeholder="不限" style="width:200px" />
            </FormItem>
            <FormItem label="提现手续费" tips="按申请金额的百分比收取，向下取整到分">
              <Input {...textField(form, 'feePercent')} suffix="%" style="width:200px" />
            </FormItem>
            {problems.value.length > 0 ? (
              <FormItem>
                <Alert theme="error" title="规则未保存" data-testid="rules-problems">
                  {{
                    message: () => (
                      <ul class="problems">
                        {problems.value.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                    ),
                  }}
                </Alert>
              </FormItem>
            ) : null}
            {disabled ? null : (
              <FormItem>
                <Button theme="primary" loading={saving.value} onClick={() => void save()}>
                  保存规则
                </Button>
              </FormItem>
            )}
          </Form>
        </div>
        <div class="panel">
          <h2 class="panel__title">历史版本</h2>
          <Table rowKey="version" size="small" data={data.value.history} columns={historyColumns} />
        </div>
      </div>
    );
  };
});
