/**
 * A product poster: the product image, title and price, and a mini program code from `wxacode.getUnlimited`
 * (the short share code in `scene`), drawn on a 2d canvas and saved to the album. Opened without a product it
 * first lists products to choose from.
 */
import {
  formatFen,
  type Poster,
  type PosterBackgroundView,
  type ProductCard,
  type ProductDetail,
} from '@shop/contract';
import { CloudError, toast } from '../../services/cloud';
import { fetchPoster, fetchPosterBackgrounds } from '../../services/distributor';
import { saveToAlbum } from '../../utils/album';
import { fetchProduct, fetchProducts } from '../../services/shop';
import type { ViewStatus } from '../../pages/home/index';

const WIDTH = 300;
const HEIGHT = 460;

interface Data {
  status: ViewStatus;
  errorText: string;
  choosing: boolean;
  products: ProductCard[];
  product: ProductDetail | null;
  poster: Poster | null;
  drawn: boolean;
  saving: boolean;
  /** The merchant's backgrounds; the code and product are drawn on the chosen one ('' = plain white). */
  backgrounds: PosterBackgroundView[];
  backgroundId: string;
}

interface Custom {
  canvas: WechatMiniprogram.Canvas | null;
  load(productId: string): Promise<void>;
  draw(): Promise<void>;
  onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onBackground(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onSave(): Promise<void>;
  onRetry(): void;
}

function loadImage(canvas: WechatMiniprogram.Canvas, src: string): Promise<WechatMiniprogram.Image> {
  return new Promise((resolve, reject) => {
    const image = canvas.createImage();
    image.onload = () => resolve(image);
    image.onerror = reject;
    image.src = src;
  });
}

Page<Data, Custom>({
  canvas: null,
  data: {
    status: 'loading',
    errorText: '',
    choosing: false,
    products: [],
    product: null,
    poster: null,
    drawn: false,
    saving: false,
    backgrounds: [],
    backgroundId: '',
  },

  async onLoad(query) {
    if (query.productId) {
      await this.load(query.productId);
      return;
    }
    try {
      const { items } = await fetchProducts({ page: 1, pageSize: 20 });
      this.setData({ choosing: true, products: items, status: items.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  async load(productId) {
    this.setData({ status: 'loading', choosing: false, drawn: false });
    try {
      const [product, poster, backgrounds] = await Promise.all([
        fetchProduct(productId),
        fetchPoster(productId),
        fetchPosterBackgrounds().catch((): PosterBackgroundView[] => []),
      ]);
      this.setData({ product, poster, backgrounds, status: 'ready' });
      await this.draw();
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '海报生成失败' });
    }
  },

  async draw() {
    const { product, poster } = this.data;
    if (!product || !poster) return;
    try {
      const res = await new Promise<Array<{ node: WechatMiniprogram.Canvas } | null>>((resolve) =>
        wx.createSelectorQuery().select('#poster').fields({ node: true, size: true }).exec(resolve),
      );
      const canvas = res?.[0]?.node;
      if (!canvas) return;
      const ratio = wx.getWindowInfo().pixelRatio;
      canvas.width = WIDTH * ratio;
      canvas.height = HEIGHT * ratio;
      const ctx = canvas.getContext('2d') as WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;
      ctx.scale(ratio, ratio);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, WIDTH, HEIGHT);
      const background = this.data.backgrounds.find((b) => b.id === this.data.backgroundId);
      if (background?.url) {
        // The merchant's design fills the poster; the product sits on it and the text on a light panel.
        ctx.drawImage(await loadImage(canvas, background.url), 0, 0, WIDTH, HEIGHT);
        if (product.image) ctx.drawImage(await loadImage(canvas, product.image), 30, 20, WIDTH - 60, WIDTH - 60);
        ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
        ctx.fillRect(0, WIDTH, WIDTH, HEIGHT - WIDTH);
      } else if (product.image) ctx.drawImage(await loadImage(canvas, product.image), 0, 0, WIDTH, WIDTH);
      ctx.fillStyle = '#222222';
      ctx.font = '15px sans-serif';
      ctx.fillText(product.title.slice(0, 16), 16, WIDTH + 30);
      ctx.fillStyle = '#fa4126';
      ctx.font = 'bold 22px sans-serif';
      ctx.fillText(formatFen(product.priceFen), 16, WIDTH + 66);
      ctx.fillStyle = '#999999';
      ctx.font = '11px sans-serif';
      ctx.fillText('长按识别小程序码', 16, WIDTH + 100);
      ctx.fillText(`邀请码 ${poster.code}`, 16, WIDTH + 118);
      if (poster.tempFileURL)
        ctx.drawImage(await loadImage(canvas, poster.tempFileURL), WIDTH - 116, WIDTH + 20, 100, 100);
      this.canvas = canvas;
      this.setData({ drawn: true });
    } catch {
      toast('海报图片加载失败，请稍后重试');
    }
  },

  onChoose(e) {
    void this.load(e.currentTarget.dataset.id);
  },

  onBackground(e) {
    this.setData({ backgroundId: e.currentTarget.dataset.id, drawn: false });
    void this.draw();
  },

  async onSave() {
    if (!this.canvas || this.data.saving) return;
    this.setData({ saving: true });
    try {
      const canvas = this.canvas;
      // The export runs inside saveToAlbum, so its failure is reported like a failed save.
      await saveToAlbum(
        async () =>
          (await wx.canvasToTempFilePath({ canvas, fileType: 'png' } as WechatMiniprogram.CanvasToTempFilePathOption))
            .tempFilePath,
      );
    } finally {
      this.setData({ saving: false });
    }
  },

  onRetry() {
    const productId = this.data.product?.id;
    if (productId) void this.load(productId);
  },
});
