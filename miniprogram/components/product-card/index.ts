/** A product in the catalogue grid: image, title, the price in force, the limited-time countdown, stock state. */
import type { ProductCard, StockState } from '@shop/contract';
import { remainingMs } from '../../utils/time';

/** A card stays quiet while there is stock; the product page says 有货. */
const STOCK_TEXT: Readonly<Record<StockState, string>> = { in_stock: '', low: '库存紧张', sold_out: '已售罄' };

function view(product: ProductCard | null) {
  if (!product) return { remaining: 0, stockText: '', soldOut: false, limited: false };
  const remaining = product.limitedTime ? remainingMs(product.limitedTime.endsAt) : 0;
  return {
    remaining,
    limited: remaining > 0,
    stockText: STOCK_TEXT[product.stockState],
    soldOut: product.stockState === 'sold_out',
  };
}

Component({
  options: { addGlobalClass: true },
  properties: {
    product: { type: Object, value: null as unknown as ProductCard },
  },
  data: { remaining: 0, limited: false, stockText: '', soldOut: false },
  observers: {
    product(product: ProductCard | null) {
      this.setData(view(product));
    },
  },
  methods: {
    onTap() {
      const product = this.data.product as ProductCard | null;
      if (product) this.triggerEvent('select', { id: product.id });
    },
  },
});
