/** Learning materials and promotion copy that distributors read and copy in the mini program. */
import { defineComponent, onMounted, reactive, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { Dialog } from 'tdesign-vue-next/es/dialog';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { Radio, RadioGroup } from 'tdesign-vue-next/es/radio';
import { Textarea } from 'tdesign-vue-next/es/textarea';
import { Tabs, TabPanel } from 'tdesign-vue-next/es/tabs';
import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next/es/table';
import { MATERIAL_KIND_LABEL, optionsOf } from '../../../contract/src/labels';
import type { MaterialKind } from '../../../contract/src/states';
import { api } from '../api';
import type { MaterialDoc, MaterialInput } from '../api-types';
import { dateTime } from '../format';
import { can } from '../permissions';
import { confirmAction } from '../ui/dialogs';
import { messageOf } from '../ui/errors';
import { choiceField, textField } from '../ui/fields';
import { ListTable } from '../ui/ListTable';
import { showSuccess } from '../ui/notify';
import { usePagedList } from '../ui/paged';
import { PageHeader } from '../ui/PageHeader';

function blank() {
  return { title: '', kind: 'copy' as MaterialKind, body: '', images: '', sort: '0' };
}

export default defineComponent(() => {
  const list = usePagedList<MaterialDoc, { kind: string }>(
    (filters, paging) => api.materials({ kind: filters.kind || undefined, ...paging }),
    { kind: '' },
  );
  const editing = ref<MaterialDoc | 'new' | null>(null);
  const form = reactive(blank());
  const failure = ref('');
  const saving = ref(false);
  onMounted(list.load);

  function open(material: MaterialDoc | 'new'): void {
    Object.assign(form, blank());
    failure.value = '';
    if (material !== 'new') {
      Object.assign(form, {
        title: material.title,
        kind: material.kind,
        body: material.body,
        images: (material.images ?? []).join('\n'),
        sort: String(material.sort),
      });
    }
    editing.value = material;
  }

  async function save(): Promise<void> {
    const sort = /^-?\d{1,7}$/.test(form.sort.trim()) ? Number(form.sort.trim()) : NaN;
    if (!form.title.trim() || !form.body.trim()) return void (failure.value = '请填写标题和正文');
    if (Number.isNaN(sort)) return void (failure.value = '排序为整数，越大越靠前');
    const input: MaterialInput = {
      title: form.title.trim(),
      kind: form.kind,
      body: form.body.trim(),
      images: form.images
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      sort,
    };
    saving.value = true;
    failure.value = '';
    try {
      const current = editing.value;
      if (current === 'new') await api.createMaterial(input);
      else if (current) await api.updateMaterial(current._id, input);
      showSuccess('素材已保存');
      editing.value = null;
      await list.load();
    } catch (error) {
      failure.value = messageOf(error);
    } finally {
      saving.value = false;
    }
  }

  async function remove(material: MaterialDoc): Promise<void> {
    const done = await confirmAction({
      header: '删除素材',
      confirmText: '删除',
      danger: true,
      body: () => <p>删除「{material.title}」后，分销员将不再看到它。</p>,
      action: () => api.deleteMaterial(material._id),
    });
    if (done) {
      showSuccess('已删除');
      await list.load();
    }
  }

  const columns: PrimaryTableCol<TableRowData>[] = [
    { colKey: 'title', title: '标题' },
    { colKey: 'kind', title: '类型', cell: (_h, { row }) => MATERIAL_KIND_LABEL[(row as MaterialDoc).kind] },
    { colKey: 'body', title: '正文', ellipsis: true, cell: (_h, { row }) => (row as MaterialDoc).body.slice(0, 80) },
    { colKey: 'sort', title: '排序', align: 'right' },
    { colKey: 'createdAt', title: '创建时间', cell: (_h, { row }) => dateTime((row as MaterialDoc).createdAt) },
    {
      colKey: 'actions',
      title: '操作',
      fixed: 'right',
      cell: (_h, { row }) =>
        can.runShop() ? (
          <span class="row-actions">
            <Button size="small" variant="text" theme="primary" onClick={() => open(row as MaterialDoc)}>
              编辑
            </Button>
            <Button size="small" variant="text" theme="danger" onClick={() => void remove(row as MaterialDoc)}>
              删除
            </Button>
          </span>
        ) : null,
    },
  ];

  return () => (
    <div>
      <PageHeader
        title="推广素材"
        description="学习资料帮助分销员了解规则与话术；推广文案可在小程序中一键复制。"
        actions={() =>
          can.runShop() ? (
            <Button theme="primary" onClick={() => open('new')}>
              新建素材
            </Button>
          ) : null
        }
      />
      <div class="panel">
        <Tabs
          value={list.filters.kind}
          onChange={(value) => {
            list.filters.kind = String(value);
            void list.search();
          }}
        >
          <TabPanel value="" label="全部" />
          {optionsOf(MATERIAL_KIND_LABEL).map((kind) => (
            <TabPanel key={kind.value} value={kind.value} label={kind.label} />
          ))}
        </Tabs>
        <div style="margin-top:12px">
          <ListTable list={list} columns={columns} emptyText="还没有素材，点击右上角新建" testId="materials-table" />
        </div>
      </div>
      <Dialog
        visible={editing.value !== null}
        header={editing.value === 'new' ? '新建素材' : '编辑素材'}
        width="640px"
        confirmBtn={{ content: '保存', loading: saving.value }}
        cancelBtn="取消"
        onConfirm={() => void save()}
        onClose={() => (editing.value = null)}
      >
        <Form labelWidth="80px" colon={false}>
          <FormItem label="标题">
            <Input {...textField(form, 'title')} maxlength={60} />
          </FormItem>
          <FormItem label="类型">
            <RadioGroup {...choiceField(form, 'kind')}>
              <Radio value="copy">{MATERIAL_KIND_LABEL.copy}</Radio>
              <Radio value="guide">{MATERIAL_KIND_LABEL.guide}</Radio>
            </RadioGroup>
          </FormItem>
          <FormItem label="正文">
            <Textarea {...textField(form, 'body')} autosize={{ minRows: 5, maxRows: 12 }} maxlength={10000} />
          </FormItem>
          <FormItem label="图片" tips="每行一个图片地址，最多 9 张">
            <Textarea {...textField(form, 'images')} autosize={{ minRows: 2, maxRows: 4 }} />
          </FormItem>
          <FormItem label="排序" tips="越大越靠前">
            <Input {...textField(form, 'sort')} style="width:160px" />
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
