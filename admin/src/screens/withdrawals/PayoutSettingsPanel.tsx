/**
 * 打款设置: the two-operator threshold, income-tax withholding and the payout channel. Finance reads them (the
 * server lets only the owner change them), so for finance the panel shows text and no controls.
 */
import { defineComponent, onMounted, reactive, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Radio, RadioGroup } from 'tdesign-vue-next/es/radio';
import { Switch } from 'tdesign-vue-next/es/switch';
import { formatYuan, parseYuan, YUAN_FORMAT_HINT } from '../../../../contract/src/money';
import { api } from '../../api';
import type { PayoutChannelName, PayoutSettingsDoc } from '../../api-types';
import { yuan } from '../../format';
import { can } from '../../permissions';
import { messageOf } from '../../ui/errors';
import { choiceField, switchField, textField } from '../../ui/fields';
import { showSuccess } from '../../ui/notify';

const CHANNEL_LABEL: Record<PayoutChannelName, string> = {
  manual: '手动打款（线下打款后填写凭证）',
  'wechat-transfer': '微信商家转账（分销员在小程序确认收款）',
};

export const PayoutSettingsPanel = defineComponent(() => {
  const settings = ref<PayoutSettingsDoc | null>(null);
  const loadError = ref('');
  const form = reactive({ threshold: '', taxWithholding: false, channel: 'manual' as PayoutChannelName });
  const thresholdError = ref('');
  const saveError = ref('');
  const saving = ref(false);

  function fill(doc: PayoutSettingsDoc): void {
    settings.value = doc;
    form.threshold = formatYuan(doc.secondOperatorAboveFen);
    form.taxWithholding = doc.taxWithholding;
    form.channel = doc.channel;
  }

  async function load(): Promise<void> {
    loadError.value = '';
    try {
      fill(await api.payoutSettings());
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }
  onMounted(load);

  async function save(): Promise<void> {
    const thresholdFen = parseYuan(form.threshold);
    thresholdError.value = thresholdFen === null ? `金额格式不对：${YUAN_FORMAT_HINT}` : '';
    saveError.value = '';
    if (thresholdFen === null) return;
    saving.value = true;
    try {
      fill(
        await api.savePayoutSettings({
          secondOperatorAboveFen: thresholdFen,
          taxWithholding: form.taxWithholding,
          channel: form.channel,
        }),
      );
      showSuccess('打款设置已保存');
    } catch (error) {
      saveError.value = messageOf(error);
    } finally {
      saving.value = false;
    }
  }

  function readOnly(doc: PayoutSettingsDoc) {
    return (
      <ul class="amounts" data-testid="payout-settings-readonly">
        <li>双人复核阈值：超过 {yuan(doc.secondOperatorAboveFen)} 的提现需另一位财务或店主打款</li>
        <li>代扣个税：{doc.taxWithholding ? '已开启' : '未开启'}</li>
        <li>打款方式：{CHANNEL_LABEL[doc.channel]}</li>
        <li class="muted">仅店主可修改打款设置。</li>
      </ul>
    );
  }

  function editor() {
    return (
      <Form labelWidth="140px" onSubmit={() => void save()} data-testid="payout-settings-form">
        <FormItem
          label="双人复核阈值（元）"
          status={thresholdError.value ? 'error' : undefined}
          tips={thresholdError.value || '超过此金额的提现，审核人不能同时打款'}
        >
          <Input {...textField(form, 'threshold')} name="secondOperatorAbove" style="width:160px" />
        </FormItem>
        <FormItem label="代扣个税" tips="劳务报酬所得，按月合并预扣预缴">
          <Switch {...switchField(form, 'taxWithholding')} data-testid="tax-withholding" />
        </FormItem>
        <FormItem label="打款方式">
          <RadioGroup {...choiceField(form, 'channel')}>
            <Radio value="manual">{CHANNEL_LABEL.manual}</Radio>
            <Radio value="wechat-transfer">{CHANNEL_LABEL['wechat-transfer']}</Radio>
          </RadioGroup>
        </FormItem>
        {saveError.value ? <p class="dialog-error">{saveError.value}</p> : null}
        <FormItem>
          <Button theme="primary" type="submit" loading={saving.value}>
            保存打款设置
          </Button>
        </FormItem>
      </Form>
    );
  }

  return () => (
    <div class="panel" data-testid="payout-settings">
      <div class="panel__title">打款设置</div>
      {loadError.value ? (
        <p class="dialog-error">
          {loadError.value}{' '}
          <Button variant="text" onClick={() => void load()}>
            重试
          </Button>
        </p>
      ) : settings.value === null ? (
        <p class="muted">加载中…</p>
      ) : can.own() ? (
        editor()
      ) : (
        readOnly(settings.value)
      )}
    </div>
  );
});
