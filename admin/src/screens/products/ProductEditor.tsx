/**
 * Creating or editing a product. The price is typed in yuan ("19.9", "¥19.90", full-width digits), checked here by
 * the contract's `parseYuan` and sent as canonical yuan text ("19.90"), which the server parses to integer fen;
 * stock edits are sent with the stock the form showed, so units sold meanwhile are not overwritten. Pictures are
 * uploaded to cloud storage and ordered (ImageList); a product with specs has a SKU grid instead of one price and
 * one stock (SpecEditor).
 */
import { computed, defineComponent, reactive, ref, shallowRef, watch, type PropType } from 'vue';
import { Drawer } from 'tdesign-vue-next/es/drawer';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Textarea } from 'tdesign-vue-next/es/textarea';
import { Select } from 'tdesign-vue-next/es/select';
import { Switch } from 'tdesign-vue-next/es/switch';
import { RadioGroup, Radio } from 'tdesign-vue-next/es/radio';
import { Button } from 'tdesign-vue-next/es/button';
import { Alert } from 'tdesign-vue-next/es/alert';
import { formatYuan, parseYuan, YUAN_FORMAT_HINT } from '../../../../contract/src/money';
import { api } from '../../api';
import type { CategoryDoc, ProductDoc, ProductInput } from '../../api-types';
import { askText } from '../../ui/dialogs';
import { messageOf } from '../../ui/errors';
import { choiceField, switchField, textField } from '../../ui/fields';
import { overrideFields, overrideFrom, type OverrideFields } from './commission';
import { ImageList, MAX_IMAGES } from './ImageList';
import { SpecEditor } from './SpecEditor';
import { skuInputs, valuesOf, type SkuRow, type SpecDraft } from './specs';

const MAX_STOCK = 10_000_000;
const WHOLE_NUMBER = /^\d{1,8}$/;

function blankForm() {
  return {
    title: '',
    categoryId: '',
    price: '',
    stock: '',
    onShelf: true,
    description: '',
    sort: '0',
    lowStockThreshold: '',
  };
}

type Errors = Partial<Record<keyof ReturnType<typeof blankForm> | 'commission' | 'images' | 'skus', string>>;

export const ProductEditor = defineComponent({
  props: {
    /** null: closed; 'new': create; a product: edit it. */
    editing: { type: [Object, String] as PropType<ProductDoc | 'new' | null>, default: null },
    categories: { type: Array as PropType<CategoryDoc[]>, required: true },
    levels: { type: Number, required: true },
    onClose: { type: Function as PropType<() => void>, required: true },
    onSaved: { type: Function as PropType<(productId: string) => void>, required: true },
    onCategoryCreated: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const form = reactive(blankForm());
    const commission = reactive<OverrideFields>({ kind: 'default', rates: [], amounts: [] });
    const errors = ref<Errors>({});
    const failure = ref('');
    const busy = ref(false);
    const stockSeen = shallowRef(0);
    const images = reactive<string[]>([]);
    const previews = reactive<Record<string, string>>({});
    const specDrafts = reactive<SpecDraft[]>([]);
    const skuRows = reactive<SkuRow[]>([]);
    const hasSpecs = computed(() => specDrafts.length > 0);
    const existing = computed(() => (typeof props.editing === 'object' ? props.editing : null));

    watch(
      () => props.editing,
      (editing) => {
        Object.assign(form, blankForm());
        errors.value = {};
        failure.value = '';
        const product = typeof editing === 'object' ? editing : null;
        Object.assign(commission, overrideFields(product?.commission, props.levels));
        images.splice(0, images.length, ...(product?.images ?? []));
        specDrafts.splice(
          0,
          specDrafts.length,
          ...(product?.specs ?? []).map((spec) => ({ name: spec.name, valuesText: spec.values.join(',') })),
        );
        skuRows.splice(
          0,
          skuRows.length,
          ...Object.values(product?.skus ?? {})
            .sort((a, b) => a.position - b.position)
            .map((sku) => ({
              specValues: [...sku.specValues],
              price: formatYuan(sku.priceFen),
              listPrice: sku.listPriceFen === undefined ? '' : formatYuan(sku.listPriceFen),
              stock: String(sku.stock),
              enabled: sku.enabled,
              stockSeen: sku.stock,
            })),
        );
        if (!product) return;
        stockSeen.value = product.stock;
        Object.assign(form, {
          title: product.title,
          categoryId: product.categoryId,
          price: formatYuan(product.priceFen),
          stock: String(product.stock),
          onShelf: product.onShelf,
          description: product.description,
          sort: String(product.sort),
          lowStockThreshold: product.lowStockThreshold === undefined ? '' : String(product.lowStockThreshold),
        });
      },
      { immediate: true },
    );

    function validated(): ProductInput | null {
      const found: Errors = {};
      const title = form.title.trim();
      if (!title) found.title = '请填写商品名称';
      else if (title.length > 60) found.title = '商品名称最多 60 个字';
      const priceFen = parseYuan(form.price);
      const stock = WHOLE_NUMBER.test(form.stock.trim()) ? Number(form.stock.trim()) : NaN;
      const grid = hasSpecs.value ? skuInputs(skuRows) : null;
      if (grid && !grid.ok) found.skus = grid.error;
      if (!grid) {
        if (priceFen === null) found.price = YUAN_FORMAT_HINT;
        else if (priceFen <= 0) found.price = '价格必须大于 0';
        if (!(stock >= 0 && stock <= MAX_STOCK)) found.stock = `库存为 0–${MAX_STOCK} 的整数`;
      }
      const sort = /^-?\d{1,7}$/.test(form.sort.trim()) ? Number(form.sort.trim()) : NaN;
      if (Number.isNaN(sort)) found.sort = '排序为整数，越大越靠前';
      const thresholdText = form.lowStockThreshold.trim();
      const threshold = thresholdText === '' ? null : WHOLE_NUMBER.test(thresholdText) ? Number(thresholdText) : NaN;
      if (Number.isNaN(threshold)) found.lowStockThreshold = '预警值为整数；留空则使用默认值 10';
      if (images.length > MAX_IMAGES) found.images = `最多 ${MAX_IMAGES} 张图片`;
      const override = overrideFrom(commission);
      if (!override.ok) found.commission = override.error;
      errors.value = found;
      if (Object.keys(found).length > 0 || !override.ok) return null;
      const priced =
        grid && grid.ok
          ? {
              specs: specDrafts.map((draft) => ({ name: draft.name.trim(), values: valuesOf(draft.valuesText) })),
              skus: grid.skus,
            }
          : // The canonical text of what was accepted here ("¥19.9" → "19.90"): the server reads yuan text strictly.
            { price: formatYuan(priceFen as number), stock };
      return {
        title,
        categoryId: form.categoryId,
        ...priced,
        onShelf: form.onShelf,
        images: [...images],
        description: form.description,
        sort,
        lowStockThreshold: threshold,
        commission: override.value,
      };
    }

    async function save(): Promise<void> {
      const input = validated();
      if (!input) return;
      busy.value = true;
      failure.value = '';
      try {
        const product = existing.value;
        const id = product
          ? (await api.updateProduct(product._id, input, stockSeen.value))._id
          : (await api.createProduct(input)).id;
        props.onSaved(id);
      } catch (error) {
        failure.value = messageOf(error);
      } finally {
        busy.value = false;
      }
    }

    async function newCategory(): Promise<void> {
      const created = await askText({
        header: '新建分类',
        label: '分类名称',
        placeholder: '最多 20 个字',
        confirmText: '创建',
        maxLength: 20,
        action: (name) => api.createCategory(name),
      });
      if (created) {
        form.categoryId = created.id;
        props.onCategoryCreated();
      }
    }

    const status = (key: keyof Errors) => (errors.value[key] ? ('error' as const) : undefined);

    const levelInputs = (values: string[], suffix: string, placeholder: string) => (
      <div class="field-row">
        {values.map((value, index) => (
          <Input
            key={index}
            value={value}
            label={`${index + 1} 级`}
            suffix={suffix}
            placeholder={placeholder}
            onChange={(next) => (values[index] = String(next))}
          />
        ))}
      </div>
    );

    return () => (
      <Drawer
        visible={props.editing !== null}
        size="640px"
        header={existing.value ? `编辑商品 · ${existing.value.title}` : '新建商品'}
        onClose={() => props.onClose()}
        closeOnOverlayClick={false}
        footer={() => (
          <div class="row-actions">
            <Button theme="primary" loading={busy.value} onClick={() => void save()}>
              保存
            </Button>
            <Button variant="outline" onClick={() => props.onClose()}>
              取消
            </Button>
          </div>
        )}
      >
        <Form labelWidth="110px" colon={false} data-testid="product-editor">
          <FormItem label="商品名称" status={status('title')} tips={errors.value.title}>
            <Input {...textField(form, 'title')} placeholder="最多 60 个字" maxlength={60} name="title" />
          </FormItem>
          <FormItem label="分类">
            <div class="field-row">
              <Select
                value={form.categoryId}
                placeholder="未分类"
                clearable
                options={props.categories.map((category) => ({ label: category.name, value: category._id }))}
                onChange={(value) => (form.categoryId = String(value ?? ''))}
                style="width:220px"
              />
              <Button variant="text" theme="primary" onClick={() => void newCategory()}>
                新建分类
              </Button>
            </div>
          </FormItem>
          <FormItem
            label="规格"
            status={status('skus')}
            tips={errors.value.skus ?? '最多 3 个规格；每个组合一行，可分别设置价格、划线价和库存'}
          >
            <SpecEditor drafts={specDrafts} rows={skuRows} />
          </FormItem>
          {hasSpecs.value ? null : (
            <FormItem
              label="价格"
              status={status('price')}
              tips={errors.value.price ?? '以元为单位，保存为精确到分的整数'}
            >
              <Input
                {...textField(form, 'price')}
                label="¥"
                placeholder="例如 12.30"
                name="price"
                style="width:220px"
              />
            </FormItem>
          )}
          {hasSpecs.value ? null : (
            <FormItem
              label="库存"
              status={status('stock')}
              tips={
                errors.value.stock ??
                (existing.value
                  ? `打开时库存 ${stockSeen.value} 件；保存时按改动量调整，不覆盖期间售出的数量`
                  : undefined)
              }
            >
              <Input {...textField(form, 'stock')} suffix="件" placeholder="0" name="stock" style="width:220px" />
            </FormItem>
          )}
          <FormItem
            label="库存预警"
            status={status('lowStockThreshold')}
            tips={errors.value.lowStockThreshold ?? '库存不高于该值时进入预警列表；留空使用默认值 10'}
          >
            <Input
              {...textField(form, 'lowStockThreshold')}
              suffix="件"
              placeholder="10"
              name="lowStockThreshold"
              style="width:220px"
            />
          </FormItem>
          <FormItem label="上架">
            <Switch {...switchField(form, 'onShelf')} />
          </FormItem>
          <FormItem
            label="图片"
            status={status('images')}
            tips={errors.value.images ?? '上传到云存储，可多张；第一张为主图，用箭头调整顺序'}
          >
            <ImageList images={images} previews={previews} />
          </FormItem>
          <FormItem label="商品介绍">
            <Textarea {...textField(form, 'description')} autosize={{ minRows: 3, maxRows: 8 }} maxlength={5000} />
          </FormItem>
          <FormItem label="排序" status={status('sort')} tips={errors.value.sort ?? '越大越靠前'}>
            <Input {...textField(form, 'sort')} style="width:220px" />
          </FormItem>
          <FormItem label="单品佣金" status={status('commission')} tips={errors.value.commission}>
            <div>
              <RadioGroup {...choiceField(commission, 'kind')}>
                <Radio value="default">跟随分销规则</Radio>
                <Radio value="rate">按比例</Radio>
                <Radio value="fixed">每件固定金额</Radio>
                <Radio value="none">不参与分佣</Radio>
              </RadioGroup>
              {commission.kind === 'rate' ? levelInputs(commission.rates, '%', '例如 15') : null}
              {commission.kind === 'fixed' ? levelInputs(commission.amounts, '元', '0.00') : null}
            </div>
          </FormItem>
        </Form>
        {failure.value ? <Alert theme="error" message={failure.value} data-testid="editor-error" /> : null}
      </Drawer>
    );
  },
});
