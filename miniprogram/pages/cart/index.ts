/**
 * The cart: quantities, specs, selection, and the server's quote for the selected lines (no client-side totals). A
 * line of a product with specs changes its spec with the same picker as the product page.
 */
import { MAX_QUANTITY_PER_LINE, type ProductDetail, type Quote } from '@shop/contract';
import type { PickedSku } from '../../components/spec-picker/index';
import {
  changeSku,
  lineKey,
  orderItem,
  readCart,
  removeFromCart,
  setCheckoutItems,
  setChecked,
  setQuantity,
  type CartEntry,
} from '../../services/cart';
import { CloudError, toast } from '../../services/cloud';
import { fetchProduct, fetchQuote } from '../../services/shop';
import type { ViewStatus } from '../home/index';

interface CartRow extends CartEntry {
  key: string;
  unitPriceFen: number | null;
  paidFen: number | null;
}

interface Data {
  status: ViewStatus;
  rows: CartRow[];
  quote: Quote | null;
  quoting: boolean;
  quoteError: string;
  checkedCount: number;
  /** The stepper's limit: what the server accepts in one line. */
  maxQuantity: number;
  /** The line whose spec is being changed, and its product as the server has it now. */
  editingKey: string;
  editingProduct: ProductDetail | null;
  editingSkuId: string;
  editingQuantity: number;
}

interface Custom {
  refresh(): Promise<void>;
  onQuantityChange(e: WechatMiniprogram.CustomEvent<{ value: number }, Record<string, never>, { id: string }>): void;
  onCheckChange(e: WechatMiniprogram.CustomEvent<{ checked: boolean }, Record<string, never>, { id: string }>): void;
  onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onCheckout(): void;
  onGoShopping(): void;
  onEditSpec(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): Promise<void>;
  onSpecPicked(e: WechatMiniprogram.CustomEvent<PickedSku>): void;
  onSpecClose(): void;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    rows: [],
    quote: null,
    quoting: false,
    quoteError: '',
    checkedCount: 0,
    maxQuantity: MAX_QUANTITY_PER_LINE,
    editingKey: '',
    editingProduct: null,
    editingSkuId: '',
    editingQuantity: 1,
  },

  onShow() {
    void this.refresh();
  },

  async refresh() {
    const entries = readCart();
    const checked = entries.filter((entry) => entry.checked);
    this.setData({
      rows: entries.map((entry) => ({ ...entry, key: lineKey(entry), unitPriceFen: null, paidFen: null })),
      status: entries.length ? 'ready' : 'empty',
      checkedCount: checked.reduce((sum, entry) => sum + entry.quantity, 0),
      quoteError: '',
    });
    if (!checked.length) {
      this.setData({ quote: null });
      return;
    }
    this.setData({ quoting: true });
    try {
      const quote = await fetchQuote(checked.map(orderItem));
      const byLine = new Map(quote.lines.map((line) => [lineKey(line), line]));
      this.setData({
        quote,
        quoting: false,
        rows: entries.map((entry) => ({
          ...entry,
          key: lineKey(entry),
          unitPriceFen: byLine.get(lineKey(entry))?.unitPriceFen ?? null,
          paidFen: byLine.get(lineKey(entry))?.paidFen ?? null,
        })),
      });
    } catch (error) {
      this.setData({
        quote: null,
        quoting: false,
        quoteError: error instanceof CloudError ? error.message : '价格计算失败',
      });
    }
  },

  onQuantityChange(e) {
    setQuantity(e.currentTarget.dataset.id, Number(e.detail.value));
    void this.refresh();
  },

  onCheckChange(e) {
    setChecked(e.currentTarget.dataset.id, !!e.detail.checked);
    void this.refresh();
  },

  onRemove(e) {
    removeFromCart([e.currentTarget.dataset.id]);
    void this.refresh();
  },

  onCheckout() {
    const checked = readCart().filter((entry) => entry.checked);
    if (!checked.length || !this.data.quote) return;
    setCheckoutItems(
      checked.map(({ productId, skuId, skuLabel, quantity, title, image }) =>
        skuId ? { productId, skuId, skuLabel, quantity, title, image } : { productId, quantity, title, image },
      ),
      true,
    );
    wx.navigateTo({ url: '/pages/checkout/index' });
  },

  onGoShopping() {
    wx.switchTab({ url: '/pages/home/index' });
  },

  async onEditSpec(e) {
    const key = e.currentTarget.dataset.id;
    const entry = readCart().find((candidate) => lineKey(candidate) === key);
    if (!entry) return;
    try {
      const product = await fetchProduct(entry.productId);
      this.setData({
        editingKey: key,
        editingProduct: product,
        editingSkuId: entry.skuId ?? '',
        editingQuantity: entry.quantity,
      });
    } catch (error) {
      toast(error instanceof CloudError ? error.message : '加载失败');
    }
  },

  onSpecPicked(e) {
    const { skuId, skuLabel, quantity } = e.detail;
    const key = this.data.editingKey;
    if (skuId) changeSku(key, { skuId, skuLabel: skuLabel ?? '' }, quantity);
    else setQuantity(key, quantity);
    this.setData({ editingKey: '', editingProduct: null });
    void this.refresh();
  },

  onSpecClose() {
    this.setData({ editingKey: '', editingProduct: null });
  },
});
