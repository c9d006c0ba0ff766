/**
 * GET /api/admin/distributors/risks over real orders: customers shipping to the distributor's own phone, one phone
 * behind several accounts; clean customers are not flagged; phones never appear in the answer.
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, ownerToken, seedShop } from './support/admin-http';
import { A, B, chainOfThree, expectLedgerClean, S } from './support/commerce';
import { ADDRESS, ok, pay, placeOrder } from './support/shopper';

const emu = useEmulator();
let owner: string;

afterEach(async () => {
  await expectLedgerClean(emu);
});

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
  await chainOfThree(emu);
});

async function paidWith(buyer: string, telNumber: string): Promise<string> {
  const order = await placeOrder(emu, buyer, [{ productId: 'p-nuts', quantity: 1 }], {
    address: { ...ADDRESS, telNumber },
  });
  await pay(emu, order.outTradeNo);
  return order.orderId;
}

const flagsOf = (items: any[], openid: string) => items.filter((f) => f.distributorId === openid).map((f) => f.kind);

test('customers on the distributor’s own phone and one phone behind several accounts are flagged', async () => {
  const codeB = (await ok(emu, 'distributorCenter', { $url: 'summary' }, B)).inviteCode;
  await ok(emu, 'bindInviter', { inviterCode: codeB }, 'o-T');
  await ok(emu, 'bindInviter', { inviterCode: codeB }, 'o-U');
  const own = await paidWith(B, '13900000001'); // B buys through A, shipping to B's phone
  const fromS = await paidWith(S, '13900000001'); // S ships to B's phone too
  const fromT = await paidWith('o-T', '13900000002');
  const fromU = await paidWith('o-U', '13900000002'); // T and U share a phone
  await paidWith('o-V', '13900000009'); // nobody's customer

  const report = await apiOk(emu, 'GET', '/distributors/risks', { token: owner });
  expect(report).toMatchObject({ ordersRead: 5, truncated: false, since: expect.any(Number) });
  expect(flagsOf(report.items, B).sort()).toEqual(['self-purchase', 'shared-phone']);
  const self = report.items.find((f: any) => f.distributorId === B && f.kind === 'self-purchase');
  expect(self).toMatchObject({ orderIds: [fromS], status: 'approved', frozen: false });
  const shared = report.items.find((f: any) => f.distributorId === B && f.kind === 'shared-phone');
  expect([...shared.orderIds].sort()).toEqual([fromS, fromT, fromU].sort());
  // A earned on B's order, whose phone S shares.
  expect(flagsOf(report.items, A)).toEqual(['shared-phone']);
  expect(report.items.find((f: any) => f.distributorId === A).orderIds).toEqual([own]);
  // Compared as digests; neither a phone nor a digest leaves the server.
  const text = JSON.stringify(report);
  expect(text).not.toContain('13900000001');
  expect(text).not.toContain('phoneHash');

  // A frozen distributor is marked as such on the list.
  await apiOk(emu, 'POST', `/distributors/${B}/freeze`, { token: owner, body: { reason: '核查' } });
  const after = await apiOk(emu, 'GET', '/distributors/risks?days=7', { token: owner });
  expect(after.items.filter((f: any) => f.distributorId === B).every((f: any) => f.frozen)).toBe(true);
});

test('clean customers are not flagged; the window is bounded; a shopper or a bad query gets nothing', async () => {
  await paidWith(S, '13900000005');
  expect((await apiOk(emu, 'GET', '/distributors/risks', { token: owner })).items).toEqual([]);
  expect((await api(emu, 'GET', '/distributors/risks')).status).toBe(401);
  for (const bad of ['?days=0', '?days=91', '?days=x', '?openid=o-A']) {
    expect((await api(emu, 'GET', `/distributors/risks${bad}`, { token: owner })).status).toBe(400);
  }
});
