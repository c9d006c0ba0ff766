/**
 * Specs (up to three: 口味, 重量…) and the SKU grid of every combination: price, 划线价 and stock per row, on/off,
 * and a bulk fill for price and stock. The state is the editor's (reactive arrays it owns); this only edits it.
 */
import { defineComponent, reactive, watch, type PropType } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Switch } from 'tdesign-vue-next/es/switch';
import { fillAll, gridFor, MAX_DIMENSIONS, specsOf, type SkuRow, type SpecDraft } from './specs';

export const SpecEditor = defineComponent({
  props: {
    drafts: { type: Array as PropType<SpecDraft[]>, required: true },
    rows: { type: Array as PropType<SkuRow[]>, required: true },
  },
  setup(props) {
    const bulk = reactive({ price: '', stock: '' });

    // The grid follows the specs: a new value adds rows, a removed one drops them, typed rows are kept.
    watch(
      () => props.drafts.map((draft) => `${draft.name}\u0000${draft.valuesText}`).join('\u0001'),
      () => props.rows.splice(0, props.rows.length, ...gridFor(specsOf(props.drafts), props.rows)),
    );

    const cell = (row: SkuRow, field: 'price' | 'listPrice' | 'stock', placeholder: string, index: number) => (
      <Input
        size="small"
        value={row[field]}
        placeholder={placeholder}
        data-testid={`sku-${field}-${index}`}
        onChange={(value) => (row[field] = String(value ?? ''))}
        style="width:110px"
      />
    );

    return () => (
      <div class="spec-editor" data-testid="spec-editor">
        {props.drafts.map((draft, index) => (
          <div class="field-row" key={index} style="margin-bottom:8px">
            <Input
              value={draft.name}
              placeholder="规格名，如 口味"
              maxlength={20}
              data-testid={`spec-name-${index}`}
              onChange={(value) => (draft.name = String(value ?? ''))}
              style="width:140px"
            />
            <Input
              value={draft.valuesText}
              placeholder="规格值，用逗号分隔，如 原味,辣味"
              data-testid={`spec-values-${index}`}
              onChange={(value) => (draft.valuesText = String(value ?? ''))}
              style="width:300px"
            />
            <Button variant="text" theme="danger" onClick={() => props.drafts.splice(index, 1)}>
              删除
            </Button>
          </div>
        ))}
        {props.drafts.length < MAX_DIMENSIONS ? (
          <Button
            variant="dashed"
            data-testid="add-spec"
            onClick={() => props.drafts.push({ name: '', valuesText: '' })}
          >
            添加规格（最多 {MAX_DIMENSIONS} 个）
          </Button>
        ) : null}
        {props.rows.length > 0 ? (
          <div style="margin-top:12px">
            <div class="field-row" style="margin-bottom:8px">
              <Input
                size="small"
                value={bulk.price}
                label="¥"
                placeholder="统一价格"
                data-testid="bulk-price"
                onChange={(value) => (bulk.price = String(value ?? ''))}
                style="width:140px"
              />
              <Input
                size="small"
                value={bulk.stock}
                suffix="件"
                placeholder="统一库存"
                data-testid="bulk-stock"
                onChange={(value) => (bulk.stock = String(value ?? ''))}
                style="width:140px"
              />
              <Button size="small" data-testid="bulk-apply" onClick={() => fillAll(props.rows, bulk.price, bulk.stock)}>
                批量设置
              </Button>
            </div>
            <table class="sku-grid" data-testid="sku-grid">
              <thead>
                <tr>
                  <th>规格</th>
                  <th>价格（元）</th>
                  <th>划线价（元）</th>
                  <th>库存</th>
                  <th>在售</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row, index) => (
                  <tr key={row.specValues.join('\u0000')}>
                    <td>{row.specValues.join(' / ')}</td>
                    <td>{cell(row, 'price', '例如 19.90', index)}</td>
                    <td>{cell(row, 'listPrice', '可不填', index)}</td>
                    <td>{cell(row, 'stock', '0', index)}</td>
                    <td>
                      <Switch size="small" value={row.enabled} onChange={(value) => (row.enabled = Boolean(value))} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    );
  },
});
