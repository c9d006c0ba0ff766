/**
 * The dashboard: today / 7 / 30 China-time days of paid GMV, refunds and net sales (apart and labelled), orders,
 * paid conversion, new distributors, commission (net, its share of net sales; frozen now, settled, paid out),
 * refund rate, and the top products and distributors by net, drawn as charts. An empty period says so: no ¥0
 * slices, "—" for a share with nothing to divide by.
 */
import { computed, defineComponent, onMounted, ref, shallowRef } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { RadioGroup, RadioButton } from 'tdesign-vue-next/es/radio';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Loading } from 'tdesign-vue-next/es/loading';
import { COMMISSION_STATUS, WITHDRAWAL_STATUS } from '../../../contract/src/labels';
import { formatPercent, formatWholeYuan } from '../../../contract/src/money';
import { api } from '../api';
import type { Dashboard as DashboardData, DashboardRange, Funnels } from '../api-types';
import { EChart } from '../charts/EChart';
import type { EChartsCoreOption } from '../charts/echarts';
import { colorOf, paramsList, tooltipNode } from '../charts/tooltip';
import { yuan } from '../format';
import { personOf, personText } from '../ui/PersonCell';
import { messageOf } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

const RANGES: { value: DashboardRange; label: string }[] = [
  { value: 'today', label: '今日' },
  { value: '7d', label: '近 7 天' },
  { value: '30d', label: '近 30 天' },
];

const COLORS = ['#0052d9', '#2ba471', '#e37318', '#8e56dd', '#d54941'];

/** Axis tooltips: the category (a product title, a distributor) and each series' value, as text nodes only. */
function moneyTooltip(params: unknown): HTMLElement {
  const list = paramsList(params);
  return tooltipNode(
    String(list[0]?.name ?? ''),
    list.map((item) => {
      const label = String(item.seriesName ?? '');
      const value = Number(item.value ?? 0);
      return { color: colorOf(item), label, value: label.includes('额') ? yuan(value) : String(value) };
    }),
  );
}

function trendOption(data: DashboardData): EChartsCoreOption {
  return {
    color: ['#0052d9', '#d54941', '#2ba471', '#e37318'],
    tooltip: { trigger: 'axis', formatter: moneyTooltip },
    legend: { top: 0 },
    grid: { left: 64, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: data.series.map((day) => day.date.slice(5)) },
    yAxis: [
      { type: 'value', name: '金额', axisLabel: { formatter: (value: number) => formatWholeYuan(value) } },
      { type: 'value', name: '订单', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: '支付金额', type: 'bar', barMaxWidth: 32, data: data.series.map((day) => day.salesFen) },
      { name: '退款金额', type: 'bar', barMaxWidth: 32, data: data.series.map((day) => day.refundedFen) },
      { name: '支付订单', type: 'line', yAxisIndex: 1, smooth: true, data: data.series.map((day) => day.paidOrders) },
      { name: '下单', type: 'line', yAxisIndex: 1, smooth: true, data: data.series.map((day) => day.createdOrders) },
    ],
  };
}

function rankingOption(names: string[], values: number[], seriesName: string, color: string): EChartsCoreOption {
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTooltip },
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatWholeYuan(value) } },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 22,
        data: values,
        label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => yuan(value) },
      },
    ],
  };
}

/** The commission slices worth drawing: a ¥0 slice is left out, and no slice at all means "no commission yet". */
function commissionSlices(data: DashboardData): { name: string; value: number }[] {
  const { commission } = data;
  return [
    { name: COMMISSION_STATUS.frozen.text, value: commission.frozenNowFen },
    { name: COMMISSION_STATUS.settled.text, value: commission.settledFen },
    { name: WITHDRAWAL_STATUS.paid.text, value: commission.paidOutFen },
  ].filter((slice) => slice.value > 0);
}

function commissionOption(data: DashboardData): EChartsCoreOption {
  return {
    color: ['#e37318', '#0052d9', '#2ba471'],
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const [item] = paramsList(params);
        return tooltipNode(
          '',
          item ? [{ color: colorOf(item), label: String(item.name ?? ''), value: yuan(Number(item.value ?? 0)) }] : [],
        );
      },
    },
    legend: { bottom: 0 },
    series: [
      {
        name: '佣金',
        type: 'pie',
        radius: ['45%', '70%'],
        label: { formatter: ({ name, value }: { name: string; value: number }) => `${name}\n${yuan(value)}` },
        data: commissionSlices(data),
      },
    ],
  };
}

const FUNNEL_STEPS = [
  { key: 'opened', label: '打开分享' },
  { key: 'viewed', label: '浏览' },
  { key: 'ordered', label: '下单' },
  { key: 'paid', label: '支付' },
  { key: 'kept', label: '未全额退款' },
] as const;

/** Funnel rows as a plain table (text only): each step's count, busiest first. */
function FunnelTable(props: { rows: { name: string; steps: Funnels['products'][number] }[]; testId: string }) {
  return (
    <table class="funnel-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th></th>
          {FUNNEL_STEPS.map((step) => (
            <th key={step.key}>{step.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.name}>
            <td>{row.name}</td>
            {FUNNEL_STEPS.map((step) => (
              <td key={step.key} class="money">
                {row.steps[step.key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Kpi(props: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div class="kpi" data-testid={props.testId}>
      <div class="kpi__label">{props.label}</div>
      <div class="kpi__value">{props.value}</div>
      {props.hint ? <div class="kpi__hint">{props.hint}</div> : null}
    </div>
  );
}

export default defineComponent(() => {
  const range = ref<DashboardRange>('today');
  const data = shallowRef<DashboardData>();
  const funnels = shallowRef<Funnels>();
  const loading = ref(false);
  const failure = ref('');

  async function load(): Promise<void> {
    loading.value = true;
    failure.value = '';
    try {
      [data.value, funnels.value] = await Promise.all([api.dashboard(range.value), api.funnels(range.value)]);
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      loading.value = false;
    }
  }
  onMounted(load);

  const charts = computed(() => {
    const current = data.value;
    if (!current) return undefined;
    return {
      trend: trendOption(current),
      products: rankingOption(
        current.topProducts.map((p) => `${p.title}（净 ${p.quantity} 件）`),
        current.topProducts.map((p) => p.netFen),
        '净销售额',
        COLORS[0] as string,
      ),
      distributors: rankingOption(
        current.topDistributors.map(
          (d) =>
            `${personText(personOf(current.people, d.openid))}（${d.orders} 单，退款率 ${formatPercent(d.refundRateBp)}）`,
        ),
        current.topDistributors.map((d) => d.netFen),
        '带来净销售额',
        COLORS[1] as string,
      ),
      commission: commissionOption(current),
    };
  });

  return () => {
    const current = data.value;
    return (
      <div>
        <PageHeader
          title="数据概览"
          description="按北京时间统计；支付、退款、佣金各计入发生当天；净销售额 = 支付金额 − 退款金额。"
          actions={() => (
            <>
              <RadioGroup
                variant="default-filled"
                value={range.value}
                onChange={(value) => {
                  range.value = value as DashboardRange;
                  void load();
                }}
              >
                {RANGES.map((option) => (
                  <RadioButton key={option.value} value={option.value}>
                    {option.label}
                  </RadioButton>
                ))}
              </RadioGroup>
              <Button variant="outline" loading={loading.value} onClick={() => void load()}>
                刷新
              </Button>
            </>
          )}
        />
        {failure.value ? (
          <Alert theme="error" message={`加载失败：${failure.value}`} style="margin-bottom:16px" />
        ) : null}
        {!current ? (
          <div class="screen-message">{loading.value ? <Loading text="加载中…" /> : null}</div>
        ) : (
          <Loading loading={loading.value} showOverlay>
            <div class="kpis">
              <Kpi
                label="支付金额"
                value={yuan(current.paidFen)}
                hint="期间支付的订单实付（含运费），含之后退款的"
                testId="kpi-sales"
              />
              <Kpi
                label="退款金额"
                value={yuan(current.refundedFen)}
                hint={`期间完成退款 ${current.refunds} 笔`}
                testId="kpi-refunds"
              />
              <Kpi label="净销售额" value={yuan(current.netSalesFen)} hint="支付金额 − 退款金额" testId="kpi-net" />
              <Kpi
                label="支付订单"
                value={String(current.paidOrders)}
                hint={`全部支付订单，其中已全额退款 ${current.fullyRefundedOrders} 笔`}
                testId="kpi-orders"
              />
              <Kpi
                label="支付转化率"
                value={formatPercent(current.paidConversionBp)}
                hint={`期间下单 ${current.createdOrders} 笔，已支付 ${current.paidOfCreated} 笔`}
                testId="kpi-conversion"
              />
              <Kpi
                label="退款率"
                value={formatPercent(current.refundRateBp)}
                hint="退款金额 / 支付金额"
                testId="kpi-refund-rate"
              />
              <Kpi label="新增分销员" value={String(current.newDistributors)} />
              <Kpi
                label="佣金（净）"
                value={yuan(current.commission.bookedFen)}
                hint={`计提 ${yuan(current.commission.accruedFen)}，退款冲回 ${yuan(current.commission.reversedFen)}`}
                testId="kpi-commission"
              />
              <Kpi
                label="佣金占净销售额"
                value={formatPercent(current.commission.shareOfNetSalesBp)}
                hint="佣金（净）/ 净销售额"
                testId="kpi-commission-share"
              />
              <Kpi label="佣金冻结中" value={yuan(current.commission.frozenNowFen)} hint="售后期内，当前全部" />
              <Kpi label="佣金已结算" value={yuan(current.commission.settledFen)} />
              <Kpi label="佣金已打款" value={yuan(current.commission.paidOutFen)} />
            </div>
            {charts.value ? (
              <div class="charts">
                <section class="panel charts__wide">
                  <h2 class="panel__title">销售趋势</h2>
                  <EChart option={charts.value.trend} label="销售额与订单趋势" />
                </section>
                <section class="panel">
                  <h2 class="panel__title">热销商品 TOP 5（按净销售额）</h2>
                  {current.topProducts.length === 0 ? (
                    <p class="muted">该时段暂无销售</p>
                  ) : (
                    <EChart option={charts.value.products} label="热销商品" />
                  )}
                </section>
                <section class="panel">
                  <h2 class="panel__title">分销员业绩 TOP 5（直接客户净销售额）</h2>
                  {current.topDistributors.length === 0 ? (
                    <p class="muted">该时段暂无分销成交</p>
                  ) : (
                    <EChart option={charts.value.distributors} label="分销员业绩" />
                  )}
                </section>
                <section class="panel">
                  <h2 class="panel__title">商品转化漏斗</h2>
                  {!funnels.value || funnels.value.products.length === 0 ? (
                    <p class="muted">该时段暂无浏览或下单</p>
                  ) : (
                    <FunnelTable
                      testId="funnel-products"
                      rows={funnels.value.products.map((p) => ({ name: p.title || p.productId, steps: p }))}
                    />
                  )}
                </section>
                <section class="panel">
                  <h2 class="panel__title">分销员转化漏斗</h2>
                  {!funnels.value || funnels.value.distributors.length === 0 ? (
                    <p class="muted">该时段暂无分享带来的访问</p>
                  ) : (
                    <FunnelTable
                      testId="funnel-distributors"
                      rows={funnels.value.distributors.map((d) => ({
                        name: personText(personOf(funnels.value?.people, d.openid)),
                        steps: { ...d, productId: '', title: '' },
                      }))}
                    />
                  )}
                  <p class="muted">各步骤按发生当天计数，短时段内后一步可能多于前一步。</p>
                </section>
                <section class="panel charts__wide">
                  <h2 class="panel__title">佣金构成</h2>
                  {commissionSlices(current).length === 0 ? (
                    <p class="muted" data-testid="commission-empty">
                      暂无佣金
                    </p>
                  ) : (
                    <EChart option={charts.value.commission} label="佣金构成" />
                  )}
                </section>
              </div>
            ) : null}
          </Loading>
        )}
      </div>
    );
  };
});
