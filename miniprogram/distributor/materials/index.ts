/** Learning and promotion materials: read the text and pictures, copy the text, preview or save a picture. */
import { CloudError, toast } from '../../services/cloud';
import { fetchMaterials } from '../../services/distributor';
import { saveToAlbum } from '../../utils/album';
import type { Material } from '@shop/contract';
import type { ViewStatus } from '../../pages/home/index';

interface Data {
  status: ViewStatus;
  errorText: string;
  materials: Material[];
  saving: boolean;
}

type ImageEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { index: number; image: number }>;

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onCopy(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>): void;
  onPreview(e: ImageEvent): void;
  onSaveImage(e: ImageEvent): Promise<void>;
}

/** A file on the phone for a picture: cloud files are downloaded through wx.cloud, the rest through getImageInfo. */
async function localPathOf(src: string): Promise<string> {
  if (src.startsWith('cloud://')) return (await wx.cloud.downloadFile({ fileID: src })).tempFilePath;
  return (await wx.getImageInfo({ src })).path;
}

Page<Data, Custom>({
  data: { status: 'loading', errorText: '', materials: [], saving: false },
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
    wx.setClipboardData({ data: material.body, success: () => toast('已复制') });
  },
  onPreview(e) {
    const images = this.data.materials[Number(e.currentTarget.dataset.index)]?.images ?? [];
    const current = images[Number(e.currentTarget.dataset.image)];
    if (current) wx.previewImage({ urls: images, current });
  },
  async onSaveImage(e) {
    const src =
      this.data.materials[Number(e.currentTarget.dataset.index)]?.images?.[Number(e.currentTarget.dataset.image)];
    if (!src || this.data.saving) return;
    this.setData({ saving: true });
    try {
      await saveToAlbum(() => localPathOf(src));
    } finally {
      this.setData({ saving: false });
    }
  },
});
