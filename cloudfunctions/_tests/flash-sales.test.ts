/**
 * Limited-time prices (限时折扣 / 秒杀): the server prices by its own clock (one second after the end pays the
 * normal price and the quote says the discount ended), a per-shopper limit and a stock cap for the campaign that
 * hold under concurrency, and units that come back when an unpaid order is cancelled.
 */
import { randomUUID } from 'node:crypto';
import { B, byId, S, useChainedShop } from './support/commerce';
import { createFlashSale, useKnownOwnerPassword } from './support/marketing';
import { emulatorNow } from './support/operator';
import { ADDRESS, advanceClock, ok, pay, placeOrder } from './support/shopper';

// Hundreds of concurrent calls on a shared 2-core machine: generous time, never a timed assertion.
jest.setTimeout(240_000);
useKnownOwnerPassword();
const { emu } = useChainedShop();

const mango = (quantity: number) => [{ productId: 'p-mango', quantity }];

async function tryOrder(openid: string, quantity: number): Promise<{ ok: boolean; code?: string; data?: any }> {
  const { body } = await emu.call(
    'placeOrder',
    { requestId: randomUUID(), items: mango(quantity), address: ADDRESS },
    openid,
  );
  return body.result.ok ? { ok: true, data: body.result.data } : { ok: false, code: body.result.error.code };
}

test('a discount that ends mid-checkout: one second after the end the order pays the normal price, and the quote says so', async () => {
  const now = await emulatorNow(emu);
  const saleId = await createFlashSale(emu, {
    productId: 'p-mango',
    priceFen: 1990,
    startAt: new Date(now - 60_000).toISOString(),
    endAt: now + 60_000,
  });
  const during = await ok(emu, 'shop', { $url: 'quote', items: mango(1) }, S);
  expect(during.lines[0]).toMatchObject({ unitPriceFen: 1990, limitedTimeApplied: true });
  expect(during.endedCampaigns).toBeUndefined();
  // A distributor's product page shows the campaign price, its end (the countdown) and "earn ¥x" on that price.
  expect(await ok(emu, 'shop', { $url: 'product', id: 'p-mango' }, B)).toMatchObject({
    priceFen: 1990,
    limitedTime: { priceFen: 1990, endsAt: now + 60_000 },
    earnFen: Math.floor((1990 * 1500) / 10000),
  });
  const cards = await ok(emu, 'shop', { $url: 'campaigns', productId: 'p-mango' }, S);
  expect(cards).toEqual([
    expect.objectContaining({ id: saleId, kind: 'flash_sale', priceFen: 1990, listPriceFen: 3990 }),
  ]);

  await advanceClock(emu, 60_000 + 1_000);
  const after = await ok(emu, 'shop', { $url: 'quote', items: mango(1) }, S);
  expect(after.lines[0]).toMatchObject({ unitPriceFen: 3990, limitedTimeApplied: false });
  expect(after.endedCampaigns).toEqual([{ productId: 'p-mango', campaignId: saleId, endedAt: now + 60_000 }]);
  const order = await placeOrder(emu, S, mango(1));
  expect(order.totalFen).toBe(3990 + 800);
  await pay(emu, order.outTradeNo);
  expect((await byId(emu, 'orders', order.orderId)).lines[0].campaign).toBeUndefined();
});

test('per-shopper limit and stock cap hold when many order at once; a cancelled order gives its units back', async () => {
  const now = await emulatorNow(emu);
  const saleId = await createFlashSale(emu, {
    productId: 'p-mango',
    priceFen: 1990,
    startAt: now - 60_000,
    endAt: now + 3_600_000,
    perUser: 2,
    stockCap: 5,
    commission: 'none',
  });
  expect((await ok(emu, 'shop', { $url: 'product', id: 'p-mango' }, B)).earnFen).toBe(0);
  // One shopper, six orders of one unit at once: two at the campaign price.
  const mine = await Promise.all(Array.from({ length: 6 }, () => tryOrder(S, 1)));
  expect(mine.filter((r) => r.ok)).toHaveLength(2);
  expect(mine.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(4).fill('CAMPAIGN_LIMIT_REACHED'));
  // Ten other shoppers at once: the cap leaves three.
  const others = await Promise.all(Array.from({ length: 10 }, (_, i) => tryOrder(`o-rush-${i}`, 1)));
  expect(others.filter((r) => r.ok)).toHaveLength(3);
  expect((await byId(emu, 'flashSales', saleId)).sold).toBe(5);

  const cancelled = mine.find((r) => r.ok)!.data.orderId;
  await ok(emu, 'orders', { $url: 'cancel', orderId: cancelled }, S);
  expect((await byId(emu, 'flashSales', saleId)).sold).toBe(4);
  const again = await tryOrder(S, 1);
  expect(again.ok).toBe(true);
  await pay(emu, again.data.outTradeNo);
  const paid = await byId(emu, 'orders', again.data.orderId);
  expect(paid.lines[0]).toMatchObject({
    unitPriceFen: 1990,
    campaign: { kind: 'flash_sale', id: saleId },
    campaignCommission: 'none',
  });
  // The paid order's hold became a sale; the four still unpaid hold theirs until paid or cancelled.
  const holds = (await byId(emu, 'flashSales', saleId)).holds;
  expect(Object.keys(holds)).toHaveLength(4);
  expect(holds[again.data.orderId]).toBeUndefined();
}, 120_000);
