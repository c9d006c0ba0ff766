/**
 * `distributorCenter` `orders`: the orders a distributor promoted, with the commission's terms and timeline, paged;
 * never another distributor's, never any piece of the buyer's openid.
 */
import { A, B, S, byId, fireTimer, jumpQuietlyTo, paidOrder, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { ok, refused } from './support/shopper';

const { emu, ops } = useChainedShop();

test('B sees the order S paid through them, its commission and timeline; A sees the level-2 line', async () => {
  const orderId = await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
  const [row, ...rest] = await ok(emu, 'distributorCenter', { $url: 'orders' }, B);
  expect(rest).toEqual([]);
  expect(row).toMatchObject({
    orderId,
    level: 1,
    quantity: 1,
    paidFen: 26800,
    commissionFen: 4020,
    termsText: '15%',
    commissionStatus: '冻结中',
    orderStatus: expect.any(String),
    timeline: [{ at: expect.any(Number), text: '好友下单并支付，佣金冻结中' }],
  });
  expect(JSON.stringify(row)).not.toContain(S);
  expect(row.buyer).toEqual(expect.any(String));
  expect((await ok(emu, 'distributorCenter', { $url: 'orders' }, A))[0]).toMatchObject({ orderId, level: 2 });

  await ops().fulfilment.shipOrder(orderId, { carrier: '顺丰', trackingNo: 'SF1' }, 'operator', await emulatorNow(emu));
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', orderId)).settleAt + 1000);
  await fireTimer(emu, 'settleCommission');
  const [settled] = await ok(emu, 'distributorCenter', { $url: 'orders' }, B);
  expect(settled.commissionStatus).toBe('已结算');
  expect(settled.timeline.map((step: any) => step.text)).toEqual([
    '好友下单并支付，佣金冻结中',
    '好友确认收货，进入售后期',
    '售后期结束，佣金已结算，可提现',
  ]);
});

test('paged newest first; another distributor sees none of it; a forged openid is refused', async () => {
  const first = await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
  const second = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  const page1 = await ok(emu, 'distributorCenter', { $url: 'orders', page: 1, pageSize: 1 }, B);
  const page2 = await ok(emu, 'distributorCenter', { $url: 'orders', page: 2, pageSize: 1 }, B);
  expect([page1[0].orderId, page2[0].orderId]).toEqual([second, first]);
  expect(await ok(emu, 'distributorCenter', { $url: 'orders', page: 3, pageSize: 1 }, B)).toEqual([]);
  await ok(emu, 'distributorCenter', { $url: 'summary' }, 'o-T');
  expect(await ok(emu, 'distributorCenter', { $url: 'orders' }, 'o-T')).toEqual([]);
  expect(await ok(emu, 'distributorCenter', { $url: 'orders' }, S)).toEqual([]);
  expect((await refused(emu, 'distributorCenter', { $url: 'orders', openid: B }, 'o-T')).code).toBe('INVALID_INPUT');
  expect((await refused(emu, 'distributorCenter', { $url: 'orders', pageSize: 10_000 }, B)).code).toBe('INVALID_INPUT');
});
