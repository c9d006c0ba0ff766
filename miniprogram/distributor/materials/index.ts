/** Learning and promotion materials: copy a text or preview an image. */
import { CloudError, toast } from '../../services/cloud';
import { fetchMaterials } from '../../services/distributor';
import type { Material } from '../../services/types';
import type { ViewStatus } from '../../pages/home/index';

interface Data {
  status: ViewStatus;
  errorText: string;
  materials: Material[];
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onCopy(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>): void;
}

Page<Data, Custom>({
  data: { status: 'loading', errorText: '', materials: [] },
  onLoad() {
    void this.load();
  },
  async load() {
    this.setData({ status: 'loading' });
    try {
      const materials = await fetchMaterials();
      this.setData({ materials, status: materials.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },
  onRetry() {
    void this.load();
  },
  onCopy(e) {
    const material = this.data.materials[Number(e.currentTarget.dataset.index)];
    if (!material) return;
    wx.setClipboardData({ data: String(material.content ?? material.title ?? ''), success: () => toast('已复制') });
  },
});
