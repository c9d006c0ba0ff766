/** Store settings: name, logo, introduction, shipping (flat fee, free over an amount) and order timeouts. */
import { defineComponent, onMounted, reactive, ref } from 'vue';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Button } from 'tdesign-vue-next/es/button';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Textarea } from 'tdesign-vue-next/es/textarea';
import { Loading } from 'tdesign-vue-next/es/loading';
import { formatYuan, parseYuan, YUAN_FORMAT_HINT } from '../../../contract/src/money';
import { api } from '../api';
import type { StoreSettingsDoc, StoreSettingsInput } from '../api-types';
import { can } from '../permissions';
import { messageOf } from '../ui/errors';
import { textField } from '../ui/fields';
import { showSuccess } from '../ui/notify';
import { PageHeader } from '../ui/PageHeader';

function formOf(settings: StoreSettingsDoc) {
  return {
    name: settings.name,
    logo: settings.logo,
    introduction: settings.introduction,
    servicePhone: settings.servicePhone ?? '',
    flatYuan: formatYuan(settings.shipping.flatFen),
    freeOverYuan: settings.shipping.freeOverFen === undefined ? '' : formatYuan(settings.shipping.freeOverFen),
    autoConfirmDays: String(settings.autoConfirmDays),
    unpaidTimeoutMinutes: String(settings.unpaidTimeoutMinutes),
  };
}

type SettingsForm = ReturnType<typeof formOf>;
type Errors = Partial<Record<keyof SettingsForm, string>>;

function inRange(text: string, min: number, max: number): number | undefined {
  const value = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return value >= min && value <= max ? value : undefined;
}

function validated(form: SettingsForm): { input?: StoreSettingsInput; errors: Errors } {
  const errors: Errors = {};
  if (!form.name.trim()) errors.name = '请填写店铺名称';
  if (!/^(|[0-9+\- ]{5,20})$/.test(form.servicePhone.trim())) errors.servicePhone = '客服电话只能包含数字、+、- 和空格';
  const flatFen = parseYuan(form.flatYuan);
  if (flatFen === null) errors.flatYuan = YUAN_FORMAT_HINT;
  const freeOverFen = form.freeOverYuan.trim() === '' ? undefined : parseYuan(form.freeOverYuan);
  if (freeOverFen === null) errors.freeOverYuan = `${YUAN_FORMAT_HINT}；留空表示不包邮`;
  const autoConfirmDays = inRange(form.autoConfirmDays, 1, 60);
  if (autoConfirmDays === undefined) errors.autoConfirmDays = '1–60 天';
  const unpaidTimeoutMinutes = inRange(form.unpaidTimeoutMinutes, 5, 1440);
  if (unpaidTimeoutMinutes === undefined) errors.unpaidTimeoutMinutes = '5–1440 分钟';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: {
      name: form.name.trim(),
      logo: form.logo.trim(),
      introduction: form.introduction,
      servicePhone: form.servicePhone.trim(),
      shipping:
        freeOverFen === undefined
          ? { flatFen: flatFen as number }
          : { flatFen: flatFen as number, freeOverFen: freeOverFen as number },
      autoConfirmDays: autoConfirmDays as number,
      unpaidTimeoutMinutes: unpaidTimeoutMinutes as number,
    },
  };
}

export default defineComponent(() => {
  const form = reactive<SettingsForm>({
    name: '',
    logo: '',
    introduction: '',
    servicePhone: '',
    flatYuan: '',
    freeOverYuan: '',
    autoConfirmDays: '',
    unpaidTimeoutMinutes: '',
  });
  const loaded = ref(false);
  const loadFailure = ref('');
  const errors = ref<Errors>({});
  const failure = ref('');
  const saving = ref(false);

  onMounted(async () => {
    try {
      Object.assign(form, formOf(await api.storeSettings()));
      loaded.value = true;
    } catch (error) {
      loadFailure.value = messageOf(error);
    }
  });

  async function save(): Promise<void> {
    const { input, errors: found } = validated(form);
    errors.value = found;
    if (!input) return;
    saving.value = true;
    failure.value = '';
    try {
      Object.assign(form, formOf(await api.saveStoreSettings(input)));
      showSuccess('店铺设置已保存');
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      saving.value = false;
    }
  }

  const status = (key: keyof SettingsForm) => (errors.value[key] ? ('error' as const) : undefined);

  const preview = ref('');
  const uploading = ref(false);
  async function uploadLogo(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    uploading.value = true;
    try {
      const stored = await api.uploadImage(file);
      form.logo = stored.fileID;
      preview.value = stored.url;
      showSuccess('图片已上传，保存后生效');
    } catch (error) {
      errors.value = { ...errors.value, logo: messageOf(error) };
    } finally {
      uploading.value = false;
    }
  }

  return () => {
    if (loadFailure.value) return <Alert theme="error" message={`加载失败：${loadFailure.value}`} />;
    if (!loaded.value)
      return (
        <div class="screen-message">
          <Loading text="加载中…" />
        </div>
      );
    const disabled = !can.own();
    const logo = form.logo.trim();
    return (
      <div>
        <PageHeader title="店铺设置" description="买家在小程序里看到的店铺信息与运费规则。" />
        {disabled ? <Alert theme="info" message="只有店主可以修改店铺设置。" style="margin-bottom:12px" /> : null}
        <div class="panel">
          <Form labelWidth="130px" colon={false} disabled={disabled} class="form-narrow" data-testid="store-form">
            <FormItem label="店铺名称" status={status('name')} tips={errors.value.name}>
              <Input {...textField(form, 'name')} maxlength={40} />
            </FormItem>
            <FormItem
              label="店铺 Logo"
              status={status('logo')}
              tips={errors.value.logo ?? '上传图片，或填写云存储 fileID / 图片链接'}
            >
              <div class="field-row" style="width:100%">
                {preview.value || (logo && /^(https?:|\/)/.test(logo)) ? (
                  <img class="thumb" src={preview.value || logo} alt="店铺 Logo" />
                ) : (
                  <span class="thumb shell-brand__mark">{form.name.slice(0, 1) || '店'}</span>
                )}
                <Input {...textField(form, 'logo')} placeholder="cloud://… 或 https://…" style="flex:1" />
                <label
                  class="t-button t-button--variant-outline"
                  style={disabled ? 'pointer-events:none;opacity:.5' : ''}
                >
                  {uploading.value ? '上传中…' : '上传图片'}
                  <input
                    type="file"
                    accept="image/png,image/jpeg,image/webp,image/gif"
                    data-testid="logo-file"
                    style="display:none"
                    disabled={disabled}
                    onChange={uploadLogo}
                  />
                </label>
              </div>
            </FormItem>
            <FormItem label="店铺介绍">
              <Textarea {...textField(form, 'introduction')} autosize={{ minRows: 3, maxRows: 8 }} maxlength={2000} />
            </FormItem>
            <FormItem
              label="客服电话"
              status={status('servicePhone')}
              tips={errors.value.servicePhone ?? '显示在小程序「我的」，留空则只提供微信客服'}
            >
              <Input {...textField(form, 'servicePhone')} style="width:240px" />
            </FormItem>
            <FormItem label="运费" status={status('flatYuan')} tips={errors.value.flatYuan ?? '每单固定运费'}>
              <Input {...textField(form, 'flatYuan')} label="¥" style="width:200px" />
            </FormItem>
            <FormItem
              label="满额包邮"
              status={status('freeOverYuan')}
              tips={errors.value.freeOverYuan ?? '商品金额（优惠后）达到该值免运费；留空表示不包邮'}
            >
              <Input {...textField(form, 'freeOverYuan')} label="¥" placeholder="不包邮" style="width:200px" />
            </FormItem>
            <FormItem
              label="自动确认收货"
              status={status('autoConfirmDays')}
              tips={errors.value.autoConfirmDays ?? '发货后多少天自动确认收货'}
            >
              <Input {...textField(form, 'autoConfirmDays')} suffix="天" style="width:200px" />
            </FormItem>
            <FormItem
              label="未支付自动取消"
              status={status('unpaidTimeoutMinutes')}
              tips={errors.value.unpaidTimeoutMinutes ?? '下单后多少分钟未支付自动取消并释放库存'}
            >
              <Input {...textField(form, 'unpaidTimeoutMinutes')} suffix="分钟" style="width:200px" />
            </FormItem>
            {failure.value ? (
              <FormItem>
                <Alert theme="error" message={failure.value} />
              </FormItem>
            ) : null}
            {disabled ? null : (
              <FormItem>
                <Button theme="primary" loading={saving.value} onClick={() => void save()}>
                  保存
                </Button>
              </FormItem>
            )}
          </Form>
        </div>
      </div>
    );
  };
});
