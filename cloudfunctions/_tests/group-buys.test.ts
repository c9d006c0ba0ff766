/**
 * Group buying end to end: opening a group by paying, joining through its id, success when N have paid (and only
 * then shipping), never more than N paid members when many pay at once (the extra payments refunded through the
 * normal refund path), and a timer that fails an expired group and refunds every member with stock and commission
 * restored. The ledger is checked after each test.
 */
import { randomUUID } from 'node:crypto';
import { B, S, balanceOf, byId, useChainedShop } from './support/commerce';
import { createGroupBuy, useKnownOwnerPassword } from './support/marketing';
import { emulatorNow } from './support/operator';
import { ADDRESS, advanceClock, documents, invokeAsPlatform, ok, pay, placeOrder, refused } from './support/shopper';

// Hundreds of concurrent calls on a shared 2-core machine: generous time, never a timed assertion.
jest.setTimeout(240_000);
useKnownOwnerPassword();
const { emu, ops } = useChainedShop();

const ITEMS = [{ productId: 'p-nuts', quantity: 1 }];
const HOUR_MS = 3_600_000;

async function fireGroupTimer(): Promise<any> {
  const { status, body } = await emu.request('POST', '/_emulator/timers/failExpiredGroups/everyMinute');
  if (status !== 200) throw new Error(`failExpiredGroups failed: ${status} ${JSON.stringify(body)}`);
  return body.result;
}

const stockOf = async (productId: string) => (await byId(emu, 'products', productId)).stock as number;

test('a group opens by paying, fills while more pay at once, never takes more than N, and refunds the rest', async () => {
  const campaignId = await createGroupBuy(emu, { productId: 'p-nuts', groupPriceFen: 6900, size: 3, hours: 24 });
  const stockBefore = await stockOf('p-nuts');
  const opened = await placeOrder(emu, S, ITEMS, { groupBuy: { campaignId } });
  expect(opened).toMatchObject({ totalFen: 6900, groupId: expect.any(String) });
  const groupId = (opened as any).groupId as string;
  // Not a group until it is paid for.
  expect((await refused(emu, 'shop', { $url: 'group', groupId }, S)).code).toBe('NOT_FOUND');
  await pay(emu, opened.outTradeNo);
  expect(await ok(emu, 'shop', { $url: 'group', groupId }, 'o-friend-0')).toMatchObject({
    status: 'open',
    size: 3,
    paidMembers: 1,
    isMember: false,
    members: [{ name: '微信用户', isLeader: true }],
  });

  // Four friends order while there are two places left, then all pay at once.
  const friends = ['o-friend-1', 'o-friend-2', 'o-friend-3', 'o-friend-4'];
  const joins = await Promise.all(
    friends.map((friend) => placeOrder(emu, friend, ITEMS, { groupBuy: { campaignId, groupId } })),
  );
  expect(joins.every((order: any) => order.groupId === groupId)).toBe(true);
  await Promise.all(joins.map((order) => pay(emu, order.outTradeNo)));
  await emu.emulator.services.pay.idle();

  const group = await ok(emu, 'shop', { $url: 'group', groupId }, S);
  expect(group).toMatchObject({ status: 'succeeded', size: 3, paidMembers: 3, isMember: true });
  const orders = (await documents(emu, 'orders')).filter((o) => o.groupBuy?.campaignId === campaignId);
  const byStatus = (status: string) => orders.filter((o) => o.groupBuy.status === status);
  expect(byStatus('succeeded')).toHaveLength(3);
  expect(byStatus('overflow')).toHaveLength(2);
  for (const order of byStatus('overflow')) expect(order.refundedFen).toBe(order.totalFen);
  // Stock: three sold; the two refunded came back.
  expect(await stockOf('p-nuts')).toBe(stockBefore - 3);
  // A succeeded group's orders ship; a joiner cannot join a full group.
  const now = await emulatorNow(emu);
  await ops().fulfilment.shipOrder(
    byStatus('succeeded')[0]._id,
    { carrier: '顺丰', trackingNo: 'SF1' },
    'operator',
    now,
  );
  expect(
    (
      await refused(
        emu,
        'placeOrder',
        { requestId: randomUUID(), items: ITEMS, address: ADDRESS, groupBuy: { campaignId, groupId } },
        'o-late',
      )
    ).code,
  ).toBe('GROUP_NOT_JOINABLE');
}, 120_000);

test('a group that runs out of time fails and every member is refunded, stock and commission restored', async () => {
  const campaignId = await createGroupBuy(emu, { productId: 'p-nuts', groupPriceFen: 6900, size: 3, hours: 2 });
  const stockBefore = await stockOf('p-nuts');
  const opened = await placeOrder(emu, S, ITEMS, { groupBuy: { campaignId } });
  await pay(emu, opened.outTradeNo);
  const groupId = (opened as any).groupId as string;
  const joined = await placeOrder(emu, 'o-friend', ITEMS, { groupBuy: { campaignId, groupId } });
  await pay(emu, joined.outTradeNo);
  // S is B's invitee: B's commission on the group price is frozen.
  expect((await balanceOf(emu, B)).frozen).toBe(Math.floor((6900 * 1500) / 10000));
  // Not shippable while the group is open.
  const now = await emulatorNow(emu);
  await expect(
    ops().fulfilment.shipOrder(opened.orderId, { carrier: '顺丰', trackingNo: 'SF1' }, 'operator', now),
  ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  expect(await fireGroupTimer()).toMatchObject({ failed: 0 });

  await advanceClock(emu, 2 * HOUR_MS + 60_000);
  await fireGroupTimer();
  await emu.emulator.services.pay.idle();
  expect(await ok(emu, 'shop', { $url: 'group', groupId }, S)).toMatchObject({
    status: 'failed',
    paidMembers: 2,
    remainingMs: 0,
  });
  for (const orderId of [opened.orderId, joined.orderId]) {
    const order = await byId(emu, 'orders', orderId);
    expect(order.groupBuy.status).toBe('failed');
    expect(order.refundedFen).toBe(order.totalFen);
  }
  expect(await stockOf('p-nuts')).toBe(stockBefore);
  expect(await balanceOf(emu, B)).toMatchObject({ frozen: 0, available: 0 });
  // Again: nothing more happens.
  expect(await fireGroupTimer()).toMatchObject({ failed: 0, refunded: 0 });
}, 120_000);

test('a campaign that pays no commission records none; forged group ids and coupons on group buys are refused', async () => {
  const campaignId = await createGroupBuy(emu, {
    productId: 'p-nuts',
    groupPriceFen: 6900,
    size: 2,
    hours: 1,
    commission: 'none',
    title: '<script>alert(1)</script>拼团',
  });
  const opened = await placeOrder(emu, S, ITEMS, { groupBuy: { campaignId } });
  await pay(emu, opened.outTradeNo);
  const order = await byId(emu, 'orders', opened.orderId);
  expect(order.lines[0]).toMatchObject({ campaign: { kind: 'group_buy', id: campaignId }, campaignCommission: 'none' });
  expect((await documents(emu, 'commissions')).filter((c) => c.orderId === opened.orderId)).toEqual([]);
  const view = await ok(emu, 'shop', { $url: 'group', groupId: (opened as any).groupId }, 'o-x');
  expect(view.title).toBe('<script>alert(1)</script>拼团');

  const forged = await refused(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: ITEMS, address: ADDRESS, groupBuy: { campaignId, groupId: 'g-forged' } },
    'o-x',
  );
  expect(forged.code).toBe('NOT_FOUND');
  expect((await refused(emu, 'shop', { $url: 'group', groupId: 'g-forged' }, 'o-x')).code).toBe('NOT_FOUND');
  const otherProduct = await refused(
    emu,
    'placeOrder',
    {
      requestId: randomUUID(),
      items: [{ productId: 'p-mango', quantity: 1 }],
      address: ADDRESS,
      groupBuy: { campaignId },
    },
    'o-x',
  );
  expect(otherProduct.code).toBe('CAMPAIGN_NOT_ACTIVE');
  const withCoupon = await refused(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: ITEMS, address: ADDRESS, couponId: 'c-any', groupBuy: { campaignId } },
    'o-x',
  );
  expect(withCoupon.code).toBe('COUPON_NOT_APPLICABLE');
}, 120_000);

test('the group timer is the platform’s alone: a client is refused by the rules, and a call carrying an OPENID does nothing', async () => {
  const campaignId = await createGroupBuy(emu, { productId: 'p-nuts', groupPriceFen: 6900, size: 2, hours: 1 });
  const opened = await placeOrder(emu, S, ITEMS, { groupBuy: { campaignId } });
  await pay(emu, opened.outTradeNo);
  const groupId = (opened as any).groupId as string;
  // Whatever the event claims, the timer reads nothing from it.
  const forged = { groupId, status: 'failed', refund: true };
  const { status } = await emu.call('failExpiredGroups', forged, S);
  expect(status).toBe(403);
  expect(await invokeAsPlatform(emu, 'failExpiredGroups', forged, S)).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  await emu.emulator.services.pay.idle();
  expect((await byId(emu, 'groups', groupId)).status).toBe('open');
  expect((await byId(emu, 'orders', opened.orderId)).refundedFen ?? 0).toBe(0);
  // The platform's own run leaves an open group that has time left alone.
  expect(await fireGroupTimer()).toMatchObject({ failed: 0, refunded: 0 });
}, 120_000);
