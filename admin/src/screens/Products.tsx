/** Products: search and filter, create and edit, on/off shelf, and the low-stock alert list. */
import { computed, defineComponent, onMounted, ref, shallowRef } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Input } from 'tdesign-vue-next/es/input';
import { Select } from 'tdesign-vue-next/es/select';
import { Switch } from 'tdesign-vue-next/es/switch';
import { Tabs, TabPanel } from 'tdesign-vue-next/es/tabs';
import { Table, type PrimaryTableCol, type TableRowData } from 'tdesign-vue-next/es/table';
import { Tag } from 'tdesign-vue-next/es/tag';
import { api } from '../api';
import type { CategoryDoc, LowStock, ProductDoc } from '../api-types';
import { yuan } from '../format';
import { can } from '../permissions';
import { textField } from '../ui/fields';
import { ListTable } from '../ui/ListTable';
import { showError, showSuccess } from '../ui/notify';
import { usePagedList } from '../ui/paged';
import { PageHeader } from '../ui/PageHeader';
import { overrideText } from './products/commission';
import { ProductEditor } from './products/ProductEditor';

interface Filters {
  q: string;
  categoryId: string;
  onShelf: string;
}

const DEFAULT_THRESHOLD = 10;

function Thumb(props: { src: string | undefined }) {
  // Demo images are mini program paths; anything that does not load shows the grey box.
  return props.src && /^(https?:|\/)/.test(props.src) ? (
    <img
      class="thumb"
      src={props.src}
      alt=""
      loading="lazy"
      onError={(event: Event) => ((event.target as HTMLImageElement).style.visibility = 'hidden')}
    />
  ) : (
    <span class="thumb" style="display:inline-block" />
  );
}

export default defineComponent(() => {
  const list = usePagedList<ProductDoc, Filters>(
    (filters, paging) =>
      api.products({
        q: filters.q.trim() || undefined,
        categoryId: filters.categoryId || undefined,
        onShelf: filters.onShelf === 'true' || filters.onShelf === 'false' ? filters.onShelf : undefined,
        ...paging,
      }),
    { q: '', categoryId: '', onShelf: '' },
  );
  const categories = shallowRef<CategoryDoc[]>([]);
  const lowStock = shallowRef<LowStock>();
  const levels = ref(2);
  const tab = ref<'all' | 'low'>('all');
  const editing = ref<ProductDoc | 'new' | null>(null);
  const shelving = ref<string | null>(null);

  const categoryName = computed(() => new Map(categories.value.map((category) => [category._id, category.name])));

  async function loadCategories(): Promise<void> {
    categories.value = (await api.categories().catch(() => ({ items: [] }))).items;
  }
  async function loadLowStock(): Promise<void> {
    lowStock.value = await api.lowStock().catch(() => undefined);
  }
  onMounted(() => {
    void list.load();
    void loadCategories();
    void loadLowStock();
    api.rules().then(
      (answer) => (levels.value = answer.current.levels),
      () => undefined,
    );
  });

  async function toggleShelf(product: ProductDoc, onShelf: boolean): Promise<void> {
    shelving.value = product._id;
    try {
      await api.setShelf(product._id, onShelf);
      showSuccess(`${product.title} 已${onShelf ? '上架' : '下架'}`);
      await list.load();
    } catch (error) {
      showError(error);
    } finally {
      shelving.value = null;
    }
  }

  async function edit(productId: string): Promise<void> {
    try {
      // The list may be stale (stock moves with every order): edit what is stored now.
      editing.value = await api.product(productId);
    } catch (error) {
      showError(error);
    }
  }

  const isLow = (product: ProductDoc) => product.stock <= (product.lowStockThreshold ?? DEFAULT_THRESHOLD);

  const columns: PrimaryTableCol<TableRowData>[] = [
    {
      colKey: 'images',
      title: '图片',
      width: 64,
      cell: (_h, { row }) => (
        <Thumb src={(row as ProductDoc & { thumbUrl?: string }).thumbUrl || (row as ProductDoc).images[0]} />
      ),
    },
    {
      colKey: 'title',
      title: '商品',
      cell: (_h, { row }) => (
        <div>
          <div>{(row as ProductDoc).title}</div>
          {(row as ProductDoc).specs ? (
            <div class="muted">
              {(row as ProductDoc).specs?.map((spec) => spec.name).join(' · ')} ·{' '}
              {Object.values((row as ProductDoc).skus ?? {}).filter((sku) => sku.enabled).length} 个规格
            </div>
          ) : null}
        </div>
      ),
    },
    {
      colKey: 'categoryId',
      title: '分类',
      cell: (_h, { row }) => categoryName.value.get((row as ProductDoc).categoryId) ?? '未分类',
    },
    {
      colKey: 'priceFen',
      title: '价格',
      align: 'right',
      cell: (_h, { row }) => {
        const product = row as ProductDoc;
        const offer = product.limitedTime;
        return (
          <div class="money">
            {yuan(product.priceFen)}
            {offer ? <div class="muted">限时 {yuan(offer.priceFen)}</div> : null}
          </div>
        );
      },
    },
    {
      colKey: 'stock',
      title: '库存',
      align: 'right',
      cell: (_h, { row }) => (
        <span class={isLow(row as ProductDoc) ? 'danger-text' : ''}>{(row as ProductDoc).stock}</span>
      ),
    },
    { colKey: 'sales', title: '销量', align: 'right' },
    { colKey: 'commission', title: '单品佣金', cell: (_h, { row }) => overrideText((row as ProductDoc).commission) },
    {
      colKey: 'onShelf',
      title: '上架',
      cell: (_h, { row }) => (
        <Switch
          value={(row as ProductDoc).onShelf}
          disabled={!can.runShop()}
          loading={shelving.value === (row as ProductDoc)._id}
          onChange={(value) => void toggleShelf(row as ProductDoc, Boolean(value))}
        />
      ),
    },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) =>
        can.runShop() ? (
          <Button size="small" variant="text" theme="primary" onClick={() => void edit((row as ProductDoc)._id)}>
            编辑
          </Button>
        ) : null,
    },
  ];

  const lowColumns: PrimaryTableCol<TableRowData>[] = [
    {
      colKey: 'title',
      title: '商品',
      cell: (_h, { row }) => (
        <div>
          <div>{(row as ProductDoc).title}</div>
          {(row as { skuLabel?: string }).skuLabel ? (
            <div class="muted">{(row as { skuLabel?: string }).skuLabel}</div>
          ) : null}
        </div>
      ),
    },
    {
      colKey: 'stock',
      title: '当前库存',
      align: 'right',
      cell: (_h, { row }) => <span class="danger-text">{(row as ProductDoc).stock}</span>,
    },
    {
      colKey: 'lowStockThreshold',
      title: '预警值',
      align: 'right',
      cell: (_h, { row }) =>
        String(
          (row as ProductDoc).lowStockThreshold ?? `${lowStock.value?.defaultThreshold ?? DEFAULT_THRESHOLD}（默认）`,
        ),
    },
    { colKey: 'onShelf', title: '状态', cell: (_h, { row }) => ((row as ProductDoc).onShelf ? '在售' : '已下架') },
    {
      colKey: 'actions',
      title: '操作',
      cell: (_h, { row }) =>
        can.runShop() ? (
          <Button size="small" variant="text" theme="primary" onClick={() => void edit((row as ProductDoc)._id)}>
            补货 / 编辑
          </Button>
        ) : null,
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="商品"
        description="价格以元填写、按分精确保存；单品佣金会覆盖分销规则中的比例。"
        actions={() =>
          can.runShop() ? (
            <Button theme="primary" onClick={() => (editing.value = 'new')}>
              新建商品
            </Button>
          ) : null
        }
      />
      <div class="panel">
        <Tabs value={tab.value} onChange={(value) => (tab.value = value as 'all' | 'low')}>
          <TabPanel
            value="all"
            label="全部商品"
            panel={() => (
              <div>
                <div class="filters" style="margin-top:12px">
                  <Input
                    {...textField(list.filters, 'q')}
                    placeholder="搜索商品名称"
                    clearable
                    onEnter={() => void list.search()}
                    onClear={() => void list.search()}
                  />
                  <Select
                    value={list.filters.categoryId}
                    placeholder="全部分类"
                    clearable
                    options={categories.value.map((category) => ({ label: category.name, value: category._id }))}
                    onChange={(value) => {
                      list.filters.categoryId = String(value ?? '');
                      void list.search();
                    }}
                    style="width:160px"
                  />
                  <Select
                    value={list.filters.onShelf}
                    placeholder="上下架"
                    clearable
                    options={[
                      { label: '在售', value: 'true' },
                      { label: '已下架', value: 'false' },
                    ]}
                    onChange={(value) => {
                      list.filters.onShelf = String(value ?? '');
                      void list.search();
                    }}
                    style="width:120px"
                  />
                  <Button onClick={() => void list.search()}>搜索</Button>
                </div>
                <ListTable list={list} columns={columns} emptyText="没有符合条件的商品" testId="products-table" />
              </div>
            )}
          />
          <TabPanel
            value="low"
            label={() => (
              <span>
                库存预警{' '}
                {lowStock.value && lowStock.value.items.length > 0 ? (
                  <Tag theme="danger" size="small" variant="light">
                    {lowStock.value.items.length}
                  </Tag>
                ) : null}
              </span>
            )}
            panel={() => (
              <div style="margin-top:12px">
                <Table
                  rowKey="rowKey"
                  data={(lowStock.value?.items ?? []).map((item) => ({
                    ...item,
                    rowKey: `${item._id}:${(item as { skuId?: string }).skuId ?? ''}`,
                  }))}
                  columns={lowColumns}
                  loading={!lowStock.value}
                  empty="没有库存不足的商品"
                />
              </div>
            )}
          />
        </Tabs>
      </div>
      <ProductEditor
        editing={editing.value}
        categories={categories.value}
        levels={levels.value}
        onClose={() => (editing.value = null)}
        onCategoryCreated={() => void loadCategories()}
        onSaved={() => {
          showSuccess(editing.value === 'new' ? '商品已创建' : '商品已保存');
          editing.value = null;
          void list.load();
          void loadLowStock();
        }}
      />
    </div>
  );
});
