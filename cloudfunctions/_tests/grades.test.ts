/**
 * 分销等级 end to end: the owner saves a program, the upgradeGrades timer moves B up on B's own results, later
 * orders pay B the graded rate while earlier ones keep theirs; a recruit-count condition is refused; shoppers and
 * operators cannot set grades. The ledger is checked after each test.
 */
import { api, apiOk, OWNER_PASSWORD, signIn, staffToken } from './support/admin-http';
import { A, B, S, byId, paidOrder, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { documents, invokeAsPlatform, ok } from './support/shopper';

process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;

const { emu, ops } = useChainedShop();
const owner = () => signIn(emu, 'owner', OWNER_PASSWORD);

const PROGRAM = {
  enabled: true,
  grades: [
    { id: 'member', name: '推广员', rates: { kind: 'uplift', upliftBp: 0 }, conditions: [] },
    {
      id: 'silver',
      name: '银牌推广员',
      rates: { kind: 'uplift', upliftBp: 500 },
      conditions: [
        { metric: 'directCustomers', atLeast: 1 },
        { metric: 'directSalesFen', atLeast: 10_000 },
      ],
      logic: 'all',
      keepDays: 30,
    },
    {
      id: 'gold',
      name: '金牌推广员',
      rates: { kind: 'rates', levelRatesBp: [2500, 800] },
      conditions: [{ metric: 'directSalesFen', atLeast: 1_000_000 }],
      logic: 'any',
    },
  ],
};

async function receivedOrder(): Promise<string> {
  const orderId = await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
  await ops().fulfilment.shipOrder(orderId, { carrier: '顺丰', trackingNo: 'SF1' }, 'operator', await emulatorNow(emu));
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  return orderId;
}

const fireGrades = async () => (await emu.request('POST', '/_emulator/timers/upgradeGrades/hourly')).body.result;

const termsOf = async (orderId: string, beneficiary: string) =>
  (await documents(emu, 'commissions')).find((c) => c.orderId === orderId && c.beneficiaryId === beneficiary)?.terms;

test('an upgrade on own results pays the graded rate on later orders; earlier orders keep theirs', async () => {
  await apiOk(emu, 'PUT', '/settings/grades', { token: await owner(), body: PROGRAM });
  const before = await ok(emu, 'distributorCenter', { $url: 'summary' }, B);
  expect(before.grade).toMatchObject({
    current: { id: 'member', name: '推广员' },
    next: { id: 'silver', name: '银牌推广员', logic: 'all' },
    toGo: [
      { metric: 'directCustomers', atLeast: 1, have: 0, left: 1 },
      { metric: 'directSalesFen', atLeast: 10_000, have: 0, left: 10_000 },
    ],
  });

  const first = await receivedOrder();
  expect(await termsOf(first, B)).toEqual({ kind: 'rate', rateBp: 1500 });
  expect(await fireGrades()).toMatchObject({ changed: expect.any(Number), remaining: false });
  expect((await byId(emu, 'distributors', B)).grade).toMatchObject({
    gradeId: 'silver',
    keepUntil: expect.any(Number),
  });
  // A recruited B but sold nothing directly: recruits never count.
  expect((await byId(emu, 'distributors', A)).grade).toMatchObject({ gradeId: 'member' });
  // A second run changes nothing.
  expect(await fireGrades()).toMatchObject({ changed: 0 });

  const second = await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
  expect(await termsOf(second, B)).toEqual({ kind: 'rate', rateBp: 2000 });
  expect(await termsOf(second, A)).toEqual({ kind: 'rate', rateBp: 800 });
  // The first order's commission is what it was paid with.
  expect(await termsOf(first, B)).toEqual({ kind: 'rate', rateBp: 1500 });

  const after = await ok(emu, 'distributorCenter', { $url: 'summary' }, B);
  expect(after.grade).toMatchObject({
    current: { id: 'silver' },
    next: { id: 'gold' },
    rates: { kind: 'uplift', upliftBp: 500 },
    toGo: [{ metric: 'directSalesFen', atLeast: 1_000_000, left: 1_000_000 - 26_800 }],
  });
});

test('the legal limit: a recruit-count or team condition is refused and nothing is saved', async () => {
  const token = await owner();
  await apiOk(emu, 'PUT', '/settings/grades', { token, body: PROGRAM });
  for (const metric of ['recruits', 'teamSize', 'downlineSalesFen']) {
    const body = structuredClone(PROGRAM);
    (body.grades[1]!.conditions as Array<{ metric: string; atLeast: number }>).push({ metric, atLeast: 3 });
    const answer = await api(emu, 'PUT', '/settings/grades', { token, body });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(answer.body.error.message).toContain('拉人头');
  }
  expect((await apiOk(emu, 'GET', '/settings/grades', { token })).program).toEqual(
    expect.objectContaining({ grades: expect.arrayContaining([expect.objectContaining({ id: 'silver' })]) }),
  );
  const saved = (await apiOk(emu, 'GET', '/settings/grades', { token })).program.grades[1].conditions;
  expect(saved.map((c: any) => c.metric)).toEqual(['directCustomers', 'directSalesFen']);
});

describe('as an attacker', () => {
  test('a shopper cannot run the grade timer; an operator or a signed-out caller cannot set grades', async () => {
    await apiOk(emu, 'PUT', '/settings/grades', { token: await owner(), body: PROGRAM });
    await receivedOrder();
    const { status, body } = await emu.call('upgradeGrades', {}, B);
    expect(status).toBe(403);
    expect(body).toEqual({ error: { code: 'EXCEED_AUTHORITY', message: expect.any(String) } });
    expect(await invokeAsPlatform(emu, 'upgradeGrades', {}, B)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await byId(emu, 'distributors', B)).grade).toBeUndefined();

    const operator = await staffToken(emu, await owner(), 'operator');
    const rich = { ...PROGRAM, grades: [{ ...PROGRAM.grades[0], rates: { kind: 'uplift', upliftBp: 9000 } }] };
    expect((await api(emu, 'PUT', '/settings/grades', { token: operator, body: rich })).status).toBe(403);
    expect((await api(emu, 'PUT', '/settings/grades', { body: rich })).status).toBe(401);
    // A forged grade in a mini program event is refused by the schema.
    const forged = await emu.call('distributorCenter', { $url: 'summary', grade: 'gold' }, B);
    expect(forged.body.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
