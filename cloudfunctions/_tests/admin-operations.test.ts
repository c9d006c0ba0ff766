/**
 * adminApi over real shop activity: orders (list, detail, ship, CSV), refunds, distributors, members, the
 * dashboard and withdrawals. Orders, commissions and withdrawals come from the real mini program functions.
 */
import { randomUUID } from 'node:crypto';
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, documents, ownerToken, seedShop, staffToken } from './support/admin-http';
import { A, B, chainOfThree, paidOrder, S } from './support/commerce';
import { ADDRESS, ok } from './support/shopper';

const emu = useEmulator();
let owner: string;

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
});

async function auditOf(action: string): Promise<any[]> {
  return (await apiOk(emu, 'GET', `/audit-logs?action=${action}`, { token: owner })).items;
}

async function orderDoc(id: string): Promise<any> {
  return (await documents(emu, 'orders')).find((order) => order._id === id);
}

/** A invited B, B invited S; S bought 2 × p-nuts (99.00 each, free shipping): B earns 15%, A 8%. */
async function soldThroughTwoLevels(): Promise<string> {
  await chainOfThree(emu);
  return paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
}

describe('orders', () => {
  test('list with status, distributor and time filters; one order with its commissions and rules version', async () => {
    const orderId = await soldThroughTwoLevels();
    const operator = await staffToken(emu, owner, 'operator');
    const list = await apiOk(emu, 'GET', '/orders?status=paid', { token: operator });
    expect(list.items.map((order: any) => order._id)).toEqual([orderId]);
    expect((await apiOk(emu, 'GET', '/orders?status=shipped', { token: operator })).total).toBe(0);
    expect((await apiOk(emu, 'GET', `/orders?distributor=${A}`, { token: operator })).total).toBe(1);
    expect((await apiOk(emu, 'GET', '/orders?distributor=o-stranger', { token: operator })).total).toBe(0);
    const created = (await orderDoc(orderId)).createdAt as number;
    expect((await apiOk(emu, 'GET', `/orders?from=${created}&to=${created + 1}`, { token: operator })).total).toBe(1);
    expect((await apiOk(emu, 'GET', `/orders?from=${created + 1}`, { token: operator })).total).toBe(0);
    expect((await api(emu, 'GET', '/orders?status=lost', { token: operator })).status).toBe(400);

    const detail = await apiOk(emu, 'GET', `/orders/${orderId}`, { token: operator });
    expect(detail.order).toMatchObject({ _id: orderId, totalFen: 19800, snapshot: { beneficiaries: [B, A] } });
    expect(detail.commissions.map((c: any) => [c.beneficiaryId, c.amountFen]).sort()).toEqual([
      [A, 1584],
      [B, 2970],
    ]);
    expect(detail.rules).toMatchObject({ version: 1, rules: { levelRatesBp: [1500, 800] } });
    expect((await api(emu, 'GET', '/orders/nope', { token: operator })).status).toBe(404);
  });

  test('POST /orders/<id>/ship ships through the fulfilment flow, audited; a second ship is 409; bad input writes nothing', async () => {
    const orderId = await soldThroughTwoLevels();
    const operator = await staffToken(emu, owner, 'operator');
    for (const body of [
      { carrier: 'SF' },
      { carrier: 'SF', trackingNo: '#' },
      { carrier: 'SF', trackingNo: 'SF1234567', note: 'x' },
    ]) {
      expect((await api(emu, 'POST', `/orders/${orderId}/ship`, { token: operator, body })).status).toBe(400);
    }
    expect((await orderDoc(orderId)).status).toBe('paid');

    const answer = await api(emu, 'POST', `/orders/${orderId}/ship`, {
      token: operator,
      body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      status: 'shipped',
      shipping: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    });
    expect(await orderDoc(orderId)).toMatchObject({ status: 'shipped', shippedAt: expect.any(Number) });
    const [entry] = await auditOf('order.ship');
    expect(entry).toMatchObject({
      actor: 'operator',
      target: `orders/${orderId}`,
      before: { status: 'paid' },
      after: { status: 'shipped' },
    });

    const again = await api(emu, 'POST', `/orders/${orderId}/ship`, {
      token: operator,
      body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(
      (
        await api(emu, 'POST', '/orders/nope/ship', {
          token: operator,
          body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
        })
      ).status,
    ).toBe(404);
  });

  test('GET /orders.csv exports yuan with two decimals from integer fen', async () => {
    const nuts = await soldThroughTwoLevels();
    // 39.90 of mango, under the free-shipping line: 8.00 shipping.
    const mango = await paidOrder(emu, [{ productId: 'p-mango', quantity: 1 }]);
    const answer = await api(emu, 'GET', '/orders.csv', { token: owner });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/csv; charset=utf-8');
    const lines = answer.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((line) => line.split(','));
    const column = (name: string) => header.indexOf(name);
    // Rows carry the order number operators read (with a trailing tab that keeps spreadsheets from rounding it).
    const stored = (await emu.request('GET', '/_emulator/db/orders')).body.data as { _id: string; orderNo: string }[];
    const orderNoOf = new Map(stored.map((order) => [order.orderNo, order._id]));
    const byId = new Map(rows.map((row) => [orderNoOf.get((row[0] ?? '').trim()), row]));
    expect(byId.get(nuts)![column('实付(元)')]).toBe('198.00');
    expect(byId.get(nuts)![column('一级分销员')]).toBe(B);
    expect(byId.get(mango)![column('商品金额(元)')]).toBe('39.90');
    expect(byId.get(mango)![column('运费(元)')]).toBe('8.00');
    expect(byId.get(mango)![column('实付(元)')]).toBe('47.90');
    const filtered = await api(emu, 'GET', `/orders.csv?distributor=o-stranger`, { token: owner });
    expect(
      filtered.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
  });
});

describe('refunds', () => {
  test('list, approve (through the refunds flow) and reject with a reason; both audited', async () => {
    const orderId = await soldThroughTwoLevels();
    await ok(
      emu,
      'orders',
      { $url: 'requestRefund', orderId, lines: [{ line: 0, quantity: 1 }], reason: '破损', requestId: randomUUID() },
      S,
    );
    const operator = await staffToken(emu, owner, 'operator');
    const queue = await apiOk(emu, 'GET', '/refunds?status=requested', { token: operator });
    expect(queue.total).toBe(1);
    const [first] = queue.items;

    const approved = await apiOk(emu, 'POST', `/refunds/${first._id}/approve`, { token: operator });
    expect(approved).toMatchObject({ _id: first._id, refundFen: 9900, decidedBy: 'operator' });
    expect((await auditOf('refund.approve'))[0]).toMatchObject({
      before: { status: 'requested' },
      after: { refundFen: 9900 },
    });

    await ok(
      emu,
      'orders',
      {
        $url: 'requestRefund',
        orderId,
        lines: [{ line: 0, quantity: 1 }],
        reason: '不想要了',
        requestId: randomUUID(),
      },
      S,
    );
    const second = (await apiOk(emu, 'GET', '/refunds?status=requested', { token: operator })).items[0];
    expect((await api(emu, 'POST', `/refunds/${second._id}/reject`, { token: operator, body: {} })).status).toBe(400);
    const rejected = await apiOk(emu, 'POST', `/refunds/${second._id}/reject`, {
      token: operator,
      body: { reason: '已超出范围' },
    });
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '已超出范围' });
    expect(await auditOf('refund.reject')).toHaveLength(1);
    expect(
      (await api(emu, 'POST', `/refunds/${second._id}/reject`, { token: operator, body: { reason: '再拒' } })).status,
    ).toBe(409);
  });
});

describe('distributors and members', () => {
  test('list with team sizes, sales, earnings and balances', async () => {
    await soldThroughTwoLevels();
    const list = await apiOk(emu, 'GET', '/distributors?status=approved', { token: owner });
    const byId = new Map(list.items.map((d: any) => [d._id, d]));
    expect(byId.get(A)).toMatchObject({
      team: { level1: 1, level2: 1 },
      sales: { orders: 0, salesFen: 0 },
      earnedFen: 1584,
      balances: { frozen: 1584 },
    });
    expect(byId.get(B)).toMatchObject({
      team: { level1: 1, level2: 0 },
      sales: { orders: 1, salesFen: 19800 },
      earnedFen: 2970,
      balances: { frozen: 2970 },
    });
    const code = (byId.get(A) as any).inviteCode;
    expect((await apiOk(emu, 'GET', `/distributors?q=${code}`, { token: owner })).items.map((d: any) => d._id)).toEqual(
      [A],
    );
  });

  test('applications: approve (the contract route), reject with a reason, disable and enable, each audited', async () => {
    const now = Date.now();
    await emu.emulator.services.db.seed('distributors', [
      {
        _id: 'o-apply-1',
        status: 'applied',
        inviteCode: 'APPLY2',
        createdAt: now,
        application: { name: '王', phone: '13800000001', reason: '', at: now },
      },
      {
        _id: 'o-apply-2',
        status: 'applied',
        inviteCode: 'APPLY3',
        createdAt: now + 1,
        application: { name: '李', phone: '13800000002', reason: '', at: now },
      },
    ]);
    const operator = await staffToken(emu, owner, 'operator');
    expect(
      (await apiOk(emu, 'GET', '/distributors/applications', { token: operator })).items.map((d: any) => d._id),
    ).toEqual(['o-apply-1', 'o-apply-2']);

    const approved = await api(emu, 'POST', '/distributors/o-apply-1/approve', { token: operator });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', decidedBy: 'operator' });
    expect((await api(emu, 'POST', '/distributors/o-apply-2/reject', { token: operator, body: {} })).status).toBe(400);
    await apiOk(emu, 'POST', '/distributors/o-apply-2/reject', { token: operator, body: { reason: '资料不全' } });
    await apiOk(emu, 'POST', '/distributors/o-apply-1/disable', { token: operator });
    await apiOk(emu, 'POST', '/distributors/o-apply-1/enable', { token: operator });
    expect((await api(emu, 'POST', '/distributors/o-apply-2/approve', { token: operator })).status).toBe(409);
    expect((await api(emu, 'POST', '/distributors/o-nobody/approve', { token: operator })).status).toBe(404);

    const stored = new Map((await documents(emu, 'distributors')).map((d) => [d._id, d]));
    expect(stored.get('o-apply-1')).toMatchObject({ status: 'approved' });
    expect(stored.get('o-apply-2')).toMatchObject({ status: 'rejected', rejectReason: '资料不全' });
    const actions = (await apiOk(emu, 'GET', '/audit-logs', { token: owner })).items.map((e: any) => e.action);
    expect(actions.filter((a: string) => a.startsWith('distributor.'))).toEqual([
      'distributor.enable',
      'distributor.disable',
      'distributor.reject',
      'distributor.approve',
    ]);
  });

  test('members with spend and inviter; binding history; the tree up and two levels down', async () => {
    await soldThroughTwoLevels();
    const members = await apiOk(emu, 'GET', '/members', { token: owner });
    const shopper = members.items.find((m: any) => m._id === S);
    expect(shopper).toMatchObject({ inviterOpenid: B, spentFen: 19800, distributorStatus: null });
    expect((await apiOk(emu, 'GET', `/members?q=${S}`, { token: owner })).items.map((m: any) => m._id)).toEqual([S]);

    const bindings = await apiOk(emu, 'GET', `/members/${S}/bindings`, { token: owner });
    expect(bindings.items).toEqual([
      expect.objectContaining({ openid: S, oldInviterOpenid: null, newInviterOpenid: B }),
    ]);

    const tree = await apiOk(emu, 'GET', `/members/${B}/tree`, { token: owner });
    expect(tree.up).toEqual([{ openid: A, level: 1, nickname: null }]);
    expect(tree.down.level1.members.map((m: any) => m._id)).toEqual([S]);
    expect(tree.down.level2).toEqual({ total: 0, members: [] });
    const top = await apiOk(emu, 'GET', `/members/${A}/tree`, { token: owner });
    expect([top.up, top.down.level1.total, top.down.level2.members.map((m: any) => m._id)]).toEqual([[], 1, [S]]);
    expect((await api(emu, 'GET', '/members/o-nobody/tree', { token: owner })).status).toBe(404);
  });
});

describe('dashboard', () => {
  test('sales, conversion, top products and distributors, commission and a per-day series', async () => {
    await soldThroughTwoLevels();
    await ok(
      emu,
      'placeOrder',
      { requestId: randomUUID(), items: [{ productId: 'p-mug', quantity: 1 }], address: ADDRESS },
      S,
    );
    const finance = await staffToken(emu, owner, 'finance');
    const today = await apiOk(emu, 'GET', '/dashboard?range=today', { token: finance });
    expect(today).toMatchObject({
      range: 'today',
      salesFen: 19800,
      paidOrders: 1,
      createdOrders: 2,
      paidConversionBp: 5000,
      newDistributors: 2,
      commission: { bookedFen: 4554, frozenNowFen: 4554, settledFen: 0, paidOutFen: 0 },
      refundedFen: 0,
      refundRateBp: 0,
    });
    expect(today.topProducts).toEqual([
      { productId: 'p-nuts', title: expect.any(String), quantity: 2, paidFen: 19800, refundedFen: 0, netFen: 19800 },
    ]);
    expect(today.topDistributors).toEqual([
      {
        openid: B,
        paidFen: 19800,
        refundedFen: 0,
        netFen: 19800,
        orders: 1,
        refundRateBp: 0,
        commissionNetFen: 2970,
      },
    ]);
    expect(today.series).toEqual([
      {
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        salesFen: 19800,
        refundedFen: 0,
        netSalesFen: 19800,
        paidOrders: 1,
        createdOrders: 2,
      },
    ]);

    const week = await apiOk(emu, 'GET', '/dashboard?range=7d', { token: finance });
    expect(week.series).toHaveLength(7);
    expect(week.series[6]).toMatchObject({ salesFen: 19800 });
    expect((await apiOk(emu, 'GET', '/dashboard?range=30d', { token: finance })).series).toHaveLength(30);
    expect((await api(emu, 'GET', '/dashboard?range=year', { token: finance })).status).toBe(400);
  });
});

describe('withdrawals', () => {
  async function requestedWithdrawal(amountFen: number): Promise<string> {
    const result = await ok<{ withdrawalId: string }>(
      emu,
      'requestWithdrawal',
      { requestId: randomUUID(), amountFen },
      B,
    );
    return result.withdrawalId;
  }

  beforeEach(async () => {
    await ok(emu, 'distributorCenter', { $url: 'summary' }, B);
    await emu.emulator.services.db.seed('balances', [
      { _id: B, frozen: 0, available: 50000, held: 0, withdrawn: 0, debt: 0, updatedAt: Date.now() },
    ]);
  });

  test('finance approves and marks paid (contract routes), audited; the ledger moves; CSV export', async () => {
    const id = await requestedWithdrawal(20000);
    const finance = await staffToken(emu, owner, 'finance');
    expect(
      (await apiOk(emu, 'GET', '/withdrawals?status=requested', { token: finance })).items.map((w: any) => w._id),
    ).toEqual([id]);

    expect(
      (await api(emu, 'POST', `/withdrawals/${id}/paid`, { token: finance, body: { payoutReference: 'BANK-1' } }))
        .status,
    ).toBe(409);
    const approved = await api(emu, 'POST', `/withdrawals/${id}/approve`, { token: finance });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', decidedBy: 'finance' });
    expect((await api(emu, 'POST', `/withdrawals/${id}/paid`, { token: finance, body: {} })).status).toBe(400);
    const paid = await apiOk(emu, 'POST', `/withdrawals/${id}/paid`, {
      token: finance,
      body: { payoutReference: 'BANK-1' },
    });
    expect(paid).toMatchObject({ status: 'paid', payoutReference: 'BANK-1' });
    const balance = (await documents(emu, 'balances')).find((b) => b._id === B);
    expect(balance).toMatchObject({ available: 30000, held: 0, withdrawn: 20000 });
    const actions = (await apiOk(emu, 'GET', '/audit-logs', { token: owner })).items.map((e: any) => e.action);
    expect(actions.filter((a: string) => a.startsWith('withdrawal.'))).toEqual([
      'withdrawal.paid',
      'withdrawal.approve',
    ]);

    const csv = await api(emu, 'GET', '/withdrawals.csv', { token: finance });
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const [header, row] = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(row![header!.indexOf('申请金额(元)')]).toBe('200.00');
    expect(row![header!.indexOf('打款凭证')]).toBe('BANK-1');
  });

  test('a rejection gives the held amount back; unknown ids are 404', async () => {
    const id = await requestedWithdrawal(12345);
    expect((await documents(emu, 'balances')).find((b) => b._id === B)).toMatchObject({
      available: 37655,
      held: 12345,
    });
    const rejected = await apiOk(emu, 'POST', `/withdrawals/${id}/reject`, {
      token: owner,
      body: { reason: '信息不符' },
    });
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '信息不符' });
    expect((await documents(emu, 'balances')).find((b) => b._id === B)).toMatchObject({ available: 50000, held: 0 });
    expect((await auditOf('withdrawal.reject'))[0]).toMatchObject({
      actor: 'owner',
      before: { status: 'requested' },
      after: { status: 'rejected' },
    });
    expect((await api(emu, 'POST', '/withdrawals/nope/approve', { token: owner })).status).toBe(404);
  });
});
