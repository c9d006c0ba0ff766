/**
 * The shop the browser test works on, made through the real functions. Recruitment is switched to approval through
 * the admin API first (functions cache the rules for a few seconds, so it must precede every function call):
 * A and B apply and are approved, A invited B, B invited shopper S; S paid an order to ship and another with a
 * refund request; one more applicant waits for approval; B asked to withdraw 200.00.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorHandle } from '../../../emulator/test/support/emulator';
import { apiOk, ownerToken, seedShop } from '../../../cloudfunctions/_tests/support/admin-http';
import { A, B, paidOrder, S } from '../../../cloudfunctions/_tests/support/commerce';
import { ok } from '../../../cloudfunctions/_tests/support/shopper';

export const APPLICANT = 'o-applicant';
export const OWNER_PASSWORD = 'owner-secret-pw';

export interface Scenario {
  ownerToken: string;
  toShip: string;
  refunded: string;
  withdrawalId: string;
}

export async function buildScenario(emu: EmulatorHandle): Promise<Scenario> {
  await seedShop(emu);
  const owner = await ownerToken(emu);
  await apiOk(emu, 'PUT', '/settings/distribution', { token: owner, body: { recruitment: 'approval' } });
  const codeA = await enrol(emu, owner, A, '张一');
  await ok(emu, 'bindInviter', { inviterCode: codeA }, B);
  const codeB = await enrol(emu, owner, B, '张二');
  await ok(emu, 'bindInviter', { inviterCode: codeB }, S);
  // B's settled commission, as the settlement flow leaves it (the settlement tests cover how it gets there).
  await emu.emulator.services.db.seed('balances', [
    { _id: B, frozen: 0, available: 50000, held: 0, withdrawn: 0, debt: 0, updatedAt: Date.now() },
  ]);
  const toShip = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 2 }]);
  const refunded = await paidOrder(emu, [{ productId: 'p-mango', quantity: 2 }]);
  await ok(
    emu,
    'orders',
    {
      $url: 'requestRefund',
      orderId: refunded,
      lines: [{ line: 0, quantity: 1 }],
      reason: '包装破损',
      requestId: randomUUID(),
    },
    S,
  );
  // An order placed but never paid, so the conversion rate is not trivially 100%.
  await ok(
    emu,
    'placeOrder',
    { requestId: randomUUID(), items: [{ productId: 'p-mug', quantity: 1 }], address: ADDRESS_FOR_UNPAID },
    S,
  );

  await ok(
    emu,
    'distributorCenter',
    { $url: 'apply', name: '王小明', phone: '13800000009', reason: '朋友多，想推荐好物' },
    APPLICANT,
  );

  const { withdrawalId } = await ok<{ withdrawalId: string }>(
    emu,
    'requestWithdrawal',
    { requestId: randomUUID(), amountFen: 20000 },
    B,
  );
  return { ownerToken: owner, toShip, refunded, withdrawalId };
}

const ADDRESS_FOR_UNPAID = {
  userName: '李四',
  telNumber: '13900139000',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 100 号',
};

/** Applies as a distributor and is approved by the owner; resolves to the invite code. */
async function enrol(emu: EmulatorHandle, owner: string, openid: string, name: string): Promise<string> {
  await ok(emu, 'distributorCenter', { $url: 'apply', name, phone: '13800000001', reason: '' }, openid);
  await apiOk(emu, 'POST', `/distributors/${openid}/approve`, { token: owner });
  const { items } = await apiOk<{ items: { _id: string; inviteCode: string }[] }>(
    emu,
    'GET',
    `/distributors?q=${openid}`,
    { token: owner },
  );
  const found = items.find((distributor) => distributor._id === openid);
  if (!found) throw new Error(`${openid} is not listed after approval`);
  return found.inviteCode;
}
