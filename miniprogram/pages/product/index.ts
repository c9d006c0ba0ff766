/**
 * Product detail. Opened with `?id=` from the catalogue, `?id=&inviter=` from a share card, or `?scene=<short code>`
 * from a poster's mini program code (the product comes from the binding's answer). Distributors see what their
 * own share earns and can share or make a poster; the share path carries their invite code. A product in a running
 * group-buy campaign offers 发起拼团; `?groupBuy=<campaignId>&groupId=` (the group page's 参与拼团) joins that group.
 * Either way buy now carries the choice to checkout, and the server decides the price and whether the group has room.
 * Views, cart adds and shares are reported (batched) for the figures and the distributor's funnel.
 */
import {
  formatFen,
  MAX_QUANTITY_PER_LINE,
  STOCK_STATE_FOR_SHOPPER,
  type CampaignCard,
  type ProductDetail,
} from '@shop/contract';
import type { PickedSku, PickerAction } from '../../components/spec-picker/index';
import { trackBehaviour } from '../../services/behaviour';
import { addToCart, cartCount, setCheckoutItems, type GroupBuyChoice } from '../../services/cart';
import { CloudError, toast } from '../../services/cloud';
import { cachedInviteCode, myInviteCode } from '../../services/distributor';
import { bindFromLaunch } from '../../services/invite';
import { fetchCampaigns } from '../../services/marketing';
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
  /** A product with specs is bought through the spec picker; one without has the quantity stepper on the page. */
  hasSpecs: boolean;
  specHint: string;
  quantity: number;
  maxQuantity: number;
  pickerShown: boolean;
  pickerAction: PickerAction;
  /** The group-buy campaign this page buys in (from the link, or the product's running one); '' when none. */
  groupCampaignId: string;
  /** The group to join (参与拼团); '' opens a new group (发起拼团). */
  joinGroupId: string;
  /** The campaign's card when the server lists it: group price and size to show. */
  groupCard: CampaignCard | null;
  /** The spec picker was opened by the group-buy button: its confirm buys in the group. */
  buyingInGroup: boolean;
  /** The invite code the share card carried, reported with the view. */
  arrivedWith: string;
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onAddToCart(): void;
  onBuyNow(): void;
  onGroupBuy(): void;
  loadGroupCampaign(): Promise<void>;
  onGoCart(): void;
  onMakePoster(): void;
  onSwiperChange(e: WechatMiniprogram.SwiperChange): void;
  onQuantityChange(e: WechatMiniprogram.CustomEvent<{ value: number }>): void;
  onOpenSpecs(): void;
  onSpecPicked(e: WechatMiniprogram.CustomEvent<PickedSku>): void;
  onSpecClose(): void;
  buy(picked: Omit<PickedSku, 'action'>, inGroup: boolean): void;
  addLine(picked: Omit<PickedSku, 'action'>): void;
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
    hasSpecs: false,
    specHint: '',
    quantity: 1,
    maxQuantity: MAX_QUANTITY_PER_LINE,
    pickerShown: false,
    pickerAction: 'cart',
    groupCampaignId: '',
    joinGroupId: '',
    groupCard: null,
    buyingInGroup: false,
    arrivedWith: '',
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
    this.setData({
      productId,
      groupCampaignId: query.groupBuy ?? '',
      joinGroupId: query.groupBuy ? (query.groupId ?? '') : '',
      arrivedWith: query.inviter ?? '',
    });
    await this.load();
    if (!this.data.product) return;
    trackBehaviour({ type: 'product_view', productId, distributor: this.data.arrivedWith });
    void this.loadGroupCampaign();
  },

  /** The product's running group buy (or the one the link names): a hint, so a failure just leaves it out. */
  async loadGroupCampaign() {
    try {
      const cards = await fetchCampaigns(this.data.productId, { silent: true });
      const wanted = this.data.groupCampaignId;
      const card = cards.find(
        (candidate) =>
          candidate.kind === 'group_buy' &&
          candidate.productId === this.data.productId &&
          (!wanted || candidate.id === wanted),
      );
      if (card) this.setData({ groupCard: card, groupCampaignId: card.id });
    } catch {
      // No strip: a 参与拼团 link still joins with the ids it carried; the server prices it.
    }
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
        hasSpecs: (product.skus ?? []).length > 0,
        specHint: (product.specs ?? []).length
          ? `请选择 ${(product.specs ?? []).map((spec) => spec.name).join(' ')}`
          : '',
        quantity: 1,
        maxQuantity: Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, product.stock)),
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

  onQuantityChange(e) {
    this.setData({ quantity: Math.max(1, Math.min(this.data.maxQuantity, Number(e.detail.value) || 1)) });
  },

  onAddToCart() {
    if (!this.data.product || this.data.soldOut) return;
    if (this.data.hasSpecs) {
      this.setData({ pickerShown: true, pickerAction: 'cart', buyingInGroup: false });
      return;
    }
    this.addLine({ skuId: null, skuLabel: null, quantity: this.data.quantity });
  },

  onBuyNow() {
    if (!this.data.product || this.data.soldOut) return;
    if (this.data.hasSpecs) {
      this.setData({ pickerShown: true, pickerAction: 'buy', buyingInGroup: false });
      return;
    }
    this.buy({ skuId: null, skuLabel: null, quantity: this.data.quantity }, false);
  },

  onGroupBuy() {
    if (!this.data.product || this.data.soldOut || !this.data.groupCampaignId) return;
    if (this.data.hasSpecs) {
      this.setData({ pickerShown: true, pickerAction: 'buy', buyingInGroup: true });
      return;
    }
    this.buy({ skuId: null, skuLabel: null, quantity: this.data.quantity }, true);
  },

  onOpenSpecs() {
    if (!this.data.soldOut) this.setData({ pickerShown: true, pickerAction: 'cart', buyingInGroup: false });
  },

  onSpecPicked(e) {
    const { action, ...picked } = e.detail;
    this.setData({ pickerShown: false, specHint: picked.skuLabel ? `已选 ${picked.skuLabel}` : this.data.specHint });
    if (action === 'buy') this.buy(picked, this.data.buyingInGroup);
    else this.addLine(picked);
  },

  onSpecClose() {
    this.setData({ pickerShown: false });
  },

  addLine({ skuId, skuLabel, quantity }) {
    const product = this.data.product;
    if (!product) return;
    addToCart({ productId: product.id, title: product.title, image: product.image, skuId, skuLabel }, quantity);
    this.setData({ cartCount: cartCount() });
    trackBehaviour({ type: 'add_to_cart', productId: product.id });
    toast('已加入购物车');
  },

  buy({ skuId, skuLabel, quantity }, inGroup) {
    const product = this.data.product;
    if (!product) return;
    const line = { productId: product.id, quantity, title: product.title, image: product.image };
    let groupBuy: GroupBuyChoice | undefined;
    if (inGroup && this.data.groupCampaignId) {
      groupBuy = { campaignId: this.data.groupCampaignId };
      if (this.data.joinGroupId) groupBuy.groupId = this.data.joinGroupId;
    }
    setCheckoutItems([skuId ? { ...line, skuId, skuLabel: skuLabel ?? '' } : line], false, groupBuy);
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
    trackBehaviour({ type: 'share', productId: this.data.productId, distributor: code ?? '' });
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
    trackBehaviour({ type: 'share', productId: this.data.productId, distributor: code ?? '' });
    return {
      title: product ? `${product.title} ${formatFen(product.priceFen)}` : '好物推荐',
      query: `id=${this.data.productId}${code ? `&inviter=${code}` : ''}`,
      imageUrl: product?.image ?? undefined,
    };
  },
});
