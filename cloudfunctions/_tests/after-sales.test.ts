/**
 * The order machine with after-sales (issue 16): an open after-sale blocks shipping, a fully refunded order closes,
 * returns (退货退款) wait for the goods, a return never sent back closes by the hourly timer, a refund WeChat refuses
 * shows and is retried, photos must be the shopper's own, WeChat's shipping information is uploaded and retried,
 * subscribe messages go out, and the desk ships from a CSV. The ledger is checked after each test (useChainedShop).
 */
import { A, S, balanceOf, B, byId, fireTimer, paidOrder, useChainedShop } from './support/commerce';
import { api, apiOk, OWNER_PASSWORD, signIn } from './support/admin-http';
import { advanceClock, DAY_MS, documents, ok, refused } from './support/shopper';
import { bucketOf } from '../../emulator/src/services/storage';

process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
// Each test resets the shop and runs whole flows through several functions; a shared machine can be slow.
jest.setTimeout(120_000);
const { emu } = useChainedShop();

let token: string;
beforeEach(async () => {
  token = await signIn(emu, 'owner', OWNER_PASSWORD);
});

const SHIPMENT = { carrier: '顺丰速运', trackingNo: 'SF1234567890' };

const ship = (orderId: string, body: unknown = SHIPMENT) =>
  api(emu, 'POST', `/orders/${orderId}/ship`, { token, body });
const approve = (afterSaleId: string, body?: unknown) =>
  api(emu, 'POST', `/refunds/${encodeURIComponent(afterSaleId)}/approve`, { token, body });
const received = (afterSaleId: string) =>
  api(emu, 'POST', `/refunds/${encodeURIComponent(afterSaleId)}/received`, { token });

async function askAfterSale(
  orderId: string,
  extra: Record<string, unknown> = {},
  line = 0,
  quantity = 1,
  buyer = S,
): Promise<any> {
  const [afterSale] = await ok(
    emu,
    'orders',
    { $url: 'requestRefund', orderId, lines: [{ line, quantity }], reason: '不想要了', ...extra },
    buyer,
  );
  return afterSale;
}

const detail = (orderId: string, buyer = S) => ok(emu, 'orders', { $url: 'detail', orderId }, buyer);
const stockOf = async (productId: string) => (await byId(emu, 'products', productId)).stock as number;
const settle = () => emu.emulator.services.pay.idle();

async function shippedOrder(quantity = 2): Promise<string> {
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity }]);
  expect((await ship(orderId)).status).toBe(200);
  return orderId;
}

describe('the order machine', () => {
  test('an open after-sale blocks shipping with AFTER_SALE_OPEN and nothing changes; after rejection it ships', async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
    const afterSale = await askAfterSale(orderId);
    const before = await byId(emu, 'orders', orderId);

    const refusedShip = await ship(orderId);
    expect(refusedShip.body).toMatchObject({ ok: false, error: { code: 'AFTER_SALE_OPEN' } });
    expect(refusedShip.body.error.details?.afterSaleIds ?? [afterSale.afterSaleId]).toContain(afterSale.afterSaleId);
    expect(await byId(emu, 'orders', orderId)).toEqual(before);
    expect((await emu.request('GET', '/_emulator/shipping-uploads')).body.uploads).toEqual([]);

    await apiOk(emu, 'POST', `/refunds/${encodeURIComponent(afterSale.afterSaleId)}/reject`, {
      token,
      body: { reason: '已与买家协商' },
    });
    expect((await ship(orderId)).body).toMatchObject({ ok: true, data: { status: 'shipped' } });
  });

  test('refunding every unit closes the order (detail and database), stock and commissions restored', async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
    const stockBefore = await stockOf('p-nuts');
    const first = await askAfterSale(orderId);
    await apiOk(emu, 'POST', `/refunds/${encodeURIComponent(first.afterSaleId)}/approve`, { token });
    await settle();
    // A partial refund keeps the order going.
    expect((await detail(orderId)).status).toBe('paid');

    const rest = await askAfterSale(orderId);
    await apiOk(emu, 'POST', `/refunds/${encodeURIComponent(rest.afterSaleId)}/approve`, { token });
    await settle();
    expect((await detail(orderId)).status).toBe('closed');
    const stored = (await emu.request('GET', '/_emulator/db/orders')).body.data.find((o: any) => o._id === orderId);
    expect(stored).toMatchObject({ status: 'closed', refundedFen: 19800 });
    expect(await stockOf('p-nuts')).toBe(stockBefore + 2);
    expect(await balanceOf(emu, B)).toMatchObject({ frozen: 0 });
    expect(await balanceOf(emu, A)).toMatchObject({ frozen: 0 });
    expect((await ship(orderId)).body).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect((await detail(orderId)).timeline.map((m: any) => m.event)).toContain('closed');
  });
});

describe('returns (退货退款)', () => {
  test('approve waits for the goods; the shopper ships back; received sends the refund', async () => {
    await apiOk(emu, 'PUT', '/settings/after-sales', {
      token,
      body: { returnAddress: { name: '售后部', phone: '0571-88888888', address: '杭州市西湖区文三路 1 号' } },
    });
    const orderId = await shippedOrder(1);
    const asked = await askAfterSale(orderId, { type: 'return', reason: '<b>破损</b>' });
    expect(asked).toMatchObject({ type: 'return', status: 'requested', refundableFen: 9900, refundFen: null });
    expect(asked.reason).toBe('<b>破损</b>');

    const approved = await approve(asked.afterSaleId);
    expect(approved.body).toMatchObject({ ok: true, data: { status: 'awaiting_return', refundFen: 9900 } });
    const afterSaleDoc = await byId(emu, 'afterSales', asked.afterSaleId);
    expect(emu.emulator.services.pay.refund(afterSaleDoc.outRefundNo)).toBeUndefined();
    const [shown] = (await detail(orderId)).afterSales;
    expect(shown.returnAddress).toMatchObject({ name: '售后部' });

    // Another shopper cannot touch it; markup in the tracking number is refused; in the carrier it stays text.
    expect(
      (
        await refused(
          emu,
          'orders',
          { $url: 'returnShipped', afterSaleId: asked.afterSaleId, carrier: '中通', trackingNo: 'ZT12345678' },
          A,
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refused(
          emu,
          'orders',
          { $url: 'returnShipped', afterSaleId: asked.afterSaleId, carrier: '中通', trackingNo: '<img src=x>' },
          S,
        )
      ).code,
    ).toBe('INVALID_INPUT');
    const sent = await ok(
      emu,
      'orders',
      { $url: 'returnShipped', afterSaleId: asked.afterSaleId, carrier: '<i>中通</i>', trackingNo: 'ZT12345678' },
      S,
    );
    expect(sent).toMatchObject({
      status: 'return_shipped',
      returnShipping: { carrier: '<i>中通</i>', trackingNo: 'ZT12345678' },
    });

    expect((await received(asked.afterSaleId)).body).toMatchObject({ ok: true, data: { status: 'approved' } });
    await settle();
    const done = (await detail(orderId)).afterSales[0];
    expect(done.status).toBe('refunded');
    expect(done.timeline.map((m: any) => m.event)).toEqual([
      'requested',
      'approved',
      'returnShipped',
      'goodsReceived',
      'refunded',
    ]);
    expect((await detail(orderId)).status).toBe('closed');
  });

  test('a return is refused for an order not yet shipped', async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
    const answer = await refused(
      emu,
      'orders',
      { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '退货', type: 'return' },
      S,
    );
    expect(answer.code).toBe('ILLEGAL_TRANSITION');
    expect(await documents(emu, 'afterSales')).toEqual([]);
  });

  test('a return never sent back closes after returnShipDays by the hourly timer; nothing refunded', async () => {
    const orderId = await shippedOrder(1);
    const asked = await askAfterSale(orderId, { type: 'return' });
    await apiOk(emu, 'POST', `/refunds/${encodeURIComponent(asked.afterSaleId)}/approve`, { token });

    await fireTimer(emu, 'autoConfirmReceipt');
    expect((await byId(emu, 'afterSales', asked.afterSaleId)).status).toBe('awaiting_return');

    // The jump itself runs the hourly timer (its schedule passed); running it again finds nothing more to close.
    await emu.request('POST', '/_emulator/clock', { now: Date.now() + 8 * DAY_MS });
    expect((await fireTimer(emu, 'autoConfirmReceipt')).returnsClosed).toBe(0);
    const closed = await byId(emu, 'afterSales', asked.afterSaleId);
    expect(closed.status).toBe('closed');
    expect(closed.timeline.at(-1)).toMatchObject({ event: 'closed', by: 'system' });
    // Too late to send it back now.
    expect(
      (
        await refused(
          emu,
          'orders',
          { $url: 'returnShipped', afterSaleId: asked.afterSaleId, carrier: '中通', trackingNo: 'ZT12345678' },
          S,
        )
      ).code,
    ).toBe('ILLEGAL_TRANSITION');
    expect(['received', 'shipped']).toContain((await detail(orderId)).status);
    // The claim on the line is released: the shopper may ask again (within the after-sales window).
    expect((await byId(emu, 'orders', orderId)).lines[0].refundedQuantity).toBe(0);
  });
});

describe('refund amounts', () => {
  test('a refund WeChat refuses shows on the after-sale and approving again retries it', async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
    const asked = await askAfterSale(orderId);
    await emu.request('POST', '/_emulator/refund-refusals', { times: 1 });

    const first = await approve(asked.afterSaleId);
    expect(first.body).toMatchObject({ ok: true, data: { status: 'approved' } });
    expect(first.body.data.refundError.message).toMatch(/NOTENOUGH|余额不足/);
    await settle();
    const [shown] = (await detail(orderId)).afterSales;
    expect(shown).toMatchObject({ status: 'approved', refundFailed: true });
    expect(shown.timeline.map((m: any) => m.event)).toContain('refundFailed');

    const retry = await approve(asked.afterSaleId);
    expect(retry.body).toMatchObject({ ok: true, data: { refundError: null } });
    await settle();
    expect((await detail(orderId)).afterSales[0]).toMatchObject({ status: 'refunded', refundFailed: false });
  });

  test('an operator may refund less than computed, only with a reason, never more', async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
    const asked = await askAfterSale(orderId);
    expect(asked.refundableFen).toBe(9900);
    expect((await approve(asked.afterSaleId, { refundFen: 9901, partialReason: '多退' })).body.error.code).toBe(
      'INVALID_INPUT',
    );
    expect((await approve(asked.afterSaleId, { refundFen: 5000 })).body.error.code).toBe('INVALID_INPUT');
    expect((await byId(emu, 'afterSales', asked.afterSaleId)).status).toBe('requested');

    const partial = await approve(asked.afterSaleId, { refundFen: 5000, partialReason: '包装破损，协商退一半' });
    expect(partial.body).toMatchObject({ ok: true, data: { refundFen: 5000, partialReason: '包装破损，协商退一半' } });
    await settle();
    const doc = await byId(emu, 'afterSales', asked.afterSaleId);
    expect(doc.status).toBe('refunded');
    expect(emu.emulator.services.pay.refund(doc.outRefundNo)).toMatchObject({ refundFee: 5000, status: 'SUCCESS' });
    expect((await byId(emu, 'orders', orderId)).refundedFen).toBe(5000);
  });
});

describe('photos', () => {
  async function upload(folder: string, name: string): Promise<string> {
    const path = `${folder}/${name}`;
    emu.emulator.services.storage.put(path, Buffer.from('photo'));
    const { envId } = emu.emulator.services.context;
    return `cloud://${envId}.${bucketOf(envId)}/${path}`;
  }

  test("the shopper's own uploads are kept; another shopper's, a missing or a foreign file is refused", async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
    const { folder } = await ok(emu, 'orders', { $url: 'photoFolder' }, S);
    const { folder: otherFolder } = await ok(emu, 'orders', { $url: 'photoFolder' }, A);
    expect(folder).not.toBe(otherFolder);
    const mine = await upload(folder, 'a.jpg');
    const theirs = await upload(otherFolder, 'b.jpg');
    const { envId } = emu.emulator.services.context;
    const missing = `cloud://${envId}.${bucketOf(envId)}/${folder}/never-uploaded.jpg`;

    for (const photos of [[theirs], [missing], ['cloud://other-env.bucket/x.jpg'], ['https://evil.example/x.jpg']]) {
      const answer = await refused(
        emu,
        'orders',
        { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '坏了', photos },
        S,
      );
      expect(answer.code).toBe('PHOTO_NOT_YOURS');
    }
    const seven = Array.from({ length: 7 }, () => mine);
    expect(
      (
        await refused(
          emu,
          'orders',
          { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '坏了', photos: seven },
          S,
        )
      ).code,
    ).toBe('INVALID_INPUT');
    expect(await documents(emu, 'afterSales')).toEqual([]);

    const kept = await askAfterSale(orderId, { photos: [mine] });
    expect(kept.photos).toEqual([mine]);
  });
});

describe('WeChat shipping information and subscribe messages', () => {
  test('every shipment is uploaded; a refused upload stays pending and the hourly timer retries it', async () => {
    await emu.request('POST', '/_emulator/shipping-uploads/refuse', { times: 1 });
    const orderId = await shippedOrder(1);
    expect((await byId(emu, 'orders', orderId)).shippingUpload).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await detail(orderId)).shippingUpload).toBe('pending');
    expect((await emu.request('GET', '/_emulator/shipping-uploads')).body.uploads).toEqual([]);

    expect((await fireTimer(emu, 'autoConfirmReceipt')).shippingUploaded).toBe(1);
    const { uploads } = (await emu.request('GET', '/_emulator/shipping-uploads')).body;
    expect(uploads).toHaveLength(1);
    const order = await byId(emu, 'orders', orderId);
    expect(uploads[0]).toMatchObject({
      orderKey: { order_number_type: 1, out_trade_no: order.outTradeNo },
      logisticsType: 1,
      payerOpenid: S,
      shippingList: [{ tracking_no: SHIPMENT.trackingNo, express_company: SHIPMENT.carrier }],
    });
    expect(order.shippingUpload).toMatchObject({ status: 'uploaded', attempts: 2 });
    expect((await fireTimer(emu, 'autoConfirmReceipt')).shippingUploaded).toBe(0);
  });

  test('virtual goods ship without a tracking number (logistics type 3)', async () => {
    const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
    expect((await ship(orderId, { logisticsType: 3 })).body).toMatchObject({ ok: true });
    const { uploads } = (await emu.request('GET', '/_emulator/shipping-uploads')).body;
    expect(uploads[0]).toMatchObject({ logisticsType: 3 });
    expect((await ship(orderId, {})).body.ok).toBe(false);
  });

  test('shipped and refund-result messages use the template ids from the settings', async () => {
    await apiOk(emu, 'PUT', '/settings/after-sales', {
      token,
      body: { subscribeTemplates: { shipped: 'tpl-shipped', refundResult: 'tpl-refund' } },
    });
    const orderId = await shippedOrder(2);
    const asked = await askAfterSale(orderId);
    await apiOk(emu, 'POST', `/refunds/${encodeURIComponent(asked.afterSaleId)}/approve`, { token });
    await settle();
    const { messages } = (await emu.request('GET', '/_emulator/outbox')).body;
    expect(messages.map((m: any) => [m.templateId, m.touser])).toEqual([
      ['tpl-shipped', S],
      ['tpl-refund', S],
    ]);
  });
});

describe('the order desk', () => {
  test('batch shipping from a CSV reports each line', async () => {
    const good = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
    const blocked = await paidOrder(emu, [{ productId: 'p-mango', quantity: 1 }]);
    await askAfterSale(blocked);
    const csv = [
      '订单号,快递公司,运单号',
      `${good},顺丰速运,SF0000000001`,
      `${blocked},中通快递,ZT0000000002`,
      'no-such-order,圆通,YT0000000003',
      `${good},"=cmd|' /C calc'!A0",<script>`,
    ].join('\n');
    const report = await apiOk(emu, 'POST', '/orders/ship-batch', { token, body: { csv } });
    expect(report.results.map((r: any) => [r.line, r.ok, r.error?.code])).toEqual([
      [2, true, undefined],
      [3, false, 'AFTER_SALE_OPEN'],
      [4, false, 'NOT_FOUND'],
      [5, false, 'INVALID_INPUT'],
    ]);
    expect(report).toMatchObject({ shipped: 1, failed: 3 });
    expect((await byId(emu, 'orders', good)).status).toBe('shipped');
    expect((await byId(emu, 'orders', blocked)).status).toBe('paid');
  });

  test("another shopper's after-sale is invisible; an operator role is needed for received", async () => {
    const orderId = await shippedOrder(1);
    const asked = await askAfterSale(orderId, { type: 'return' });
    expect((await refused(emu, 'orders', { $url: 'refunds', orderId }, A)).code).toBe('NOT_FOUND');
    expect((await api(emu, 'POST', `/refunds/${encodeURIComponent(asked.afterSaleId)}/received`)).status).toBe(401);
    await advanceClock(emu, 0);
  });
});
