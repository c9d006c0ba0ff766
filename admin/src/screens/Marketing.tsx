/**
 * 营销中心: coupons, limited-time prices and group buys on one screen, one tab each: the list with live figures
 * (claimed, used, orders, GMV, commission), the editor, and a stop button. Titles are shown as text, never HTML.
 */
import { defineComponent, onMounted, reactive, ref, watch } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Dialog } from 'tdesign-vue-next/es/dialog';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Radio, RadioGroup } from 'tdesign-vue-next/es/radio';
import { Switch } from 'tdesign-vue-next/es/switch';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Tabs, TabPanel } from 'tdesign-vue-next/es/tabs';
import { Tag } from 'tdesign-vue-next/es/tag';
import { dateTime, yuan } from '../format';
import { can } from '../permissions';
import { confirmAction } from '../ui/dialogs';
import { messageOf } from '../ui/errors';
import { choiceField, switchField, textField } from '../ui/fields';
import { showSuccess } from '../ui/notify';
import { PageHeader } from '../ui/PageHeader';
import { campaignApi, type CampaignKind, type CampaignRow } from './marketing/campaign-api';
import { blankForm, bodyOf } from './marketing/campaign-form';

const TOOLS: Record<CampaignKind, string> = { coupons: '优惠券', 'flash-sales': '限时折扣', 'group-buys': '拼团' };

function offerOf(row: CampaignRow): string {
  if (row.kind === 'amount_off') return `减 ${yuan(row.amountFen)}`;
  if (row.kind === 'percent_off') return `${(row.rateBp ?? 0) / 100}% off`;
  if (row.groupPriceFen !== undefined) return `${row.size} 人团 ${yuan(row.groupPriceFen)}`;
  return `活动价 ${yuan(row.priceFen)}`;
}

export default defineComponent(() => {
  const tool = ref<CampaignKind>('coupons');
  const rows = ref<CampaignRow[]>([]);
  const loading = ref(false);
  const editing = ref(false);
  const form = reactive(blankForm());
  const failure = ref('');
  const saving = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      rows.value = (await campaignApi.list(tool.value)).items;
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      loading.value = false;
    }
  }
  onMounted(load);
  watch(tool, load);

  async function save(): Promise<void> {
    const { body, problem } = bodyOf(tool.value, form);
    if (!body) return void (failure.value = problem ?? '');
    saving.value = true;
    failure.value = '';
    try {
      await campaignApi.create(tool.value, body);
      showSuccess('活动已创建');
      editing.value = false;
      await load();
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      saving.value = false;
    }
  }

  async function stop(row: CampaignRow): Promise<void> {
    const done = await confirmAction({
      header: '停止活动',
      confirmText: '停止',
      danger: true,
      body: () => <p>停止「{row.title}」后不能再领取或参加；已领取的优惠券仍可使用，进行中的团到时结束。</p>,
      action: () => campaignApi.stop(tool.value, row._id),
    });
    if (done) {
      showSuccess('已停止');
      await load();
    }
  }

  const columns = (): PrimaryTableCol<TableRowData>[] => [
    { colKey: 'title', title: '名称' },
    { colKey: 'offer', title: '优惠', cell: (_h, { row }) => offerOf(row as CampaignRow) },
    {
      colKey: 'window',
      title: '时间',
      cell: (_h, { row }) => {
        const r = row as CampaignRow;
        return `${dateTime(r.validFrom ?? r.startAt)} ~ ${dateTime(r.validTo ?? r.endAt)}`;
      },
    },
    ...(tool.value === 'coupons'
      ? [
          {
            colKey: 'claimed',
            title: '已领/总量',
            align: 'right' as const,
            cell: (_h: unknown, { row }: { row: TableRowData }) =>
              `${(row as CampaignRow).figures.claimed ?? 0}/${(row as CampaignRow).total}`,
          },
          {
            colKey: 'used',
            title: '已用',
            align: 'right' as const,
            cell: (_h: unknown, { row }: { row: TableRowData }) => String((row as CampaignRow).figures.used ?? 0),
          },
        ]
      : []),
    {
      colKey: 'orders',
      title: '订单',
      align: 'right',
      cell: (_h, { row }) => String((row as CampaignRow).figures.orders),
    },
    {
      colKey: 'gmv',
      title: '成交额',
      align: 'right',
      cell: (_h, { row }) => yuan((row as CampaignRow).figures.gmvFen),
    },
    {
      colKey: 'commission',
      title: '佣金',
      align: 'right',
      cell: (_h, { row }) => {
        const r = row as CampaignRow;
        return r.commission === 'none' ? '不计佣' : yuan(r.figures.commissionFen);
      },
    },
    {
      colKey: 'status',
      title: '状态',
      cell: (_h, { row }) =>
        (row as CampaignRow).status === 'active' ? <Tag theme="success">进行中</Tag> : <Tag>已停止</Tag>,
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) =>
        can.runShop() && (row as CampaignRow).status === 'active' ? (
          <Button size="small" variant="text" theme="danger" onClick={() => void stop(row as CampaignRow)}>
            停止
          </Button>
        ) : null,
    },
  ];

  const editor = () => (
    <Form labelWidth={110} onSubmit={() => void save()}>
      <FormItem label="名称">
        <Input
          {...textField(form, 'title')}
          maxlength={40}
          placeholder={tool.value === 'coupons' ? '必填' : '默认用商品名'}
        />
      </FormItem>
      {tool.value === 'coupons' ? (
        <>
          <FormItem label="类型">
            <RadioGroup {...choiceField(form, 'couponKind')}>
              <Radio value="amount_off">满减券</Radio>
              <Radio value="percent_off">折扣券</Radio>
            </RadioGroup>
          </FormItem>
          {form.couponKind === 'amount_off' ? (
            <FormItem label="减免（元）">
              <Input {...textField(form, 'amount')} />
            </FormItem>
          ) : (
            <>
              <FormItem label="减免比例（%）">
                <Input {...textField(form, 'percentOff')} placeholder="10 = 九折" />
              </FormItem>
              <FormItem label="最多减（元）">
                <Input {...textField(form, 'cap')} />
              </FormItem>
            </>
          )}
          <FormItem label="门槛（元）">
            <Input {...textField(form, 'minSpend')} placeholder="不填为无门槛" />
          </FormItem>
          <FormItem label="总量 / 每人">
            <Input {...textField(form, 'total')} style="width:120px" />
            <Input {...textField(form, 'perUser')} style="width:120px;margin-left:8px" />
          </FormItem>
          <FormItem label="领取后有效天数">
            <Input {...textField(form, 'validDays')} placeholder="不填则在活动时间内有效" />
          </FormItem>
          <FormItem label="适用商品 ID">
            <Input {...textField(form, 'productIds')} placeholder="不填为全部商品，多个用逗号分隔" />
          </FormItem>
        </>
      ) : (
        <>
          <FormItem label="商品 ID">
            <Input {...textField(form, 'productIds')} />
          </FormItem>
          <FormItem label="规格 ID">
            <Input {...textField(form, 'skuId')} placeholder="不填则整个商品" />
          </FormItem>
          <FormItem label={tool.value === 'flash-sales' ? '活动价（元）' : '拼团价（元）'}>
            <Input {...textField(form, 'price')} />
          </FormItem>
          {tool.value === 'flash-sales' ? (
            <FormItem label="每人限购 / 活动库存">
              <Input {...textField(form, 'perUser')} style="width:120px" />
              <Input {...textField(form, 'stockCap')} style="width:120px;margin-left:8px" />
            </FormItem>
          ) : (
            <>
              <FormItem label="成团人数 / 时限（小时）">
                <Input {...textField(form, 'size')} style="width:120px" />
                <Input {...textField(form, 'hours')} style="width:120px;margin-left:8px" />
              </FormItem>
              <FormItem label="满员后自动开新团">
                <Switch {...switchField(form, 'overflowOpensNewGroup')} />
              </FormItem>
            </>
          )}
          <FormItem label="佣金">
            <RadioGroup {...choiceField(form, 'commission')}>
              <Radio value="paid">按实付金额计佣</Radio>
              <Radio value="none">不计佣</Radio>
            </RadioGroup>
          </FormItem>
        </>
      )}
      <FormItem label="开始 / 结束">
        <Input {...textField(form, 'from')} placeholder="2026-12-01 20:00" style="width:180px" />
        <Input {...textField(form, 'to')} placeholder="2026-12-02" style="width:180px;margin-left:8px" />
      </FormItem>
      {failure.value ? <p class="form-error">{failure.value}</p> : null}
    </Form>
  );

  return () => (
    <div>
      <PageHeader
        title="营销中心"
        description="优惠券、限时折扣与拼团：创建、实时数据与停止。活动按服务器时间生效。"
        actions={() =>
          can.runShop() ? (
            <Button
              theme="primary"
              onClick={() => {
                Object.assign(form, blankForm());
                failure.value = '';
                editing.value = true;
              }}
            >
              新建{TOOLS[tool.value]}
            </Button>
          ) : null
        }
      />
      <div class="panel">
        <Tabs value={tool.value} onChange={(value) => (tool.value = value as CampaignKind)}>
          {(Object.keys(TOOLS) as CampaignKind[]).map((kind) => (
            <TabPanel key={kind} value={kind} label={TOOLS[kind]} />
          ))}
        </Tabs>
        <div style="margin-top:12px" data-testid="marketing-table">
          <Table
            rowKey="_id"
            data={rows.value}
            columns={columns()}
            loading={loading.value}
            empty="还没有活动，点击右上角新建"
          />
        </div>
      </div>
      <Dialog
        visible={editing.value}
        header={`新建${TOOLS[tool.value]}`}
        confirmBtn={{ content: '创建', loading: saving.value }}
        onConfirm={() => void save()}
        onClose={() => (editing.value = false)}
        width={620}
      >
        {editor()}
      </Dialog>
    </div>
  );
});
