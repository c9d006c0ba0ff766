/**
 * The spec picker: a sheet with one row of values per spec dimension (price and stock of the chosen SKU, values that
 * cannot be bought disabled), a quantity stepper, and one confirm button for what opened it (add to cart, buy now,
 * or a cart line changing its spec). A product without specs shows only the stepper. Prices shown are the server's;
 * the order is priced again on the server.
 */
import {
  formatFen,
  MAX_QUANTITY_PER_LINE,
  STOCK_STATE_FOR_SHOPPER,
  type ProductDetail,
  type ProductSku,
} from '@shop/contract';
import { chosenSku, dimensionChoices, selectionOf, toggle, type Selection } from './choice';

export type PickerAction = 'cart' | 'buy' | 'change';

/** What `confirm` carries. */
export interface PickedSku {
  action: PickerAction;
  skuId: string | null;
  skuLabel: string | null;
  quantity: number;
}

const CONFIRM_TEXT: Record<PickerAction, string> = { cart: '加入购物车', buy: '立即购买', change: '确定' };

function view(product: ProductDetail | null, selection: Selection, quantity: number) {
  const specs = product?.specs ?? [];
  const skus = product?.skus ?? [];
  const sku: ProductSku | null = chosenSku(skus, selection);
  const withSpecs = specs.length > 0;
  const stock = withSpecs ? (sku?.stock ?? null) : (product?.stock ?? 0);
  const priceFen = withSpecs ? (sku?.priceFen ?? product?.priceFen ?? 0) : (product?.priceFen ?? 0);
  const max = Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, stock ?? MAX_QUANTITY_PER_LINE));
  const missing = specs.filter((_spec, index) => selection[index] === null).map((spec) => spec.name);
  const soldOut = stock !== null && stock <= 0;
  return {
    dimensions: dimensionChoices(specs, skus, selection),
    priceFen,
    listPriceFen: sku?.listPriceFen ?? null,
    image: sku?.image ?? product?.image ?? null,
    stockText: stock === null ? '' : soldOut ? STOCK_STATE_FOR_SHOPPER.sold_out : `库存 ${stock} 件`,
    chosenText: missing.length ? `请选择 ${missing.join(' ')}` : sku ? `已选：${sku.skuLabel}` : '',
    quantity: Math.min(quantity, max),
    max,
    canConfirm: !soldOut && missing.length === 0 && (!withSpecs || sku !== null),
    priceText: formatFen(priceFen),
  };
}

Component({
  options: { addGlobalClass: true },
  properties: {
    product: { type: Object, value: null as unknown as ProductDetail },
    show: { type: Boolean, value: false },
    /** cart | buy | change */
    action: { type: String, value: 'cart' },
    /** The SKU a cart line has now (changing its spec starts from it). */
    skuId: { type: String, value: '' },
    quantity: { type: Number, value: 1 },
  },
  data: {
    selection: [] as Selection,
    dimensions: [] as ReturnType<typeof dimensionChoices>,
    priceFen: 0,
    listPriceFen: null as number | null,
    image: null as string | null,
    stockText: '',
    chosenText: '',
    max: 1,
    canConfirm: false,
    priceText: '',
    confirmText: CONFIRM_TEXT.cart,
  },
  observers: {
    'show, product, skuId'(show: boolean) {
      if (!show) return;
      const product = this.data.product as ProductDetail | null;
      const current = (product?.skus ?? []).find((sku) => sku.skuId === this.data.skuId);
      const selection = selectionOf(product?.specs ?? [], current);
      this.setData({
        selection,
        confirmText: CONFIRM_TEXT[(this.data.action as PickerAction) ?? 'cart'] ?? CONFIRM_TEXT.cart,
        ...view(product, selection, (this.data.quantity as number) || 1),
      });
    },
  },
  methods: {
    onValueTap(
      e: WechatMiniprogram.BaseEvent<Record<string, never>, { dimension: number; value: string; disabled: boolean }>,
    ) {
      const { dimension, value, disabled } = e.currentTarget.dataset;
      if (disabled) return;
      const selection = toggle(this.data.selection as Selection, Number(dimension), value);
      this.setData({ selection, ...view(this.data.product as ProductDetail, selection, this.data.quantity as number) });
    },
    onQuantityChange(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const quantity = Math.max(1, Math.min(this.data.max as number, Number(e.detail.value) || 1));
      this.setData({ quantity });
    },
    onConfirm() {
      if (!this.data.canConfirm) return;
      const product = this.data.product as ProductDetail;
      const sku = chosenSku(product.skus ?? [], this.data.selection as Selection);
      const picked: PickedSku = {
        action: this.data.action as PickerAction,
        skuId: sku?.skuId ?? null,
        skuLabel: sku?.skuLabel ?? null,
        quantity: this.data.quantity as number,
      };
      this.triggerEvent('confirm', picked);
    },
    onClose() {
      this.triggerEvent('close');
    },
    noop() {},
  },
});
