/** Catalogue, product, cart and checkout pages rendered with miniprogram-simulate; the cloud is answered in-process. */
import { config } from '../config';
import { forgetInviteCode } from '../services/distributor';
import { recorder, render, resetWx, settle } from './support/harness';
import { card, cloud, fail, HOUR, ok } from './support/fixtures';
import type { Coupon, ProductDetail } from '@shop/contract';

beforeEach(() => {
  config.useLocalEmulator = false;
  forgetInviteCode();
});

describe('home', () => {
  test('shows product cards with price, limited-time price and countdown, and stock state', async () => {
    resetWx(
      cloud({
        'shop.categories': ok([{ _id: 'cat-tea', name: '茶饮', sort: 1 }]),
        'shop.products': ok({
          items: [
            card('p1', {
              title: '云南普洱',
              priceFen: 12800,
              listPriceFen: 15800,
              limitedTime: { priceFen: 12800, endsAt: Date.now() + 26 * HOUR },
              stockState: 'low',
            }),
            card('p2', { title: '芒果干', stockState: 'sold_out' }),
          ],
          hasMore: true,
        }),
      }),
    );
    const home = render('pages/home/index');
    home.page.onLoad({});
    await settle();
    const text = home.text();
    expect(text).toContain('云南普洱');
    expect(text).toContain('¥128.00');
    expect(text).toContain('¥158.00');
    expect(text).toContain('限时价');
    expect(text).toMatch(/01天0[12]:\d\d:\d\d/);
    expect(text).toContain('库存紧张');
    expect(text).toContain('已售罄');
    expect(text).toContain('茶饮');
    expect(recorder.calls).toEqual([
      // The campaign strip asks for running campaigns.
      { name: 'shop', data: { $url: 'campaigns' } },
      { name: 'shop', data: { $url: 'categories' } },
      { name: 'shop', data: { $url: 'products', page: 1, pageSize: 10 } },
      { name: 'shop', data: { $url: 'store' } },
    ]);
  });

  test('category, search and paging ask the server with the right query', async () => {
    resetWx(
      cloud({
        'shop.categories': ok([{ _id: 'cat-tea', name: '茶饮', sort: 1 }]),
        'shop.products': (data: { page: number }) => ok({ items: [card(`p${data.page}`)], hasMore: data.page < 2 }),
      }),
    );
    const home = render('pages/home/index');
    home.page.onLoad({});
    await settle();
    home.page.onReachBottom();
    await settle();
    expect(home.page.data.products.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
    expect(home.text()).toContain('没有更多了');

    recorder.calls.length = 0;
    home.$$('.home__category')[1].dispatchEvent('tap');
    await settle();
    expect(recorder.calls.at(-1)).toEqual({
      name: 'shop',
      data: { $url: 'products', page: 1, pageSize: 10, categoryId: 'cat-tea' },
    });

    await home.fire('.home__search-box', 'change', { value: '坚果' });
    await home.fire('.home__search-box', 'submit', { value: '坚果' });
    expect(recorder.calls.at(-1)).toEqual({
      name: 'shop',
      data: { $url: 'products', page: 1, pageSize: 10, categoryId: 'cat-tea', q: '坚果' },
    });

    home.$('.home__card').querySelector('.product-card').dispatchEvent('tap');
    await settle();
    expect(recorder.navigations).toContain('/pages/product/index?id=p1');
  });

  test('empty and error states; retry loads again', async () => {
    let failing = true;
    resetWx(
      cloud({
        'shop.categories': ok([]),
        'shop.products': () => (failing ? fail('INTERNAL', 'boom') : ok({ items: [], hasMore: false })),
      }),
    );
    const home = render('pages/home/index');
    home.page.onLoad({});
    await settle();
    expect(home.page.data.status).toBe('error');
    expect(home.text()).toContain('系统繁忙，请稍后再试');
    expect(recorder.toasts).toContain('系统繁忙，请稍后再试');
    failing = false;
    await home.retry();
    expect(home.page.data.status).toBe('empty');
    expect(home.text()).toContain('这个分类还没有商品');
  });
});

describe('product', () => {
  const detail: ProductDetail = {
    ...card('p-nuts', { title: '每日坚果' }),
    images: ['/assets/products/p-nuts.png'],
    description: '好吃',
    stock: 500,
    earnFen: 1485,
    specs: [],
    skus: [],
  };

  test('a distributor sees what their share earns, and the share path carries their invite code', async () => {
    resetWx(
      cloud({
        'shop.product': ok(detail),
        'distributorCenter.summary': ok({ status: 'approved', inviteCode: 'ABC123' }),
      }),
    );
    const product = render('pages/product/index');
    await product.page.onLoad({ id: 'p-nuts' });
    await settle();
    expect(product.text()).toContain('分享赚 ¥14.85');
    expect(product.text()).toContain('¥99.00');
    expect(product.page.onShareAppMessage()).toMatchObject({ path: '/pages/product/index?id=p-nuts&inviter=ABC123' });
    await product.tap('.product__add');
    expect(recorder.toasts).toContain('已加入购物车');
    expect(recorder.storage.get('cart:v1')).toEqual([
      { productId: 'p-nuts', quantity: 1, title: '每日坚果', image: '/assets/products/p-nuts.png', checked: true },
    ]);
    await product.tap('.product__buy');
    expect(recorder.navigations).toContain('/pages/checkout/index');
    expect(recorder.storage.get('checkout:items')).toMatchObject({
      items: [{ productId: 'p-nuts', quantity: 1 }],
      fromCart: false,
    });
  });

  test('a shopper sees no earnings; sold out disables buying; an unknown product is an error state', async () => {
    resetWx(
      cloud({
        'shop.product': (data: { id: string }) =>
          data.id === 'gone'
            ? fail('PRODUCT_UNAVAILABLE', '商品已下架或不存在')
            : ok({ ...detail, earnFen: null, stockState: 'sold_out', stock: 0 }),
      }),
    );
    const product = render('pages/product/index');
    await product.page.onLoad({ id: 'p-nuts' });
    await settle();
    expect(product.text()).not.toContain('分享赚');
    expect(product.text()).toContain('已售罄');
    // The product, what others bought with it, the coupons to claim for it and its campaigns (for 发起拼团).
    expect(recorder.calls.map((c) => c.data)).toEqual([
      { $url: 'product', id: 'p-nuts' },
      { $url: 'alsoBought', productId: 'p-nuts' },
      { $url: 'claimableCoupons', productId: 'p-nuts' },
      { $url: 'campaigns', productId: 'p-nuts' },
    ]);
    expect(product.page.onShareAppMessage().path).toBe('/pages/product/index?id=p-nuts');
    await product.tap('.product__buy');
    expect(recorder.navigations).toEqual([]);

    const gone = render('pages/product/index');
    await gone.page.onLoad({ id: 'gone' });
    await settle();
    expect(gone.text()).toContain('商品已下架或不存在');
  });
});

describe('cart and checkout', () => {
  const quote = (items: Array<{ productId: string; quantity: number }>, couponId?: string) => ({
    lines: items.map((item, line) => ({
      line,
      productId: item.productId,
      title: '每日坚果',
      unitPriceFen: 9900,
      limitedTimeApplied: false,
      quantity: item.quantity,
      listAmountFen: 9900 * item.quantity,
      discountFen: 0,
      paidFen: 9900 * item.quantity,
    })),
    subtotalFen: 9900 * items[0]!.quantity,
    discountFen: couponId ? 1000 : 0,
    couponId: couponId ?? null,
    shippingFen: 0,
    totalFen: 9900 * items[0]!.quantity - (couponId ? 1000 : 0),
  });

  test('the cart shows the server total for the checked lines and asks again when a quantity changes', async () => {
    resetWx(
      cloud({
        'shop.quote': (data: { items: Array<{ productId: string; quantity: number }> }) => ok(quote(data.items)),
      }),
    );
    recorder.storage.set('cart:v1', [
      { productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null, checked: true },
    ]);
    const cart = render('pages/cart/index');
    cart.page.onShow();
    await settle();
    expect(recorder.calls.at(-1)).toEqual({
      name: 'shop',
      data: { $url: 'quote', items: [{ productId: 'p-nuts', quantity: 1 }] },
    });
    expect(cart.text()).toContain('¥99.00');
    await cart.fire('.cart__stepper', 'change', { value: 3 });
    expect(recorder.calls.at(-1)).toEqual({
      name: 'shop',
      data: { $url: 'quote', items: [{ productId: 'p-nuts', quantity: 3 }] },
    });
    expect(cart.page.data.quote.totalFen).toBe(29700);
    expect(cart.text()).toContain('¥297.00');
    await cart.tap('.cart__checkout');
    expect(recorder.navigations).toContain('/pages/checkout/index');
    expect(recorder.storage.get('checkout:items')).toMatchObject({
      items: [{ productId: 'p-nuts', quantity: 3 }],
      fromCart: true,
    });
  });

  test('an empty cart says so', async () => {
    resetWx();
    const cart = render('pages/cart/index');
    cart.page.onShow();
    await settle();
    expect(cart.text()).toContain('购物车还是空的');
  });

  test('checkout: coupon, address, placeOrder with a saved requestId, then wx.requestPayment with its payment', async () => {
    const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' };
    const coupons: Coupon[] = [
      {
        id: 'cp-1',
        title: '新人券',
        kind: 'amount_off',
        amountFen: 1000,
        rateBp: undefined,
        minSpendFen: 5000,
        validTo: undefined,
      },
      {
        id: 'cp-2',
        title: '九折券',
        kind: 'percent_off',
        amountFen: undefined,
        rateBp: 1000,
        minSpendFen: undefined,
        validTo: undefined,
      },
    ];
    resetWx(
      cloud({
        'shop.coupons': ok(coupons),
        'shop.quote': (data: { items: Array<{ productId: string; quantity: number }>; couponId?: string }) =>
          ok(quote(data.items, data.couponId)),
        placeOrder: ok({ orderId: 'ord-9', totalFen: 8900, outTradeNo: 'O123', payment }),
      }),
    );
    const requestPayment = jest.fn(async () => ({ errMsg: 'requestPayment:ok' }));
    (globalThis as any).wx.requestPayment = requestPayment;
    recorder.storage.set('checkout:items', {
      items: [{ productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null }],
      fromCart: false,
    });
    const checkout = render('pages/checkout/index');
    checkout.page.onLoad({});
    await settle();
    expect(checkout.text()).toContain('¥99.00');

    await checkout.tap('.checkout__submit');
    expect(recorder.toasts).toContain('请先选择收货地址');

    await checkout.fire('.checkout__coupon-cell', 'click');
    expect(checkout.text()).toContain('新人券（减¥10.00，满¥50.00可用）');
    expect(checkout.text()).toContain('九折券（立减 10%，无门槛）');
    checkout.$$('.checkout__coupon')[1].dispatchEvent('tap');
    await settle();
    expect(recorder.calls.at(-1)).toEqual({
      name: 'shop',
      data: { $url: 'quote', items: [{ productId: 'p-nuts', quantity: 1 }], couponId: 'cp-1' },
    });
    expect(checkout.text()).toContain('¥89.00');

    await checkout.tap('.checkout__address');
    await checkout.tap('.checkout__submit');
    const placed = recorder.calls.find((c) => c.name === 'placeOrder')!;
    expect(placed.data).toEqual({
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      items: [{ productId: 'p-nuts', quantity: 1 }],
      address: {
        userName: '张三',
        telNumber: '13800138000',
        provinceName: '广东省',
        cityName: '广州市',
        countyName: '海珠区',
        detailInfo: '新港中路397号',
        postalCode: '510000',
      },
      couponId: 'cp-1',
    });
    expect(requestPayment).toHaveBeenCalledWith(payment);
    expect(recorder.navigations).toContain('redirect:/pages/order/detail/index?orderId=ord-9');
    expect(recorder.storage.has('pending:placeOrder')).toBe(false);
  });

  test('a network failure keeps the requestId so the retry is the same order', async () => {
    let attempt = 0;
    resetWx(
      cloud({
        'shop.coupons': ok([]),
        'shop.quote': (data: { items: Array<{ productId: string; quantity: number }> }) => ok(quote(data.items)),
      }),
    );
    recorder.storage.set('checkout:items', {
      items: [{ productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null }],
      fromCart: false,
    });
    const callFunction = (globalThis as any).wx.cloud.callFunction;
    (globalThis as any).wx.cloud.callFunction = async (options: { name: string; data: any }) => {
      if (options.name === 'placeOrder' && attempt++ === 0) {
        recorder.calls.push({ name: options.name, data: options.data });
        throw new Error('timeout');
      }
      return callFunction(options.name === 'placeOrder' ? { ...options, name: 'placeOrder' } : options);
    };
    const checkout = render('pages/checkout/index');
    checkout.page.onLoad({});
    await settle();
    await checkout.tap('.checkout__address');
    await checkout.tap('.checkout__submit');
    expect(recorder.toasts).toContain('网络不给力，请稍后重试');
    await checkout.tap('.checkout__submit');
    const ids = recorder.calls.filter((c) => c.name === 'placeOrder').map((c) => c.data.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });
});
