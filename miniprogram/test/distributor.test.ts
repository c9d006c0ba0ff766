/** Distributor center pages: application, balances, earnings with settle dates, team, ranking, materials, withdraw. */
import { config } from '../config';
import { recorder, render, resetWx, settle } from './support/harness';
import { card, cloud, fail, ok, SUMMARY } from './support/fixtures';
import type { CenterSummary, GradeView, Material, PromotedOrder } from '@shop/contract';

beforeEach(() => {
  config.useLocalEmulator = false;
});

test('not yet a distributor: the application form is checked, then sent; the review state shows', async () => {
  let status: CenterSummary['status'] = 'none';
  resetWx(
    cloud({
      'distributorCenter.summary': () => ok({ ...SUMMARY, status, inviteCode: null }),
      'distributorCenter.apply': () => ((status = 'applied'), ok({ status })),
    }),
  );
  const center = render('distributor/center/index');
  center.page.onShow();
  await settle();
  expect(center.text()).toContain('申请成为分销员');
  expect(center.text()).toContain('直接推广 15%，间接推广 8%');
  await center.tap('.center__apply-button');
  expect(recorder.toasts).toContain('请填写姓名');
  await center.fire('.center__name', 'change', { value: '李四' });
  await center.fire('.center__phone', 'change', { value: '1380013' });
  await center.tap('.center__apply-button');
  expect(recorder.toasts).toContain('请填写 11 位手机号');
  await center.fire('.center__phone', 'change', { value: '13800138000' });
  await center.fire('.center__reason', 'change', { value: '朋友多' });
  await center.tap('.center__apply-button');
  expect(recorder.calls.find((c) => c.data.$url === 'apply')).toEqual({
    name: 'distributorCenter',
    data: { $url: 'apply', name: '李四', phone: '13800138000', reason: '朋友多' },
  });
  expect(center.text()).toContain('申请审核中');
  expect(center.$('.center__apply-button')).toBeFalsy();
});

test('rejected: the form is offered again, with the rates saved on the server', async () => {
  resetWx(
    cloud({
      'distributorCenter.summary': ok({ ...SUMMARY, status: 'rejected', inviteCode: null, levelRatesBp: [1200] }),
    }),
  );
  const center = render('distributor/center/index');
  center.page.onShow();
  await settle();
  expect(center.text()).toContain('申请未通过');
  expect(center.text()).toContain('可修改后重新申请');
  expect(center.text()).toContain('直接推广 12%（');
  expect(center.text()).not.toContain('间接推广');
  expect(center.$('.center__apply-button')).toBeTruthy();
});

test('materials: text and pictures show; 复制文案 copies the text; a picture can be saved', async () => {
  const material: Material = {
    _id: 'm1',
    title: '朋友圈文案',
    kind: 'copy',
    body: '好茶推荐，今日下单立减',
    images: ['cloud://env/materials/tea.png'],
    sort: 1,
    createdAt: 1,
  };
  resetWx(cloud({ 'distributorCenter.materials': ok([material]) }));
  const saved: string[] = [];
  Object.assign((globalThis as any).wx, {
    cloud: {
      ...(globalThis as any).wx.cloud,
      downloadFile: async ({ fileID }: { fileID: string }) => ({ tempFilePath: `tmp/${fileID.split('/').pop()}` }),
    },
    saveImageToPhotosAlbum: async ({ filePath }: { filePath: string }) => void saved.push(filePath),
  });
  const materials = render('distributor/materials/index');
  materials.page.onLoad({});
  await settle();
  expect(materials.text()).toContain('好茶推荐，今日下单立减');
  expect(materials.$('.materials__image').dom.innerHTML).toContain('cloud://env/materials/tea.png');
  await materials.tap('.materials__copy');
  expect(recorder.storage.get('__clipboard')).toBe('好茶推荐，今日下单立减');
  await materials.tap('.materials__save');
  expect(saved).toEqual(['tmp/tea.png']);
  expect(recorder.toasts).toContain('已保存到相册');
});

test('approved: balances, invite code and promotion link; each balance opens its ledger', async () => {
  resetWx(cloud({ 'distributorCenter.summary': ok(SUMMARY) }));
  const center = render('distributor/center/index');
  center.page.onShow();
  await settle();
  const text = center.text();
  expect(text).toContain('¥50.00');
  expect(text).toContain('¥14.85待结算');
  expect(text).toContain('ABC123');
  // No path to paste into a chat (it opens nothing there): a share card and the poster instead.
  expect(text).not.toContain('/pages/home/index?inviter=ABC123');
  expect(text).toContain('生成商品海报');
  center.$$('.center__bucket')[0].dispatchEvent('tap');
  await settle();
  expect(recorder.navigations).toContain('/distributor/earnings/index?bucket=frozen');
  await center.tap('.center__poster');
  expect(recorder.navigations).toContain('/distributor/poster/index');
  expect(center.page.onShareAppMessage()).toEqual({
    title: '全员分销小店：好物分享，一起赚',
    path: '/pages/home/index?inviter=ABC123',
  });
});

test('frozen (风控冻结): the reason shows above the balances as text, markup and all', async () => {
  const reason = '<b>疑似自买</b>，核查中';
  resetWx(cloud({ 'distributorCenter.summary': ok({ ...SUMMARY, freeze: { reason, at: 1 } }) }));
  const center = render('distributor/center/index');
  center.page.onShow();
  await settle();
  expect(center.$('.center__frozen')).toBeTruthy();
  expect(center.text()).toContain('账户已冻结');
  expect(center.text()).toContain(reason);
  expect(center.text()).toContain('冻结期间佣金暂不结算、不能提现');
});

test('not frozen: no freeze notice', async () => {
  resetWx(cloud({ 'distributorCenter.summary': ok({ ...SUMMARY, freeze: null }) }));
  const center = render('distributor/center/index');
  center.page.onShow();
  await settle();
  expect(center.$('.center__frozen')).toBeFalsy();
});

test('earnings: frozen commissions with the order, the settle day and why; other buckets list the ledger entries that moved them', async () => {
  resetWx(
    cloud({
      'distributorCenter.summary': ok(SUMMARY),
      'distributorCenter.frozen': ok([
        {
          commissionId: 'cm:o1:1',
          orderId: 'o1',
          level: 1,
          amountFen: 1485,
          settleAt: 1,
          settleDate: '12-05',
          why: '12-05 结算：11-28 确认收货后 7 天售后期结束',
        },
      ]),
      'distributorCenter.entries': ok([
        {
          id: 'e2',
          kind: 'withdrawal.hold',
          amountFen: 2000,
          deltas: { frozen: 0, available: -2000, held: 2000, withdrawn: 0, debt: 0 },
          at: Date.now(),
          orderId: null,
          withdrawalId: 'w1',
          feeFen: 20,
        },
        {
          id: 'e1',
          kind: 'commission.settle',
          amountFen: 7000,
          deltas: { frozen: -7000, available: 7000, held: 0, withdrawn: 0, debt: 0 },
          at: Date.now(),
          orderId: 'o0',
          withdrawalId: null,
          feeFen: null,
        },
      ]),
    }),
  );
  const earnings = render('distributor/earnings/index');
  earnings.page.onLoad({ bucket: 'frozen' });
  await settle();
  expect(recorder.calls.at(-1)).toEqual({ name: 'distributorCenter', data: { $url: 'frozen', page: 1, pageSize: 20 } });
  const text = earnings.text();
  expect(text).toContain('直接推广佣金');
  expect(text).toContain('+¥14.85');
  expect(text).toContain('来自订单 o1');
  expect(text).toContain('12-05 结算：11-28 确认收货后 7 天售后期结束');
  await earnings.fire('.earnings__tabs', 'change', { value: 'available' });
  expect(earnings.page.data.rows.map((r: { title: string; amountText: string }) => [r.title, r.amountText])).toEqual([
    ['申请提现', '-¥20.00'],
    ['佣金结算', '+¥70.00'],
  ]);
  expect(earnings.text()).toContain('来自订单 o0');
  await earnings.fire('.earnings__tabs', 'change', { value: 'debt' });
  expect(earnings.text()).toContain('暂无记录');
});

test('team shows nickname and join date only, by level', async () => {
  resetWx(
    cloud({
      'distributorCenter.team': (data: { level: number }) =>
        ok({
          members: data.level === 1 ? [{ nickname: '小王', joinedAt: new Date(2025, 10, 3).getTime() }] : [],
          total: data.level === 1 ? 1 : 0,
        }),
    }),
  );
  const team = render('distributor/team/index');
  team.page.onLoad({});
  await settle();
  expect(team.text()).toContain('小王');
  expect(team.text()).toContain('2025-11-03 加入');
  expect(team.page.data.members).toEqual([{ nickname: '小王', joined: '2025-11-03' }]);
  await team.fire('.team__tabs', 'change', { value: 2 });
  expect(recorder.calls.at(-1)).toEqual({
    name: 'distributorCenter',
    data: { $url: 'team', level: 2, page: 1, pageSize: 20 },
  });
  expect(team.text()).toContain('还没有成员');
});

test('ranking marks me; materials can be copied; an error is a Chinese toast and an error state', async () => {
  resetWx(
    cloud({
      'distributorCenter.ranking': ok([
        { rank: 1, nickname: '小王', earnedFen: 12000, isMe: false },
        { rank: 2, nickname: '我自己', earnedFen: 1485, isMe: true },
      ]),
      'distributorCenter.materials': fail('INTERNAL', 'database down'),
    }),
  );
  const ranking = render('distributor/ranking/index');
  ranking.page.onLoad({});
  await settle();
  expect(ranking.text()).toContain('我自己（我）');
  expect(ranking.text()).toContain('¥120.00');
  const materials = render('distributor/materials/index');
  materials.page.onLoad({});
  await settle();
  expect(recorder.toasts).toContain('系统繁忙，请稍后再试');
  expect(materials.text()).toContain('系统繁忙，请稍后再试');
});

test('withdraw: minimum, fee and net shown before submitting; the request carries a requestId and the amount in fen', async () => {
  resetWx(
    cloud({
      'distributorCenter.summary': ok(SUMMARY),
      'distributorCenter.withdrawals': ok([
        {
          withdrawalId: 'w0',
          amountFen: 2000,
          feeFen: 20,
          netFen: 1980,
          status: 'paid',
          createdAt: Date.now(),
          rejectReason: null,
          paidAt: Date.now(),
        },
      ]),
      'distributorCenter.withdrawalQuote': (data: { amountFen: number }) =>
        ok({
          amountFen: data.amountFen,
          feeFen: 30,
          taxFen: 0,
          netFen: data.amountFen - 30,
          taxWithholding: false,
          realNameRequired: false,
          realNameOnFile: false,
        }),
      requestWithdrawal: (data: { amountFen: number }) =>
        ok({ withdrawalId: 'w1', status: 'requested', amountFen: data.amountFen, feeFen: 30, taxFen: 0 }),
    }),
  );
  const withdraw = render('distributor/withdraw/index');
  withdraw.page.onLoad({});
  await settle();
  expect(withdraw.text()).toContain('最低提现 ¥10.00，手续费 1%');
  expect(withdraw.text()).toContain('已到账');
  await withdraw.fire('.withdraw__input', 'change', { value: '5' });
  expect(withdraw.text()).toContain('最低提现 ¥10.00');
  expect(withdraw.page.data.canSubmit).toBe(false);
  await withdraw.fire('.withdraw__input', 'change', { value: '60' });
  expect(withdraw.text()).toContain('超过可提现余额');
  await withdraw.fire('.withdraw__input', 'change', { value: '30.5' });
  expect(withdraw.page.data).toMatchObject({ amountFen: 3050, feeText: '¥0.30', netText: '¥30.20', canSubmit: true });
  await withdraw.tap('.withdraw__button');
  expect(recorder.calls.find((c) => c.name === 'requestWithdrawal')).toEqual({
    name: 'requestWithdrawal',
    data: { requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), amountFen: 3050 },
  });
  expect(recorder.toasts).toContain('提现申请已提交，手续费 ¥0.30');
  await withdraw.tap('.withdraw__all');
  expect(withdraw.page.data.amountInput).toBe('50.00');
});

test('withdraw: the income tax withheld is the server figure, shown before the distributor confirms', async () => {
  resetWx(
    cloud({
      'distributorCenter.summary': ok({ ...SUMMARY, availableFen: 500000 }),
      'distributorCenter.withdrawals': ok([]),
      'distributorCenter.withdrawalQuote': (data: { amountFen: number }) =>
        ok({
          amountFen: data.amountFen,
          feeFen: 0,
          taxFen: 44000,
          netFen: data.amountFen - 44000,
          taxWithholding: true,
          realNameRequired: false,
          realNameOnFile: true,
        }),
      requestWithdrawal: (data: { amountFen: number }) =>
        ok({ withdrawalId: 'w2', status: 'requested', amountFen: data.amountFen, feeFen: 0, taxFen: 44000 }),
    }),
  );
  const withdraw = render('distributor/withdraw/index');
  withdraw.page.onLoad({});
  await settle();
  const shown: string[] = [];
  Object.assign((globalThis as any).wx, {
    showModal: async ({ content }: { content: string }) => {
      shown.push(withdraw.text(), content);
      return { confirm: true, cancel: false };
    },
  });
  await withdraw.fire('.withdraw__input', 'change', { value: '3000' });
  expect(withdraw.text()).not.toContain('代扣个税');
  await withdraw.tap('.withdraw__button');
  // While the confirmation is open the page shows the tax row, and the dialog names the tax.
  expect(shown[0]).toContain('代扣个税（劳务报酬）¥440.00');
  expect(shown[1]).toBe('提现 ¥3000.00，手续费 ¥0.00，代扣个税 ¥440.00，预计到账 ¥2560.00');
  expect(recorder.toasts).toContain('提现申请已提交，手续费 ¥0.00，代扣个税 ¥440.00');
});

test('poster: asks for the code of the product and shows the short code', async () => {
  resetWx(
    cloud({
      'shop.product': ok({
        id: 'p-nuts',
        title: '每日坚果',
        image: null,
        priceFen: 9900,
        listPriceFen: 9900,
        limitedTime: null,
        stockState: 'in_stock',
        sales: 0,
        images: [],
        description: '',
        stock: 1,
        earnFen: 1485,
      }),
      'distributorCenter.poster': ok({
        code: 'S7KQ2',
        fileID: 'cloud://x/posters/S7KQ2.png',
        tempFileURL: '',
        page: 'pages/product/index',
        scene: 'S7KQ2',
      }),
    }),
  );
  const poster = render('distributor/poster/index');
  await poster.page.onLoad({ productId: 'p-nuts' });
  await settle();
  expect(recorder.calls).toEqual(
    expect.arrayContaining([{ name: 'distributorCenter', data: { $url: 'poster', productId: 'p-nuts' } }]),
  );
  expect(poster.text()).toContain('S7KQ2');
});

test('withdraw: a 商家转账 bill waiting for the distributor shows 确认收款, which opens WeChat with its package', async () => {
  resetWx(
    cloud({
      'distributorCenter.summary': ok(SUMMARY),
      'distributorCenter.withdrawals': ok([
        {
          withdrawalId: 'w9',
          amountFen: 20000,
          feeFen: 0,
          netFen: 20000,
          status: 'approved',
          createdAt: Date.now(),
          rejectReason: null,
          paidAt: null,
          taxFen: 0,
          awaitingConfirmation: true,
        },
      ]),
      'distributorCenter.transferPackage': ok({ mchId: '1900000109', appId: 'wx-app', package: 'PKG-9' }),
    }),
  );
  const opened: unknown[] = [];
  Object.assign((globalThis as any).wx, {
    requestMerchantTransfer: (options: { package: string; mchId: string; appId: string; success: () => void }) => {
      opened.push({ mchId: options.mchId, appId: options.appId, package: options.package });
      options.success();
    },
  });
  const withdraw = render('distributor/withdraw/index');
  withdraw.page.onLoad({});
  await settle();
  expect(withdraw.text()).toContain('确认收款');
  await withdraw.tap('.withdraw__confirm');
  await settle();
  expect(recorder.calls.find((c) => c.data?.$url === 'transferPackage')).toMatchObject({
    name: 'distributorCenter',
    data: { $url: 'transferPackage', withdrawalId: 'w9' },
  });
  expect(opened).toEqual([{ mchId: '1900000109', appId: 'wx-app', package: 'PKG-9' }]);
  expect(recorder.toasts).toContain('已确认收款，到账后会显示已到账');
});

test('promoted orders: masked buyer, paid amount, commission at its rate, timeline; paged on reaching the bottom', async () => {
  const row = (i: number): PromotedOrder => ({
    commissionId: `c${i}`,
    orderId: `o${i}`,
    orderNo: null,
    buyer: '张*',
    title: '每日坚果',
    quantity: 2,
    paidFen: 19800,
    orderStatus: '已收货',
    level: 1,
    commissionStatus: '冻结中',
    commissionFen: 2970,
    reversedFen: 0,
    termsText: '15%',
    timeline: [{ at: 1_760_000_000_000, text: '好友下单并支付，佣金冻结中' }],
  });
  const pages: Record<number, PromotedOrder[]> = { 1: Array.from({ length: 20 }, (_, i) => row(i)), 2: [row(20)] };
  resetWx(cloud({ 'distributorCenter.orders': (data: any) => ok(pages[data.page] ?? []) }));
  const orders = render('distributor/orders/index');
  orders.page.onLoad({});
  await settle();
  const text = orders.text();
  expect(text).toContain('每日坚果 ×2');
  expect(text).toContain('买家 张* · 直接推广');
  expect(text).toContain('实付 ¥198.00');
  expect(text).toContain('佣金 ¥29.70（15%）');
  expect(text).toContain('好友下单并支付，佣金冻结中');
  expect(orders.$$('.promoted__card')).toHaveLength(20);
  orders.page.onReachBottom();
  await settle();
  expect(orders.$$('.promoted__card')).toHaveLength(21);
  expect(orders.text()).toContain('没有更多了');
  expect(recorder.calls.filter((c) => c.data.$url === 'orders').map((c) => c.data.page)).toEqual([1, 2]);
});

test('promoted orders: none yet shows the empty state', async () => {
  resetWx(cloud({ 'distributorCenter.orders': ok([]) }));
  const orders = render('distributor/orders/index');
  orders.page.onLoad({});
  await settle();
  expect(orders.text()).toContain('还没有推广订单');
});

test('grade: the centre shows the grade and what is left to the next one', async () => {
  const grade: GradeView = {
    current: { id: 'member', name: '推广员' },
    next: { id: 'silver', name: '银牌推广员', logic: 'all' },
    toGo: [
      { metric: 'directSalesFen', atLeast: 100000, have: 26800, left: 73200 },
      { metric: 'directCustomers', atLeast: 3, have: 1, left: 2 },
    ],
    rates: { kind: 'uplift', upliftBp: 0 },
    keepUntil: null,
  };
  resetWx(cloud({ 'distributorCenter.summary': ok({ ...SUMMARY, grade }) }));
  const center = render('distributor/center/index');
  center.page.onShow();
  await settle();
  expect(center.text()).toContain('推广员');
  expect(center.text()).toContain('距 银牌推广员 还差 ¥732.00 有效销售额、2 位直接客户');
  expect(center.text()).toContain('推广订单');
});

test('a product page shares to 朋友圈 with the product and the invite code as its query', async () => {
  resetWx(
    cloud({
      'shop.product': ok({
        ...card('p-nuts', { title: '每日坚果' }),
        images: [],
        description: '',
        stock: 5,
        earnFen: 0,
      }),
      'distributorCenter.summary': ok({ status: 'approved', inviteCode: 'ABC123' }),
    }),
  );
  const product = render('pages/product/index');
  await product.page.onLoad({ id: 'p-nuts' });
  await settle();
  expect(product.page.onShareTimeline()).toMatchObject({
    title: '每日坚果 ¥99.00',
    query: 'id=p-nuts&inviter=ABC123',
  });
});

test('poster: the merchant’s backgrounds are offered; choosing one redraws on it', async () => {
  resetWx(
    cloud({
      'shop.product': ok({
        ...card('p-nuts', { title: '每日坚果' }),
        images: [],
        description: '',
        stock: 1,
        earnFen: 0,
      }),
      'distributorCenter.poster': ok({
        code: 'S7KQ2',
        fileID: 'f',
        tempFileURL: '',
        page: 'pages/product/index',
        scene: 'S7KQ2',
      }),
      'distributorCenter.posterBackgrounds': ok([{ id: 'spring', name: '<b>春季</b>', url: 'https://x/spring.png' }]),
    }),
  );
  const poster = render('distributor/poster/index');
  await poster.page.onLoad({ productId: 'p-nuts' });
  await settle();
  expect(poster.text()).toContain('默认');
  expect(poster.text()).toContain('<b>春季</b>');
  const [plain, spring] = poster.$$('.poster__background');
  expect(plain.dom.className).toContain('poster__background--on');
  spring.dispatchEvent('tap');
  await settle();
  expect(poster.page.data.backgroundId).toBe('spring');
});

test('the centre shows an approved distributor their own funnel; an applicant or a refused one sees none', async () => {
  const funnel = { days: 7, from: '2026-11-27', to: '2026-12-03', opened: 9, viewed: 21, ordered: 3, paid: 2, kept: 2 };
  for (const status of ['approved', 'applied', 'rejected', 'disabled'] as const) {
    resetWx(
      cloud({
        'distributorCenter.summary': ok({ ...SUMMARY, status, inviteCode: status === 'approved' ? 'ABC123' : null }),
        'distributorCenter.funnel': ok(funnel),
      }),
    );
    const center = render('distributor/center/index');
    center.page.onShow();
    await settle();
    const funnelCalls = recorder.calls.filter((call) => call.data.$url === 'funnel');
    if (status === 'approved') {
      expect(center.text()).toContain('近 7 天推广转化');
      expect(center.text()).toContain('9打开分享21浏览3下单2支付2未退款');
    } else {
      expect(center.text()).not.toContain('推广转化');
      expect(funnelCalls).toEqual([]);
    }
  }
});
