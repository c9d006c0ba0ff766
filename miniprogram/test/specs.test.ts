/**
 * The spec picker on the product page and in the cart, rendered with WeChat's compiler: price and stock per
 * choice, sold-out values disabled, a quantity stepper, add to cart and buy now with the chosen SKU, and a cart
 * line changing its spec and quantity. The cloud is answered in-process.
 */
import type { ProductDetail, ProductSku } from '@shop/contract';
import { config } from '../config';
import { forgetInviteCode } from '../services/distributor';
import { card, cloud, ok, order } from './support/fixtures';
import { recorder, render, resetWx, settle } from './support/harness';

beforeEach(() => {
  config.useLocalEmulator = false;
  forgetInviteCode();
});

const sku = (skuId: string, specValues: string[], priceFen: number, stock: number): ProductSku => ({
  skuId,
  specValues,
  skuLabel: specValues.join(' / '),
  priceFen,
  listPriceFen: null,
  stock,
  stockState: stock > 0 ? 'in_stock' : 'sold_out',
  image: null,
});

const snack: ProductDetail = {
  ...card('p-snack', { title: '坚果礼盒', priceFen: 1990 }),
  images: [],
  description: '',
  stock: 20,
  earnFen: null,
  specs: [
    { name: '口味', values: ['原味', '辣味'] },
    { name: '重量', values: ['250g', '500g'] },
  ],
  skus: [
    sku('s-a', ['原味', '250g'], 1990, 5),
    sku('s-b', ['原味', '500g'], 3550, 0),
    sku('s-c', ['辣味', '250g'], 2100, 7),
    sku('s-d', ['辣味', '500g'], 3800, 8),
  ],
};

function values(picker: any): Array<{ text: string; selected: boolean; disabled: boolean }> {
  return picker.querySelectorAll('.spec-picker__value').map((node: any) => ({
    text: node.dom.textContent,
    selected: node.dom.className.includes('spec-picker__value--selected'),
    disabled: node.dom.className.includes('spec-picker__value--disabled'),
  }));
}

async function tapValue(picker: any, text: string) {
  const node = picker
    .querySelectorAll('.spec-picker__value')
    .find((candidate: any) => candidate.dom.textContent === text);
  node.dispatchEvent('tap');
  await settle();
}

test('add to cart opens the picker: price and stock per choice, sold-out values disabled, then the chosen SKU goes in', async () => {
  resetWx(cloud({ 'shop.product': ok(snack) }));
  const product = render('pages/product/index');
  await product.page.onLoad({ id: 'p-snack' });
  await settle();
  expect(product.text()).toContain('请选择 口味 重量');
  await product.tap('.product__add');
  const picker = product.$('.product__picker');
  expect(picker.dom.textContent).toContain('请选择 口味 重量');
  await tapValue(picker, '原味');
  // 原味 / 500g is sold out: with 原味 chosen, 500g cannot be tapped.
  expect(values(picker)).toEqual([
    { text: '原味', selected: true, disabled: false },
    { text: '辣味', selected: false, disabled: false },
    { text: '250g', selected: false, disabled: false },
    { text: '500g', selected: false, disabled: true },
  ]);
  await tapValue(picker, '500g');
  expect(picker.instance.data.canConfirm).toBe(false);
  await tapValue(picker, '辣味');
  await tapValue(picker, '500g');
  expect(picker.dom.textContent).toContain('¥38.00');
  expect(picker.dom.textContent).toContain('库存 8 件');
  expect(picker.dom.textContent).toContain('已选：辣味 / 500g');
  picker.querySelector('.spec-picker__stepper').dispatchEvent('change', { detail: { value: 3 } });
  await settle();
  picker.querySelector('.spec-picker__confirm').dispatchEvent('tap');
  await settle();
  expect(recorder.toasts).toContain('已加入购物车');
  expect(recorder.storage.get('cart:v1')).toEqual([
    {
      productId: 'p-snack',
      skuId: 's-d',
      skuLabel: '辣味 / 500g',
      quantity: 3,
      title: '坚果礼盒',
      image: '/assets/products/p-snack.png',
      checked: true,
    },
  ]);
  expect(product.page.data.pickerShown).toBe(false);
});

test('the stepper stops at the chosen SKU’s stock; buy now sends that SKU to checkout', async () => {
  resetWx(cloud({ 'shop.product': ok(snack) }));
  const product = render('pages/product/index');
  await product.page.onLoad({ id: 'p-snack' });
  await settle();
  await product.tap('.product__buy');
  const picker = product.$('.product__picker');
  await tapValue(picker, '原味');
  await tapValue(picker, '250g');
  expect(picker.instance.data.max).toBe(5);
  picker.querySelector('.spec-picker__stepper').dispatchEvent('change', { detail: { value: 9 } });
  await settle();
  expect(picker.instance.data.quantity).toBe(5);
  expect(picker.dom.textContent).toContain('立即购买');
  picker.querySelector('.spec-picker__confirm').dispatchEvent('tap');
  await settle();
  expect(recorder.navigations).toContain('/pages/checkout/index');
  expect(recorder.storage.get('checkout:items')).toMatchObject({
    items: [{ productId: 'p-snack', skuId: 's-a', skuLabel: '原味 / 250g', quantity: 5 }],
    fromCart: false,
  });
});

test('a product without specs has a quantity stepper on the page; buy now takes that quantity', async () => {
  resetWx(cloud({ 'shop.product': ok({ ...snack, specs: [], skus: [], stock: 4 }) }));
  const product = render('pages/product/index');
  await product.page.onLoad({ id: 'p-snack' });
  await settle();
  await product.fire('.product__stepper', 'change', { value: 3 });
  await product.tap('.product__buy');
  expect(product.page.data.pickerShown).toBe(false);
  expect(recorder.storage.get('checkout:items')).toMatchObject({ items: [{ productId: 'p-snack', quantity: 3 }] });
  expect(
    (recorder.storage.get('checkout:items') as { items: Array<{ skuId?: string }> }).items[0]!.skuId,
  ).toBeUndefined();
});

test('the cart shows each line’s spec, changes it with the picker, and quotes by SKU', async () => {
  const quoteOf = (items: Array<{ productId: string; skuId?: string; quantity: number }>) => ({
    lines: items.map((item, line) => {
      const chosen = snack.skus.find((s) => s.skuId === item.skuId)!;
      return {
        line,
        productId: item.productId,
        skuId: chosen.skuId,
        specValues: chosen.specValues,
        skuLabel: chosen.skuLabel,
        title: '坚果礼盒',
        unitPriceFen: chosen.priceFen,
        limitedTimeApplied: false,
        quantity: item.quantity,
        listAmountFen: chosen.priceFen * item.quantity,
        discountFen: 0,
        paidFen: chosen.priceFen * item.quantity,
      };
    }),
    subtotalFen: 0,
    discountFen: 0,
    couponId: null,
    shippingFen: 0,
    totalFen: items.reduce(
      (sum, item) => sum + snack.skus.find((s) => s.skuId === item.skuId)!.priceFen * item.quantity,
      0,
    ),
  });
  resetWx(
    cloud({
      'shop.product': ok(snack),
      'shop.quote': (data: { items: Array<{ productId: string; skuId?: string; quantity: number }> }) =>
        ok(quoteOf(data.items)),
    }),
  );
  recorder.storage.set('cart:v1', [
    {
      productId: 'p-snack',
      skuId: 's-a',
      skuLabel: '原味 / 250g',
      quantity: 1,
      title: '坚果礼盒',
      image: null,
      checked: true,
    },
  ]);
  const cart = render('pages/cart/index');
  cart.page.onShow();
  await settle();
  expect(recorder.calls.at(-1)).toEqual({
    name: 'shop',
    data: { $url: 'quote', items: [{ productId: 'p-snack', skuId: 's-a', quantity: 1 }] },
  });
  expect(cart.text()).toContain('原味 / 250g');
  expect(cart.text()).toContain('¥19.90');

  await cart.tap('.cart__sku');
  const picker = cart.$('.cart__picker');
  expect(
    values(picker)
      .filter((value) => value.selected)
      .map((value) => value.text),
  ).toEqual(['原味', '250g']);
  await tapValue(picker, '辣味');
  picker.querySelector('.spec-picker__stepper').dispatchEvent('change', { detail: { value: 2 } });
  await settle();
  picker.querySelector('.spec-picker__confirm').dispatchEvent('tap');
  await settle();
  expect(recorder.storage.get('cart:v1')).toEqual([
    {
      productId: 'p-snack',
      skuId: 's-c',
      skuLabel: '辣味 / 250g',
      quantity: 2,
      title: '坚果礼盒',
      image: null,
      checked: true,
    },
  ]);
  expect(recorder.calls.at(-1)).toEqual({
    name: 'shop',
    data: { $url: 'quote', items: [{ productId: 'p-snack', skuId: 's-c', quantity: 2 }] },
  });
  expect(cart.text()).toContain('辣味 / 250g');
  expect(cart.page.data.quote.totalFen).toBe(4200);

  await cart.tap('.cart__checkout');
  expect(recorder.storage.get('checkout:items')).toMatchObject({
    items: [{ productId: 'p-snack', skuId: 's-c', skuLabel: '辣味 / 250g', quantity: 2 }],
    fromCart: true,
  });
});

test("an order shows its order number, not the internal id, and each line's spec", async () => {
  const placed = order('paid');
  const withSku = {
    ...placed,
    lines: [{ ...placed.lines[0]!, skuId: 's-d', specValues: ['辣味', '500g'], skuLabel: '辣味 / 500g' }],
  };
  resetWx(cloud({ 'orders.detail': ok(withSku), 'orders.list': ok({ orders: [withSku], page: 1, pageSize: 10 }) }));
  const detail = render('pages/order/detail/index');
  detail.page.onLoad({ orderId: 'ord-1' });
  detail.page.onShow();
  await settle();
  expect(detail.text()).toContain('订单号 20261203101500123456');
  expect(detail.text()).toContain('辣味 / 500g');
  const list = render('pages/order/list/index');
  list.page.onLoad({});
  list.page.onShow?.();
  await settle();
  expect(list.text()).toContain('每日坚果（辣味 / 500g）');
});
