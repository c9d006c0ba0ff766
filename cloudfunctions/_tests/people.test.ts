/**
 * People instead of openids on every operator screen, through the real functions and /api/admin on the emulator:
 * each answer carries `people` (nickname, masked phone) for the openids it shows, never a sealed value or a whole
 * phone; operators find members and distributors by a nickname's beginning or a whole phone.
 */
import { randomBytes } from 'node:crypto';
import { useEmulator, type EmulatorHandle } from '../../emulator/test/support/emulator';
import { apiOk, ownerToken, seedShop } from './support/admin-http';
import { chainOfThree, paidOrder, A, B, S } from './support/commerce';
import { ok } from './support/shopper';

const emu = useEmulator({ dataKey: `k1:${randomBytes(32).toString('base64')}` });
let owner: string;

async function bindPhone(handle: EmulatorHandle, openid: string, phoneNumber: string): Promise<void> {
  const { body } = await handle.request('POST', '/_emulator/phone-codes', { openid, phoneNumber });
  await ok(handle, 'shop', { $url: 'bindPhone', code: body.code }, openid);
}

/** A → B → S; each has a nickname (B's is markup, kept as text), A and S a phone; S bought once. */
async function namedChain(): Promise<string> {
  await chainOfThree(emu);
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: '阿花' }, A);
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: '<i>小宝</i>' }, B);
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: '小山' }, S);
  await bindPhone(emu, A, '13900001111');
  await bindPhone(emu, S, '13800138000');
  return paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
}

function expectNothingSecret(answer: unknown): void {
  const text = JSON.stringify(answer);
  expect(text).not.toContain('pd1.');
  expect(text).not.toContain('13800138000');
  expect(text).not.toContain('13900001111');
}

const get = (path: string) => apiOk(emu, 'GET', path, { token: owner });

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
});

test('members: people with nickname and masked phone; search by nickname beginning or whole phone', async () => {
  await namedChain();
  const all = await get('/members?pageSize=50');
  expectNothingSecret(all);
  expect(all.people[S]).toEqual({ openid: S, nickname: '小山', phoneMasked: '138****8000' });
  expect(all.people[B]).toEqual({ openid: B, nickname: '<i>小宝</i>' });
  expect(all.items.find((member: { _id: string }) => member._id === S)).not.toHaveProperty('phone');

  const ids = async (q: string) =>
    ((await get(`/members?q=${encodeURIComponent(q)}`)).items as Array<{ _id: string }>).map((member) => member._id);
  expect(await ids('13800138000')).toEqual([S]);
  expect(await ids('+86 138-0013-8000')).toEqual([S]);
  expect(await ids('阿')).toEqual([A]);
  expect(await ids('<i>')).toEqual([B]);
  expect(await ids('13800138001')).toEqual([]);
});

test('orders, distributors, dashboard: the buyer and beneficiaries as people', async () => {
  const orderId = await namedChain();
  const list = await get('/orders');
  expectNothingSecret(list);
  expect(list.people[S]).toMatchObject({ nickname: '小山', phoneMasked: '138****8000' });
  expect(list.people[B]).toMatchObject({ nickname: '<i>小宝</i>' });
  expect(list.people[A]).toMatchObject({ nickname: '阿花', phoneMasked: '139****1111' });

  const detail = await get(`/orders/${orderId}`);
  expect(Object.keys(detail.people).sort()).toEqual([A, B, S].sort());

  const distributors = await get('/distributors');
  expectNothingSecret(distributors);
  expect(distributors.people[A]).toMatchObject({ nickname: '阿花' });
  const byPhone = await get('/distributors?q=13900001111');
  expect(byPhone.items.map((row: { _id: string }) => row._id)).toEqual([A]);

  const dashboard = await get('/dashboard?range=today');
  expect(dashboard.topDistributors.map((row: { openid: string }) => row.openid)).toEqual([B]);
  expect(dashboard.people[B]).toMatchObject({ nickname: '<i>小宝</i>' });
});

test('withdrawals and the audit log name shoppers as people, and operators stay usernames', async () => {
  await namedChain();
  await emu.request('POST', '/_emulator/db/withdrawals', {
    documents: [
      {
        _id: 'w-people-1',
        openid: A,
        requestId: 'people-0001',
        amountFen: 1000,
        feeFen: 0,
        netFen: 1000,
        status: 'requested',
        attempt: 1,
        createdAt: Date.now(),
      },
    ],
  });
  const withdrawals = await get('/withdrawals');
  expect(withdrawals.people[A]).toEqual({ openid: A, nickname: '阿花', phoneMasked: '139****1111' });

  await apiOk(emu, 'POST', `/members/${S}/erase`, { token: owner, body: { reason: '本人申请' } });
  const logs = await get('/audit-logs');
  expect(logs.people[S]).toEqual({ openid: S, nickname: '微信用户' });
  expect(logs.people).not.toHaveProperty('owner');
  // Erased: the phone went with the nickname.
  expect((await get('/members?q=13800138000')).items).toEqual([]);
});
