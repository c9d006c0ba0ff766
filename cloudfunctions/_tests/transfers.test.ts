/**
 * 商家转账 end to end against the emulator's simulated transfer service, through the real WeChat Pay client
 * (wechatpay-axios-plugin, signing and verifying): released by an operator over /api/admin, confirmed, expired,
 * failed; callbacks repeated, concurrent, forged; the timer's query; the two-operator rule on release. The ledger
 * is checked after each test (useChainedShop).
 */
import { B, S, balanceOf, byId, paidOrder, reviseCurrentRules, useChainedShop, settleOrder } from './support/commerce';
import { api, apiOk, OWNER_PASSWORD, ownerToken, staffToken } from './support/admin-http';
import { invokeAsPlatform, ok, refused } from './support/shopper';

process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
const { emu } = useChainedShop();
// The first call of each function builds it; on a shared machine the first test of the file pays for all of them.
jest.setTimeout(120_000);

async function earn(quantity: number): Promise<void> {
  await reviseCurrentRules(emu, { levelRatesBp: [10000, 0] });
  const orderId = await paidOrder(emu, [{ productId: 'p-longjing', quantity }]);
  await settleOrder(emu, orderId);
}

interface Desk {
  owner: string;
  maker: string;
  checker: string;
}

async function transferDesk(): Promise<Desk> {
  const owner = await ownerToken(emu);
  await apiOk(emu, 'PUT', '/settings/payouts', { token: owner, body: { channel: 'wechat-transfer' } });
  return {
    owner,
    maker: await staffToken(emu, owner, 'finance', 'maker'),
    checker: await staffToken(emu, owner, 'finance', 'checker'),
  };
}

/** Requested by B, approved by the maker, released as a bill by `releaser`; answers the withdrawal and its bill. */
async function released(desk: Desk, amountFen: number, releaser = desk.checker) {
  const { withdrawalId } = await ok(
    emu,
    'requestWithdrawal',
    { requestId: `transfer-${amountFen}-${Date.now()}`, amountFen },
    B,
  );
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: desk.maker });
  const withdrawal = await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/transfer`, { token: releaser });
  return { withdrawalId, outBillNo: withdrawal.transfer.outBillNo as string, withdrawal };
}

const emulatorPost = (path: string, body: unknown = {}) => emu.request('POST', path, body);

test('confirmed: the bill waits for the payee, the mini program gets its package, callbacks record it once', async () => {
  await earn(1);
  const desk = await transferDesk();
  const { withdrawalId, outBillNo, withdrawal } = await released(desk, 20000);
  expect(withdrawal).toMatchObject({
    status: 'approved',
    transfer: { state: 'WAIT_USER_CONFIRM', releasedBy: 'checker' },
  });
  const bill = emu.emulator.services.transfer.bill(outBillNo)!;
  expect(bill).toMatchObject({
    transfer_amount: 20000,
    transfer_scene_id: '1005',
    openid: B,
    state: 'WAIT_USER_CONFIRM',
  });
  expect(bill.request).toMatchObject({
    user_recv_perception: '劳务报酬',
    transfer_scene_report_infos: [
      { info_type: '岗位类型', info_content: '分销员' },
      { info_type: '报酬说明', info_content: expect.stringContaining('分销佣金200.00元') },
    ],
  });

  const pkg = await ok(emu, 'distributorCenter', { $url: 'transferPackage', withdrawalId }, B);
  expect(pkg).toEqual({ mchId: '1900000109', appId: expect.any(String), package: bill.package_info });
  expect((await refused(emu, 'distributorCenter', { $url: 'transferPackage', withdrawalId }, S)).code).toBe(
    'NOT_FOUND',
  );

  const confirmed = await emulatorPost(`/_emulator/transfers/${outBillNo}/confirm`, {
    deliveries: 4,
    concurrent: true,
  });
  expect(confirmed.status).toBe(200);
  const answers = confirmed.body.deliveries.map((d: any) => d.errcode);
  expect(answers).toEqual([0, 0, 0, 0]);
  const again = await emulatorPost(`/_emulator/transfers/${outBillNo}/notify`, { deliveries: 2 });
  expect(again.body.deliveries.map((d: any) => d.errmsg)).toEqual(['already-recorded', 'already-recorded']);
  expect(await byId(emu, 'withdrawals', withdrawalId)).toMatchObject({
    status: 'paid',
    paidBy: 'wechatpay',
    transfer: { state: 'SUCCESS' },
  });
  expect(await balanceOf(emu, B)).toMatchObject({ held: 0, withdrawn: 20000, available: 6800 });
  expect((await refused(emu, 'distributorCenter', { $url: 'transferPackage', withdrawalId }, B)).code).toBe(
    'ILLEGAL_TRANSITION',
  );
});

test('expired: 24 h unconfirmed on the emulator clock, the timer finds it and the hold returns', async () => {
  await earn(1);
  const desk = await transferDesk();
  const { withdrawalId } = await released(desk, 20000);
  await emu.request('POST', '/_emulator/clock', { advanceMs: 24 * 3600_000 + 1000 });
  const swept = await emu.request('POST', '/_emulator/timers/transferCallback/every5min');
  expect(swept.status).toBe(200);
  expect(await byId(emu, 'withdrawals', withdrawalId)).toMatchObject({
    status: 'failed',
    transfer: { state: 'CANCELLED' },
    failureReason: expect.stringContaining('24 小时未确认'),
  });
  expect(await balanceOf(emu, B)).toMatchObject({ held: 0, available: 26800, withdrawn: 0 });
});

test('expired through /_emulator: the callback records the release once', async () => {
  await earn(1);
  const desk = await transferDesk();
  const { withdrawalId, outBillNo } = await released(desk, 20000);
  const expired = await emulatorPost(`/_emulator/transfers/${outBillNo}/expire`, { deliveries: 3, concurrent: true });
  expect(expired.body.bill.state).toBe('CANCELLED');
  expect((await byId(emu, 'withdrawals', withdrawalId)).status).toBe('failed');
  expect(await balanceOf(emu, B)).toMatchObject({ held: 0, available: 26800 });
});

test('failed: an injected failure on confirmation releases the hold; a retry is a new attempt and a new bill', async () => {
  await earn(1);
  const desk = await transferDesk();
  const { withdrawalId, outBillNo } = await released(desk, 20000);
  await emulatorPost(`/_emulator/transfers/${outBillNo}/inject-failure`);
  await emulatorPost(`/_emulator/transfers/${outBillNo}/confirm`);
  expect(await byId(emu, 'withdrawals', withdrawalId)).toMatchObject({ status: 'failed', transfer: { state: 'FAIL' } });
  expect(await balanceOf(emu, B)).toMatchObject({ held: 0, available: 26800 });

  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/retry`, { token: desk.maker });
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: desk.maker });
  const second = await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/transfer`, { token: desk.checker });
  expect(second.transfer.outBillNo).not.toBe(outBillNo);
  // The first attempt's bill cannot move the second attempt.
  expect(await invokeAsPlatform(emu, 'transferCallback', { resource: { out_bill_no: outBillNo } })).toMatchObject({
    errmsg: 'unknown-bill',
  });
  await emulatorPost(`/_emulator/transfers/${second.transfer.outBillNo}/confirm`);
  expect(await byId(emu, 'withdrawals', withdrawalId)).toMatchObject({ status: 'paid', attempt: 2 });
  expect(await balanceOf(emu, B)).toMatchObject({ held: 0, withdrawn: 20000 });
});

test('forged callbacks: a client is refused; a body lying about the state is not believed', async () => {
  await earn(1);
  const desk = await transferDesk();
  const { withdrawalId, outBillNo } = await released(desk, 20000);
  const lie = { event_type: 'MCHTRANSFER.BILL.FINISHED', resource: { out_bill_no: outBillNo, state: 'SUCCESS' } };
  expect((await emu.call('transferCallback', lie, B)).status).toBe(403);
  expect(await invokeAsPlatform(emu, 'transferCallback', lie, B)).toMatchObject({ errcode: 403 });
  expect(await invokeAsPlatform(emu, 'transferCallback', lie)).toMatchObject({ errcode: 0, errmsg: 'pending' });
  expect(await invokeAsPlatform(emu, 'transferCallback', { resource: { out_bill_no: '<img src=x>' } })).toMatchObject({
    errcode: 0,
    errmsg: 'swept',
  });
  expect(await byId(emu, 'withdrawals', withdrawalId)).toMatchObject({
    status: 'approved',
    transfer: { state: 'WAIT_USER_CONFIRM' },
  });
  expect(await balanceOf(emu, B)).toMatchObject({ held: 20000, withdrawn: 0 });
  await emulatorPost(`/_emulator/transfers/${outBillNo}/confirm`);
});

test('two operators: above ¥500 the approver cannot release the transfer; real name from ¥2,000', async () => {
  await earn(10);
  const desk = await transferDesk();
  const { withdrawalId } = await ok(emu, 'requestWithdrawal', { requestId: 'transfer-big-01', amountFen: 60000 }, B);
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: desk.maker });
  const refusedRelease = await api(emu, 'POST', `/withdrawals/${withdrawalId}/transfer`, { token: desk.maker });
  expect(refusedRelease.body).toMatchObject({ ok: false, error: { code: 'SECOND_OPERATOR_REQUIRED' } });
  expect(emu.emulator.services.transfer.bills()).toEqual([]);
  await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/transfer`, { token: desk.checker });

  const { withdrawalId: big } = await ok(
    emu,
    'requestWithdrawal',
    { requestId: 'transfer-big-02', amountFen: 200000 },
    B,
  );
  await apiOk(emu, 'POST', `/withdrawals/${big}/approve`, { token: desk.maker });
  const noName = await api(emu, 'POST', `/withdrawals/${big}/transfer`, { token: desk.checker });
  expect(noName.body).toMatchObject({ ok: false, error: { code: 'REAL_NAME_REQUIRED' } });
  await ok(emu, 'distributorCenter', { $url: 'savePayee', realName: '王小明', idNumber: '110105194912310021' }, B);
  const named = await apiOk(emu, 'POST', `/withdrawals/${big}/transfer`, { token: desk.checker });
  const bill = emu.emulator.services.transfer.bill(named.transfer.outBillNo)!;
  // Encrypted with WeChat Pay's public key, as WeChat requires: never the name itself.
  expect(bill.user_name).toEqual(expect.any(String));
  expect(bill.user_name).not.toContain('王');
  for (const no of [bill.out_bill_no, emu.emulator.services.transfer.bills()[0]!.out_bill_no])
    await emulatorPost(`/_emulator/transfers/${no}/confirm`);
  expect(await balanceOf(emu, B)).toMatchObject({ held: 0, withdrawn: 260000 });
});
