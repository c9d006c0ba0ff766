/** The cart: quantities, selection, and the server's quote for the selected lines (no client-side totals). */
import { MAX_QUANTITY_PER_LINE, type Quote } from '@shop/contract';
import {
  readCart,
  removeFromCart,
  setCheckoutItems,
  setChecked,
  setQuantity,
  type CartEntry,
} from '../../services/cart';
import { CloudError } from '../../services/cloud';
import { fetchQuote } from '../../services/shop';
import type { ViewStatus } from '../home/index';

interface CartRow extends CartEntry {
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
}

interface Custom {
  refresh(): Promise<void>;
  onQuantityChange(e: WechatMiniprogram.CustomEvent<{ value: number }, Record<string, never>, { id: string }>): void;
  onCheckChange(e: WechatMiniprogram.CustomEvent<{ checked: boolean }, Record<string, never>, { id: string }>): void;
  onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onCheckout(): void;
  onGoShopping(): void;
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
  },

  onShow() {
    void this.refresh();
  },

  async refresh() {
    const entries = readCart();
    const checked = entries.filter((entry) => entry.checked);
    this.setData({
      rows: entries.map((entry) => ({ ...entry, unitPriceFen: null, paidFen: null })),
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
      const quote = await fetchQuote(checked.map(({ productId, quantity }) => ({ productId, quantity })));
      const byProduct = new Map(quote.lines.map((line) => [line.productId, line]));
      this.setData({
        quote,
        quoting: false,
        rows: entries.map((entry) => ({
          ...entry,
          unitPriceFen: byProduct.get(entry.productId)?.unitPriceFen ?? null,
          paidFen: byProduct.get(entry.productId)?.paidFen ?? null,
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
      checked.map(({ productId, quantity, title, image }) => ({ productId, quantity, title, image })),
      true,
    );
    wx.navigateTo({ url: '/pages/checkout/index' });
  },

  onGoShopping() {
    wx.switchTab({ url: '/pages/home/index' });
  },
});
