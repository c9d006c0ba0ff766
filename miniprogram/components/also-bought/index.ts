/**
 * 买了它的人还买了: the products most often bought with this one (refreshed daily by the co-purchase timer), as
 * product cards; nothing at all while there are none. Use on the product page: `<also-bought product-id="{{id}}" />`.
 */
import type { ProductCard } from '@shop/contract';
import { callCloud } from '../../services/cloud';

Component({
  options: { addGlobalClass: true },
  properties: {
    productId: { type: String, value: '' },
  },
  data: { products: [] as ProductCard[] },
  observers: {
    productId(productId: string) {
      void this.load(productId);
    },
  },
  methods: {
    async load(productId: string) {
      if (!productId) return this.setData({ products: [] });
      try {
        // A hint, not the page's content: a failure leaves the section out rather than showing an error.
        const products = await callCloud('shop', 'alsoBought', { productId }, { silent: true });
        if (productId === this.data.productId) this.setData({ products });
      } catch {
        this.setData({ products: [] });
      }
    },
    onSelect(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      void wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(event.detail.id)}` });
    },
  },
});
