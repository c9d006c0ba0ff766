/** A product in the catalogue grid: image, title, the price in force, the limited-time countdown, stock state. */
import { STOCK_STATE_FOR_SHOPPER, type ProductCard } from '@shop/contract';
import { remainingMs } from '../../utils/time';

function view(product: ProductCard | null) {
  if (!product) return { remaining: 0, stockText: '', soldOut: false, limited: false };
  const remaining = product.limitedTime ? remainingMs(product.limitedTime.endsAt) : 0;
  return {
    remaining,
    limited: remaining > 0,
    // A card stays quiet while there is stock; the product page says 有货.
    stockText: product.stockState === 'in_stock' ? '' : STOCK_STATE_FOR_SHOPPER[product.stockState],
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
