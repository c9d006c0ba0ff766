/**
 * 海报背景: pictures the merchant uploads for distributors' posters (the mini program draws the product, price and
 * mini program code on the chosen one). Up to ten; each change is saved at once and audited.
 */
import { defineComponent, onMounted, ref } from 'vue';
import { Button } from 'tdesign-vue-next/es/button';
import { api } from '../../api';
import type { PosterBackground } from '../../api-types';
import { can } from '../../permissions';
import { messageOf } from '../../ui/errors';
import { showSuccess } from '../../ui/notify';

const MAX = 10;

export const PosterBackgrounds = defineComponent(() => {
  const items = ref<PosterBackground[]>([]);
  const previews = ref<Record<string, string>>({});
  const error = ref('');
  const busy = ref(false);
  onMounted(async () => {
    try {
      items.value = (await api.posterBackgrounds()).items;
    } catch (e) {
      error.value = messageOf(e);
    }
  });
  async function save(next: PosterBackground[], message: string): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      items.value = (await api.savePosterBackgrounds(next)).items;
      showSuccess(message);
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      busy.value = false;
    }
  }
  async function upload(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    busy.value = true;
    try {
      const stored = await api.uploadImage(file);
      const id = `bg-${Date.now().toString(36)}`;
      previews.value = { ...previews.value, [id]: stored.url };
      const name = file.name.replace(/\.[^.]+$/, '').slice(0, 20) || '背景';
      await save([...items.value, { id, name, fileID: stored.fileID }], '背景已添加');
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      busy.value = false;
    }
  }
  return () => (
    <div style="margin-top:12px" data-testid="poster-backgrounds">
      <p class="muted">
        分销员生成海报时可选择这些背景，商品图、价格和小程序码会画在背景上。建议竖图 600×920，小于 2 MB。
      </p>
      {items.value.length === 0 ? <p class="muted">还没有上传背景，海报使用默认白底样式。</p> : null}
      <ul>
        {items.value.map((item) => (
          <li key={item.id}>
            {previews.value[item.id] ? <img src={previews.value[item.id]} alt="" style="height:60px" /> : null}{' '}
            {item.name} <span class="muted mono">{item.fileID}</span>{' '}
            {can.runShop() ? (
              <Button
                size="small"
                variant="text"
                theme="danger"
                disabled={busy.value}
                onClick={() =>
                  void save(
                    items.value.filter((other) => other.id !== item.id),
                    '背景已删除',
                  )
                }
              >
                删除
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {error.value ? <p class="danger-text">{error.value}</p> : null}
      {can.runShop() && items.value.length < MAX ? (
        <label>
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={busy.value}
            onChange={(e) => void upload(e)}
          />
        </label>
      ) : null}
    </div>
  );
});
