/**
 * 分销等级 editor. Each grade after the first has up to three conditions, all on the distributor's OWN results
 * (direct customers' kept sales, settled direct commission, number of direct customers); there is deliberately no
 * way to pick recruits or a team's volume (拉人头 / 团队计酬), and the server refuses them anyway.
 */
import { defineComponent, onMounted, reactive, ref } from 'vue';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Radio, RadioGroup } from 'tdesign-vue-next/es/radio';
import { Switch } from 'tdesign-vue-next/es/switch';
import { formatPercentText, formatYuan, parsePercent, parseYuan } from '../../../../contract/src/money';
import { api } from '../../api';
import type { GradeProgram } from '../../api-types';
import { can } from '../../permissions';
import { messageOf } from '../../ui/errors';
import { showSuccess } from '../../ui/notify';

interface GradeForm {
  id: string;
  name: string;
  kind: 'uplift' | 'rates';
  uplift: string;
  rates: string;
  sales: string;
  commission: string;
  customers: string;
  logic: 'any' | 'all';
  keepDays: string;
}

function formOf(program: GradeProgram): GradeForm[] {
  return program.grades.map((grade) => {
    const condition = (metric: string) => grade.conditions.find((c) => c.metric === metric)?.atLeast;
    const money = (fen: number | undefined) => (fen === undefined ? '' : formatYuan(fen));
    return {
      id: grade.id,
      name: grade.name,
      kind: grade.rates.kind,
      uplift: grade.rates.kind === 'uplift' ? formatPercentText(grade.rates.upliftBp) : '',
      rates: grade.rates.kind === 'rates' ? grade.rates.levelRatesBp.map(formatPercentText).join(' / ') : '',
      sales: money(condition('directSalesFen')),
      commission: money(condition('settledCommissionFen')),
      customers: condition('directCustomers')?.toString() ?? '',
      logic: grade.logic,
      keepDays: grade.keepDays?.toString() ?? '',
    };
  });
}

class FormError extends Error {}

function programOf(enabled: boolean, grades: GradeForm[]): GradeProgram {
  const percent = (text: string, what: string) => {
    const bp = parsePercent(text.trim());
    if (bp === null) throw new FormError(`${what}应为百分比，例如 2 或 2.5`);
    return bp;
  };
  return {
    enabled,
    grades: grades.map((g, index) => {
      const conditions = [];
      if (g.sales.trim()) {
        const fen = parseYuan(g.sales.trim());
        if (fen === null) throw new FormError(`「${g.name}」的销售额应为元，例如 1000.00`);
        conditions.push({ metric: 'directSalesFen' as const, atLeast: fen });
      }
      if (g.commission.trim()) {
        const fen = parseYuan(g.commission.trim());
        if (fen === null) throw new FormError(`「${g.name}」的已结算佣金应为元`);
        conditions.push({ metric: 'settledCommissionFen' as const, atLeast: fen });
      }
      if (g.customers.trim()) {
        const count = Number(g.customers.trim());
        if (!Number.isInteger(count) || count < 0) throw new FormError(`「${g.name}」的客户数应为整数`);
        conditions.push({ metric: 'directCustomers' as const, atLeast: count });
      }
      const keep = g.keepDays.trim() === '' ? null : Number(g.keepDays.trim());
      return {
        id: g.id || `g${index + 1}`,
        name: g.name.trim(),
        rates:
          g.kind === 'uplift'
            ? { kind: 'uplift' as const, upliftBp: percent(g.uplift || '0', '加成') }
            : { kind: 'rates' as const, levelRatesBp: g.rates.split('/').map((r) => percent(r, '比例')) },
        conditions: index === 0 ? [] : conditions,
        logic: g.logic,
        keepDays: keep,
      };
    }),
  };
}

const blank = (index: number): GradeForm => ({
  id: `g${index + 1}`,
  name: '',
  kind: 'uplift',
  uplift: '0',
  rates: '',
  sales: '',
  commission: '',
  customers: '',
  logic: 'all',
  keepDays: '',
});

export const GradeEditor = defineComponent(() => {
  const state = reactive({ enabled: false, grades: [] as GradeForm[] });
  const error = ref('');
  const saving = ref(false);
  onMounted(async () => {
    try {
      const { program } = await api.gradeProgram();
      state.enabled = program.enabled;
      state.grades = program.grades.length ? formOf(program) : [{ ...blank(0), name: '推广员' }];
    } catch (e) {
      error.value = messageOf(e);
    }
  });
  async function save(): Promise<void> {
    error.value = '';
    saving.value = true;
    try {
      const { appliesTo } = await api.saveGradeProgram(programOf(state.enabled, state.grades));
      showSuccess(`已保存。${appliesTo}`);
    } catch (e) {
      error.value = e instanceof FormError ? e.message : messageOf(e);
    } finally {
      saving.value = false;
    }
  }
  const field = (grade: GradeForm, key: keyof GradeForm, width = '120px', suffix?: string) => (
    <Input
      value={grade[key] as string}
      onChange={(value: unknown) => ((grade[key] as string) = String(value))}
      suffix={suffix}
      style={`width:${width}`}
      disabled={!can.own()}
    />
  );
  return () => (
    <div style="margin-top:12px" data-testid="grade-editor">
      <Alert
        theme="info"
        message="升级条件只看分销员本人的业绩：直接客户确认收货后的有效销售额（扣除退款）、已结算的直接推广佣金、直接客户数。不能按发展人数或团队业绩升级（拉人头、团队计酬属于传销）。等级佣金只对升级后支付的订单生效。"
      />
      <p>
        启用等级{' '}
        <Switch value={state.enabled} onChange={(v: unknown) => (state.enabled = Boolean(v))} disabled={!can.own()} />
      </p>
      {state.grades.map((grade, index) => (
        <div class="panel grade-row" key={index}>
          <p>
            <b>{index === 0 ? '入门等级' : `等级 ${index + 1}`}</b> 名称 {field(grade, 'name', '140px')}
          </p>
          <p>
            佣金{' '}
            <RadioGroup
              value={grade.kind}
              onChange={(v: unknown) => (grade.kind = v as GradeForm['kind'])}
              disabled={!can.own()}
            >
              <Radio value="uplift">在基础比例上加成</Radio>
              <Radio value="rates">独立比例（各级用 / 分隔）</Radio>
            </RadioGroup>
            {grade.kind === 'uplift' ? field(grade, 'uplift', '100px', '%') : field(grade, 'rates', '160px', '%')}
          </p>
          {index > 0 ? (
            <p>
              直接客户有效销售额 ≥ {field(grade, 'sales', '120px', '元')} 已结算佣金 ≥{' '}
              {field(grade, 'commission', '120px', '元')} 直接客户数 ≥ {field(grade, 'customers', '80px', '人')}
              <RadioGroup
                value={grade.logic}
                onChange={(v: unknown) => (grade.logic = v as 'any' | 'all')}
                disabled={!can.own()}
              >
                <Radio value="all">全部满足</Radio>
                <Radio value="any">满足任一</Radio>
              </RadioGroup>
              保级 {field(grade, 'keepDays', '80px', '天')}
            </p>
          ) : null}
        </div>
      ))}
      {error.value ? (
        <p class="danger-text" data-testid="grade-error">
          {error.value}
        </p>
      ) : null}
      {can.own() ? (
        <p>
          <Button
            variant="outline"
            onClick={() => state.grades.push(blank(state.grades.length))}
            disabled={state.grades.length >= 10}
          >
            添加等级
          </Button>{' '}
          <Button variant="outline" onClick={() => state.grades.length > 1 && state.grades.pop()}>
            删除最后一个
          </Button>{' '}
          <Button theme="primary" loading={saving.value} onClick={() => void save()}>
            保存等级
          </Button>
        </p>
      ) : (
        <p class="muted">只有店主可以修改等级。</p>
      )}
    </div>
  );
});
