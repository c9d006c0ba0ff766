/**
 * Product detail. Opened with `?id=` from the catalogue, `?id=&inviter=` from a share card, or `?scene=<short code>`
 * from a poster's mini program code (the product comes from the binding's answer). Distributors see what their
 * own share earns and can share or make a poster; the share path carries their invite code.
 */
import { formatFen, STOCK_STATE_FOR_SHOPPER, type ProductDetail } from '@shop/contract';
import { addToCart, cartCount, setCheckoutItems } from '../../services/cart';
import { CloudError, toast } from '../../services/cloud';
import { cachedInviteCode, myInviteCode } from '../../services/distributor';
import { bindFromLaunch } from '../../services/invite';
import { fetchProduct } from '../../services/shop';
import { remainingMs } from '../../utils/time';
import type { ViewStatus } from '../home/index';

interface Data {
  status: ViewStatus;
  errorText: string;
  productId: string;
  product: ProductDetail | null;
  limitedRemaining: number;
  stockText: string;
  soldOut: boolean;
  stockTheme: 'default' | 'warning' | 'success';
  earnText: string;
  inviteCode: string;
  cartCount: number;
  currentImage: number;
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onAddToCart(): void;
  onBuyNow(): void;
  onGoCart(): void;
  onMakePoster(): void;
  onSwiperChange(e: WechatMiniprogram.SwiperChange): void;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    productId: '',
    product: null,
    limitedRemaining: 0,
    stockText: '',
    soldOut: false,
    stockTheme: 'success',
    earnText: '',
    inviteCode: '',
    cartCount: 0,
    currentImage: 0,
  },

  async onLoad(query) {
    this.setData({ cartCount: cartCount() });
    let productId = query.id ?? '';
    if (query.scene || query.inviter) {
      // The same code app.ts already sent: bindFromLaunch answers from its memory rather than binding twice.
      const outcome = await bindFromLaunch({ query });
      if (!productId && outcome?.productId) productId = outcome.productId;
    }
    if (!productId) {
      this.setData({ status: 'error', errorText: '商品不存在或已下架' });
      return;
    }
    this.setData({ productId });
    await this.load();
  },

  onShow() {
    this.setData({ cartCount: cartCount() });
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const product = await fetchProduct(this.data.productId);
      const limitedRemaining = product.limitedTime ? remainingMs(product.limitedTime.endsAt) : 0;
      this.setData({
        product,
        limitedRemaining,
        stockText:
          product.stockState === 'low'
            ? `${STOCK_STATE_FOR_SHOPPER.low}，仅剩 ${product.stock} 件`
            : STOCK_STATE_FOR_SHOPPER[product.stockState],
        soldOut: product.stockState === 'sold_out',
        stockTheme:
          product.stockState === 'sold_out' ? 'default' : product.stockState === 'low' ? 'warning' : 'success',
        earnText: product.earnFen !== null && product.earnFen !== undefined ? formatFen(product.earnFen) : '',
        status: 'ready',
      });
      if (product.earnFen !== null && product.earnFen !== undefined) {
        const code = await myInviteCode();
        this.setData({ inviteCode: code ?? '' });
      }
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  onRetry() {
    void this.load();
  },

  onSwiperChange(e) {
    this.setData({ currentImage: e.detail.current });
  },

  onAddToCart() {
    const product = this.data.product;
    if (!product || this.data.soldOut) return;
    addToCart({ productId: product.id, title: product.title, image: product.image });
    this.setData({ cartCount: cartCount() });
    toast('已加入购物车');
  },

  onBuyNow() {
    const product = this.data.product;
    if (!product || this.data.soldOut) return;
    setCheckoutItems([{ productId: product.id, quantity: 1, title: product.title, image: product.image }], false);
    wx.navigateTo({ url: '/pages/checkout/index' });
  },

  onGoCart() {
    wx.switchTab({ url: '/pages/cart/index' });
  },

  onMakePoster() {
    wx.navigateTo({ url: `/distributor/poster/index?productId=${this.data.productId}` });
  },

  onShareAppMessage() {
    const product = this.data.product;
    const code = this.data.inviteCode || cachedInviteCode();
    const path = `/pages/product/index?id=${this.data.productId}${code ? `&inviter=${code}` : ''}`;
    return {
      title: product ? `${product.title} ${formatFen(product.priceFen)}` : '好物推荐',
      path,
      imageUrl: product?.image ?? undefined,
    };
  },

  /** 分享到朋友圈: the same product and invite code, as a query (朋友圈 opens the page on its own, with it). */
  onShareTimeline() {
    const product = this.data.product;
    const code = this.data.inviteCode || cachedInviteCode();
    return {
      title: product ? `${product.title} ${formatFen(product.priceFen)}` : '好物推荐',
      query: `id=${this.data.productId}${code ? `&inviter=${code}` : ''}`,
      imageUrl: product?.image ?? undefined,
    };
  },
});
