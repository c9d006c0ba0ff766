/** The coupon centre, the campaign strip and the group page rendered with miniprogram-simulate; cloud in-process. */
import { config } from '../config';
import { recorder, render, resetWx, settle } from './support/harness';
import { card, cloud, fail, HOUR, ok } from './support/fixtures';
import type { CampaignCard, ClaimableCoupon, GroupView, ProductDetail } from '@shop/contract';

beforeEach(() => {
  config.useLocalEmulator = false;
});

const coupon = (id: string, extra: Partial<ClaimableCoupon> = {}): ClaimableCoupon => ({
  id,
  title: '满100减10',
  kind: 'amount_off',
  amountFen: 1000,
  minSpendFen: 10000,
  validFrom: Date.now() - HOUR,
  validTo: Date.now() + 48 * HOUR,
  productIds: [],
  categoryIds: [],
  remaining: 5,
  claimedByMe: 0,
  perUser: 1,
  ...extra,
});

test('the coupon centre lists coupons, claims one, and shows markup in a title as text', async () => {
  let claimed = 0;
  resetWx(
    cloud({
      'shop.claimableCoupons': () =>
        ok([coupon('c1', { claimedByMe: claimed }), coupon('c2', { title: '<b>粗体</b>', remaining: 0 })]),
      'shop.claimCoupon': () => {
        claimed = 1;
        return ok({ userCouponId: 'uc-1' });
      },
    }),
  );
  const centre = render('marketing/coupons/index');
  await settle();
  const text = centre.text();
  expect(text).toContain('减¥10.00');
  expect(text).toContain('满¥100.00可用');
  expect(text).toContain('<b>粗体</b>');
  expect(text).toContain('已领完');
  await centre.tap('.coupon-centre__coupons >>> .coupon-claim__button');
  await settle();
  expect(recorder.calls.map((c) => c.data)).toContainEqual({ $url: 'claimCoupon', couponId: 'c1' });
  expect(centre.text()).toContain('已领取');
});

test('the group page shows members, places left and a share card; a failed group says it was refunded', async () => {
  const group: GroupView = {
    groupId: 'g1',
    campaignId: 'gb1',
    productId: 'p-nuts',
    title: '每日坚果 3 人团',
    image: null,
    groupPriceFen: 6900,
    status: 'open',
    size: 3,
    paidMembers: 1,
    members: [{ name: '张*', isLeader: true }],
    expiresAt: Date.now() + HOUR,
    remainingMs: HOUR,
    isMember: false,
  };
  resetWx(
    cloud({
      'shop.group': (data: { groupId: string }) =>
        data.groupId === 'g1'
          ? ok(group)
          : data.groupId === 'g2'
            ? ok({ ...group, groupId: 'g2', status: 'failed', remainingMs: 0 })
            : fail('NOT_FOUND', '该团不存在'),
    }),
  );
  const page = render('marketing/group/index');
  await page.page.onLoad({ groupId: 'g1' });
  await settle();
  expect(page.text()).toContain('还差');
  expect(page.text()).toContain('张*');
  expect(page.text()).toContain('团长');
  expect(page.page.onShareAppMessage()).toMatchObject({ path: '/marketing/group/index?groupId=g1' });
  await page.tap('.group__join');
  expect(recorder.navigations).toEqual(['/pages/product/index?id=p-nuts&groupBuy=gb1&groupId=g1']);

  const failed = render('marketing/group/index');
  await failed.page.onLoad({ groupId: 'g2' });
  await settle();
  expect(failed.text()).toContain('拼团未成功，已原路退款');

  const forged = render('marketing/group/index');
  await forged.page.onLoad({ groupId: 'forged' });
  await settle();
  expect(forged.text()).toContain('该团不存在');
});

test('checkout picks the best coupon by default, says why the others do not apply, and keeps a shopper’s own choice', async () => {
  const priced = (couponId?: string) => ({
    lines: [],
    subtotalFen: 9900,
    discountFen: couponId === 'uc-best' ? 500 : 0,
    couponId: couponId ?? null,
    shippingFen: 0,
    totalFen: couponId === 'uc-best' ? 9400 : 9900,
    couponChoices: [
      { userCouponId: 'uc-best', title: '立减5元', discountFen: 500, applicable: true },
      { userCouponId: 'uc-big', title: '满300减50', discountFen: 0, applicable: false, reason: '未满 ¥300.00' },
    ],
    bestCouponId: 'uc-best',
  });
  resetWx(
    cloud({
      'shop.coupons': ok([
        { id: 'uc-best', title: '立减5元', kind: 'amount_off', amountFen: 500 },
        { id: 'uc-big', title: '满300减50', kind: 'amount_off', amountFen: 5000, minSpendFen: 30000 },
      ]),
      'shop.quote': (data: { couponId?: string }) => ok(priced(data.couponId)),
    }),
  );
  recorder.storage.set('checkout:items', {
    items: [{ productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null }],
    fromCart: false,
  });
  const checkout = render('pages/checkout/index');
  checkout.page.onLoad({});
  await settle();
  expect(checkout.page.data.couponId).toBe('uc-best');
  expect(checkout.page.data.quote.totalFen).toBe(9400);
  await checkout.fire('.checkout__coupon-cell', 'click', {});
  expect(checkout.text()).toContain('未满 ¥300.00');
  // "No coupon" sticks: the best one is not chosen again.
  await checkout.tap('.checkout__coupon');
  await settle();
  expect(checkout.page.data.couponId).toBe('');
  expect(checkout.page.data.quote.totalFen).toBe(9900);
});

describe('group-buy ordering', () => {
  const nuts: ProductDetail = {
    ...card('p-nuts', { title: '每日坚果', priceFen: 9900 }),
    images: [],
    description: '',
    stock: 20,
    earnFen: null,
    specs: [],
    skus: [],
  };
  const groupCampaign: CampaignCard = {
    id: 'gb1',
    kind: 'group_buy',
    productId: 'p-nuts',
    title: '每日坚果 3 人团',
    image: null,
    priceFen: 6900,
    listPriceFen: 9900,
    startAt: Date.now() - HOUR,
    endAt: Date.now() + HOUR,
    size: 3,
    hours: 24,
  };
  const quote = { lines: [], subtotalFen: 6900, discountFen: 0, couponId: null, shippingFen: 0, totalFen: 6900 };
  const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' };

  function shop(groupIdAnswered: string | undefined) {
    resetWx(
      cloud({
        'shop.product': ok(nuts),
        'shop.campaigns': ok([groupCampaign]),
        'shop.coupons': ok([]),
        'shop.quote': ok(quote),
        placeOrder: ok({
          orderId: 'ord-g',
          orderNo: '20261203101500123456',
          totalFen: 6900,
          outTradeNo: 'ord-g',
          payment,
          ...(groupIdAnswered ? { groupId: groupIdAnswered } : {}),
        }),
      }),
    );
  }

  async function checkoutAndPay() {
    const checkout = render('pages/checkout/index');
    checkout.page.onLoad({});
    await settle();
    await checkout.tap('.checkout__address');
    await checkout.tap('.checkout__submit');
    return checkout;
  }

  const callsTo = (name: string, url?: string) =>
    recorder.calls.filter((call) => call.name === name && (!url || call.data.$url === url)).map((call) => call.data);

  test('参与拼团 from the group page: quote and placeOrder carry the campaign and group; paid, it opens the group', async () => {
    shop('g1');
    const product = render('pages/product/index');
    await product.page.onLoad({ id: 'p-nuts', groupBuy: 'gb1', groupId: 'g1' });
    await settle();
    expect(product.text()).toContain('参与拼团');
    expect(product.text()).toContain('3人团');
    await product.tap('.product__group-buy');
    expect(recorder.navigations).toContain('/pages/checkout/index');

    const checkout = await checkoutAndPay();
    expect(checkout.text()).toContain('参与拼团');
    expect(callsTo('shop', 'quote')[0]).toEqual({
      $url: 'quote',
      items: [{ productId: 'p-nuts', quantity: 1 }],
      groupBuy: { campaignId: 'gb1', groupId: 'g1' },
    });
    expect(callsTo('placeOrder')[0]).toMatchObject({ groupBuy: { campaignId: 'gb1', groupId: 'g1' } });
    expect(recorder.navigations.at(-1)).toBe('redirect:/marketing/group/index?groupId=g1');
  });

  test('发起拼团 on a product in a group-buy campaign opens a new group; plain buy now stays a plain order', async () => {
    shop('g-new');
    const product = render('pages/product/index');
    await product.page.onLoad({ id: 'p-nuts' });
    await settle();
    expect(product.text()).toContain('发起拼团');
    await product.tap('.product__group-buy');
    await checkoutAndPay();
    expect(callsTo('placeOrder')[0]).toMatchObject({ groupBuy: { campaignId: 'gb1' } });
    expect(callsTo('placeOrder')[0].groupBuy).not.toHaveProperty('groupId');
    expect(recorder.navigations.at(-1)).toBe('redirect:/marketing/group/index?groupId=g-new');

    shop(undefined);
    const plain = render('pages/product/index');
    await plain.page.onLoad({ id: 'p-nuts' });
    await settle();
    await plain.tap('.product__buy');
    await checkoutAndPay();
    expect(callsTo('shop', 'quote')[0]).not.toHaveProperty('groupBuy');
    expect(callsTo('placeOrder')[0]).not.toHaveProperty('groupBuy');
    expect(recorder.navigations.at(-1)).toBe('redirect:/pages/order/detail/index?orderId=ord-g');
  });

  test('a forged groupBuy in storage is reduced to the two ids the contract takes', async () => {
    shop('g1');
    recorder.storage.set('checkout:items', {
      items: [{ productId: 'p-nuts', quantity: 1, title: '每日坚果', image: null }],
      fromCart: false,
      groupBuy: { campaignId: 'gb1', groupId: 'g1', priceFen: 1 },
    });
    await checkoutAndPay();
    expect(callsTo('placeOrder')[0].groupBuy).toEqual({ campaignId: 'gb1', groupId: 'g1' });
  });
});
