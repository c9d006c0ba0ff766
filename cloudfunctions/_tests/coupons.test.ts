/**
 * Coupons end to end: an operator creates a campaign, shoppers claim it (never past the total or the per-shopper
 * limit, however many claim at once), checkout prices every coupon and picks the best, the order uses the claimed
 * coupon, and a cancelled unpaid order gives it back. The ledger is checked after each test.
 */
import { api, ownerToken } from './support/admin-http';
import { S, useChainedShop } from './support/commerce';
import { createCoupon, useKnownOwnerPassword } from './support/marketing';
import { ADDRESS, documents, ok, pay, placeOrder, refused } from './support/shopper';
import { randomUUID } from 'node:crypto';

// Hundreds of concurrent calls on a shared 2-core machine: generous time, never a timed assertion.
jest.setTimeout(240_000);
useKnownOwnerPassword();
const { emu } = useChainedShop();

async function claim(couponId: string, openid: string): Promise<{ ok: boolean; code?: string; id?: string }> {
  const { body } = await emu.call('shop', { $url: 'claimCoupon', couponId }, openid);
  const result = body.result;
  return result?.ok ? { ok: true, id: result.data.userCouponId } : { ok: false, code: result?.error?.code };
}

test('200 shoppers claiming 50 coupons at once: exactly 50 get one, the rest are told it is sold out', async () => {
  const couponId = await createCoupon(emu, {
    title: '满100减10',
    kind: 'amount_off',
    amountFen: 1000,
    total: 50,
    perUser: 1,
  });
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => claim(couponId, `o-claim-${i}`)));
  const won = results.filter((r) => r.ok);
  expect(won).toHaveLength(50);
  expect(new Set(won.map((r) => r.id)).size).toBe(50);
  expect(new Set(results.filter((r) => !r.ok).map((r) => r.code))).toEqual(new Set(['COUPON_SOLD_OUT']));
  const campaign = (await documents(emu, 'couponCampaigns')).find((c) => c._id === couponId);
  expect(campaign.claimed).toBe(50);
  const coupons = (await documents(emu, 'coupons')).filter((c) => c.campaignId === couponId);
  expect(coupons.map((c) => c.status)).toEqual(Array(50).fill('unused'));
}, 240_000);

test('one shopper claiming ten times at once gets exactly the per-shopper limit', async () => {
  const couponId = await createCoupon(emu, {
    title: '九折券',
    kind: 'percent_off',
    rateBp: 1000,
    capFen: 2000,
    total: 100,
    perUser: 3,
  });
  const results = await Promise.all(Array.from({ length: 10 }, () => claim(couponId, S)));
  expect(results.filter((r) => r.ok)).toHaveLength(3);
  expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(7).fill('COUPON_LIMIT_REACHED'));
  expect((await claim(couponId, S)).code).toBe('COUPON_LIMIT_REACHED');
  const campaign = (await documents(emu, 'couponCampaigns')).find((c) => c._id === couponId);
  expect(campaign.claimed).toBe(3);
});

test('checkout lists every coupon with its discount or why not, and the order takes the claimed coupon', async () => {
  const big = await createCoupon(emu, {
    title: '满300减50',
    kind: 'amount_off',
    amountFen: 5000,
    minSpendFen: 30000,
    total: 10,
    perUser: 1,
  });
  const small = await createCoupon(emu, {
    title: '立减5元',
    kind: 'amount_off',
    amountFen: 500,
    total: 10,
    perUser: 1,
  });
  const scoped = await createCoupon(emu, {
    title: '茶叶8折',
    kind: 'percent_off',
    rateBp: 2000,
    capFen: 3000,
    total: 10,
    perUser: 1,
    productIds: ['p-longjing'],
  });
  const bigId = (await claim(big, S)).id!;
  const smallId = (await claim(small, S)).id!;
  const scopedId = (await claim(scoped, S)).id!;

  const items = [{ productId: 'p-nuts', quantity: 1 }];
  const quote = await ok(emu, 'shop', { $url: 'quote', items }, S);
  expect(quote.discountFen).toBe(0);
  expect(quote.bestCouponId).toBe(smallId);
  expect(quote.couponChoices).toEqual([
    { userCouponId: smallId, title: '立减5元', discountFen: 500, applicable: true },
    expect.objectContaining({ userCouponId: bigId, applicable: false, reason: '未满 ¥300.00' }),
    expect.objectContaining({ userCouponId: scopedId, applicable: false, reason: '不在可用商品范围' }),
  ]);

  // Two lines, the scoped coupon takes 20% of the tea line only, capped at 30.00.
  const mixed = [
    { productId: 'p-longjing', quantity: 1 },
    { productId: 'p-nuts', quantity: 1 },
  ];
  const mixedQuote = await ok(emu, 'shop', { $url: 'quote', items: mixed, couponId: scopedId }, S);
  expect(mixedQuote.discountFen).toBe(3000);
  expect(mixedQuote.lines.map((l: any) => l.discountFen)).toEqual([3000, 0]);
  expect(mixedQuote.bestCouponId).toBe(bigId);

  const order = await placeOrder(emu, S, mixed, { couponId: bigId });
  expect(order.totalFen).toBe(26800 + 9900 - 5000);
  expect((await documents(emu, 'coupons')).find((c) => c._id === bigId).status).toBe('locked');
  // Cancelled while unpaid: the coupon is usable again.
  await ok(emu, 'orders', { $url: 'cancel', orderId: order.orderId }, S);
  expect((await documents(emu, 'coupons')).find((c) => c._id === bigId)).toMatchObject({
    status: 'unused',
    orderId: null,
  });
  const again = await placeOrder(emu, S, mixed, { couponId: bigId });
  await pay(emu, again.outTradeNo);
  expect((await documents(emu, 'coupons')).find((c) => c._id === bigId).status).toBe('used');
  const paid = (await documents(emu, 'orders')).find((o) => o._id === again.orderId);
  expect(paid.lines.map((l: any) => l.discountFen).reduce((a: number, b: number) => a + b, 0)).toBe(5000);
});

test('attacks: another shopper’s coupon, a forged coupon id, a signed-out claim, markup in the title', async () => {
  const markup = '<img src=x onerror=alert(1)>减10';
  const couponId = await createCoupon(emu, {
    title: markup,
    kind: 'amount_off',
    amountFen: 1000,
    total: 5,
    perUser: 1,
  });
  const mine = (await claim(couponId, 'o-victim')).id!;
  const stolen = await refused(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: [{ productId: 'p-nuts', quantity: 1 }], address: ADDRESS, couponId: mine },
    S,
  );
  expect(stolen.code).toBe('COUPON_NOT_APPLICABLE');
  expect((await refused(emu, 'shop', { $url: 'claimCoupon', couponId: 'forged' }, S)).code).toBe('NOT_FOUND');
  // A claim that tries to name the shopper is refused by the schema.
  expect((await refused(emu, 'shop', { $url: 'claimCoupon', couponId, openid: S }, S)).code).toBe('INVALID_INPUT');
  const signedOut = await emu.request('POST', '/_emulator/functions/shop', {
    data: { $url: 'claimCoupon', couponId },
    openid: null,
  });
  expect(signedOut.status).toBe(403);
  // Stored as text, exactly as typed; the admin page and the mini program render it as text.
  const list = await ok(emu, 'shop', { $url: 'claimableCoupons' }, S);
  expect(list.find((c: any) => c.id === couponId).title).toBe(markup);
  expect((await documents(emu, 'coupons')).find((c) => c._id === mine).title).toBe(markup);
});

test('the admin API takes ISO and epoch-ms times, refuses bad campaigns, and stops a campaign', async () => {
  const owner = await ownerToken(emu);
  const post = (body: unknown) => api(emu, 'POST', '/coupons', { token: owner, body });
  const base = { title: '券', kind: 'amount_off', amountFen: 100, total: 1, perUser: 1 };
  const iso = await post({ ...base, validFrom: '2020-01-01T00:00:00+08:00', validTo: '2099-01-01T00:00:00Z' });
  expect(iso.body).toMatchObject({ ok: true, data: { id: expect.any(String) } });
  const stored = (await documents(emu, 'couponCampaigns')).find((c) => c._id === iso.body.data.id);
  expect(stored).toMatchObject({
    validFrom: Date.parse('2020-01-01T00:00:00+08:00'),
    validTo: Date.parse('2099-01-01T00:00:00Z'),
  });
  expect((await post({ ...base, validFrom: 2, validTo: 1 })).body.ok).toBe(false);
  expect((await post({ ...base, kind: 'percent_off', amountFen: undefined, validFrom: 1, validTo: 2 })).body.ok).toBe(
    false,
  );
  expect((await post({ ...base, validFrom: 1, validTo: 2, total: 0 })).body.ok).toBe(false);
  const before = (await documents(emu, 'couponCampaigns')).length;
  expect(before).toBe(1);

  const id = iso.body.data.id;
  expect((await api(emu, 'POST', `/coupons/${id}/stop`, { token: owner })).body.ok).toBe(true);
  expect((await claim(id, S)).code).toBe('CAMPAIGN_NOT_ACTIVE');
  const issued = await api(emu, 'POST', `/coupons/${id}/issue`, { token: owner, body: { openids: [S] } });
  expect(issued.body.data.results).toEqual([{ openid: S, error: 'CAMPAIGN_NOT_ACTIVE' }]);
});

test('operators issue a coupon to chosen shoppers within the total', async () => {
  const owner = await ownerToken(emu);
  const id = await createCoupon(emu, {
    title: '老客券',
    kind: 'amount_off',
    amountFen: 300,
    total: 2,
    perUser: 1,
    validDays: 3,
  });
  const issued = await api(emu, 'POST', `/coupons/${id}/issue`, {
    token: owner,
    body: { openids: ['o-1', 'o-2', 'o-3'] },
  });
  expect(issued.body.data.results.map((r: any) => r.error ?? 'ok')).toEqual(['ok', 'ok', 'COUPON_SOLD_OUT']);
  const coupons = (await documents(emu, 'coupons')).filter((c) => c.campaignId === id);
  expect(coupons.every((c) => c.source === 'issued' && c.validTo - c.validFrom === 3 * 86_400_000)).toBe(true);
  const list = await api(emu, 'GET', '/coupons', { token: owner });
  expect(list.body.data.items[0].figures).toMatchObject({ claimed: 2, used: 0, orders: 0, gmvFen: 0 });
});
