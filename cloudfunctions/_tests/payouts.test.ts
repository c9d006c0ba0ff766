/**
 * Money out with two operators and income tax: the two-operator rule over real HTTP with two finance accounts and
 * the owner, and the tax withheld on payouts (shown before confirming, taxed by the month, a ledger entry, the
 * monthly report). Commission comes from real orders, so the ledger is checked after each test (useChainedShop).
 */
import { B, S, byId, balanceOf, paidOrder, reviseCurrentRules, useChainedShop, settleOrder } from './support/commerce';
import { api, apiOk, documents, OWNER_PASSWORD, ownerToken, staffToken } from './support/admin-http';
import { emulatorNow } from './support/operator';
import { ok, refused } from './support/shopper';

// The demo owner account is seeded with this password by useChainedShop's reset.
process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;

const { emu, ops } = useChainedShop();

// The first call of each function builds it; on a shared machine the first test of the file pays for all of them.
jest.setTimeout(120_000);

/** B earns all of what S pays (rules at 100% for level 1) once the order settles: ¥268 per 龙井. */
async function earn(quantity: number): Promise<void> {
  await reviseCurrentRules(emu, { levelRatesBp: [10000, 0] });
  const orderId = await paidOrder(emu, [{ productId: 'p-longjing', quantity }]);
  await settleOrder(emu, orderId);
}

const withdraw = (requestId: string, amountFen: number) => ok(emu, 'requestWithdrawal', { requestId, amountFen }, B);

async function auditActions(owner: string): Promise<string[]> {
  const logs = await apiOk(emu, 'GET', '/audit-logs', { token: owner });
  return logs.items
    .map((entry: any) => `${entry.actor} ${entry.action}`)
    .filter((line: string) => line.includes('withdrawal.'))
    .reverse();
}

describe('two operators for money out', () => {
  test('above ¥500 the approver cannot mark it paid, the owner included; another finance operator can', async () => {
    await earn(5);
    const owner = await ownerToken(emu);
    const maker = await staffToken(emu, owner, 'finance', 'maker');
    const checker = await staffToken(emu, owner, 'finance', 'checker');
    const { withdrawalId } = await withdraw('two-ops-0001', 60000);

    await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: maker });
    const refusedMaker = await api(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, {
      token: maker,
      body: { payoutReference: 'BANK-9' },
    });
    expect(refusedMaker.status).toBe(403);
    expect(refusedMaker.body).toMatchObject({ ok: false, error: { code: 'SECOND_OPERATOR_REQUIRED' } });
    expect(await balanceOf(emu, B)).toMatchObject({ held: 60000, withdrawn: 0 });

    const paid = await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, {
      token: checker,
      body: { payoutReference: 'BANK-9' },
    });
    expect(paid).toMatchObject({ status: 'paid', approvedBy: 'maker', paidBy: 'checker' });
    expect(await balanceOf(emu, B)).toMatchObject({ held: 0, withdrawn: 60000 });

    // The owner is held to the same rule.
    const second = await withdraw('two-ops-0002', 60000);
    await apiOk(emu, 'POST', `/withdrawals/${second.withdrawalId}/approve`, { token: owner });
    const refusedOwner = await api(emu, 'POST', `/withdrawals/${second.withdrawalId}/paid`, {
      token: owner,
      body: { payoutReference: 'BANK-10' },
    });
    expect(refusedOwner.body).toMatchObject({ ok: false, error: { code: 'SECOND_OPERATOR_REQUIRED' } });
    await apiOk(emu, 'POST', `/withdrawals/${second.withdrawalId}/paid`, {
      token: maker,
      body: { payoutReference: 'BANK-10' },
    });

    expect(await auditActions(owner)).toEqual([
      'maker withdrawal.approve',
      'maker withdrawal.paid.refused',
      'checker withdrawal.paid',
      'owner withdrawal.approve',
      'owner withdrawal.paid.refused',
      'maker withdrawal.paid',
    ]);
  });

  test('at or below the threshold one operator may do both; the threshold is a setting only the owner changes', async () => {
    await earn(3);
    const owner = await ownerToken(emu);
    const finance = await staffToken(emu, owner, 'finance');
    const atThreshold = await withdraw('two-ops-0003', 50000);
    await apiOk(emu, 'POST', `/withdrawals/${atThreshold.withdrawalId}/approve`, { token: finance });
    await apiOk(emu, 'POST', `/withdrawals/${atThreshold.withdrawalId}/paid`, {
      token: finance,
      body: { payoutReference: 'BANK-11' },
    });

    expect(
      (await api(emu, 'PUT', '/settings/payouts', { token: finance, body: { secondOperatorAboveFen: 0 } })).status,
    ).toBe(403);
    await apiOk(emu, 'PUT', '/settings/payouts', { token: owner, body: { secondOperatorAboveFen: 10000 } });
    expect(await apiOk(emu, 'GET', '/settings/payouts', { token: finance })).toMatchObject({
      secondOperatorAboveFen: 10000,
    });
    const small = await withdraw('two-ops-0004', 20000);
    await apiOk(emu, 'POST', `/withdrawals/${small.withdrawalId}/approve`, { token: finance });
    const answer = await api(emu, 'POST', `/withdrawals/${small.withdrawalId}/paid`, {
      token: finance,
      body: { payoutReference: 'BANK-12' },
    });
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'SECOND_OPERATOR_REQUIRED' } });
    // A refused payment wrote nothing but its audit entry.
    expect((await byId(emu, 'withdrawals', small.withdrawalId)).status).toBe('approved');
  });
});

describe('income tax withheld on payouts', () => {
  test('off by default: taxFen 0, nothing withheld', async () => {
    await earn(1);
    expect(await withdraw('tax-off-0001', 20000)).toMatchObject({ amountFen: 20000, feeFen: 0, taxFen: 0 });
  });

  test('shown before confirming, withheld as a ledger entry, the month counted as one income, reported', async () => {
    await earn(23); // ¥6,164 of commission
    const owner = await ownerToken(emu);
    const finance = await staffToken(emu, owner, 'finance');
    const checker = await staffToken(emu, owner, 'finance', 'checker');
    await apiOk(emu, 'PUT', '/settings/payouts', { token: owner, body: { taxWithholding: true } });
    await ok(emu, 'distributorCenter', { $url: 'savePayee', realName: '王小明', idNumber: '11010519491231002x' }, B);

    // ¥3,000: (3000 − 800) × 20% = ¥440.
    const quote = await ok(emu, 'distributorCenter', { $url: 'withdrawalQuote', amountFen: 300000 }, B);
    expect(quote).toMatchObject({ amountFen: 300000, feeFen: 0, taxFen: 44000, netFen: 256000, taxWithholding: true });
    const first = await withdraw('tax-on-0001', 300000);
    expect(first).toMatchObject({ amountFen: 300000, taxFen: 44000 });
    // A second ¥3,000 in the month: ¥6,000 × 80% × 20% = ¥960 for the month, ¥520 more.
    expect(await ok(emu, 'distributorCenter', { $url: 'withdrawalQuote', amountFen: 300000 }, B)).toMatchObject({
      taxFen: 52000,
      netFen: 248000,
    });
    const second = await withdraw('tax-on-0002', 300000);
    expect(second).toMatchObject({ taxFen: 52000 });

    for (const { withdrawalId } of [first, second]) {
      await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/approve`, { token: finance });
      await apiOk(emu, 'POST', `/withdrawals/${withdrawalId}/paid`, {
        token: checker,
        body: { payoutReference: 'BANK' },
      });
    }
    expect(await balanceOf(emu, B)).toMatchObject({ held: 0, withdrawn: 600000, available: 616400 - 600000 });
    const entries = (await documents(emu, 'ledgerEntries')).filter((e) => e.withdrawalId === first.withdrawalId);
    expect(entries.map((e) => [e.kind, e.amountFen]).sort()).toEqual([
      ['withdrawal.hold', 300000],
      ['withdrawal.pay', 256000],
      ['withdrawal.tax', 44000],
    ]);

    const month = new Date((await emulatorNow(emu)) + 8 * 3600_000).toISOString().slice(0, 7);
    const report = await apiOk(emu, 'GET', `/tax-report?month=${month}`, { token: finance });
    expect(report.rows).toEqual([
      { openid: B, name: '王*', idNumberMasked: '110***********002X', incomeFen: 600000, taxFen: 96000, payouts: 2 },
    ]);
    const csv = await api(emu, 'GET', `/tax-report.csv?month=${month}`, { token: finance });
    expect(csv.text).toContain('王*,110***********002X,劳务报酬所得,6000.00,960.00,2');
    expect(csv.text).not.toContain('王小明');
    expect(csv.text).not.toContain('11010519491231002');
    expect((await api(emu, 'GET', '/tax-report?month=2026-13', { token: finance })).status).toBe(400);
  });

  test('a rejected payout gives its income and tax back to the month', async () => {
    await earn(12);
    const owner = await ownerToken(emu);
    await apiOk(emu, 'PUT', '/settings/payouts', { token: owner, body: { taxWithholding: true } });
    const first = await withdraw('tax-back-0001', 300000);
    await ops().withdrawals.rejectWithdrawal(first.withdrawalId, '信息有误', 'finance', await emulatorNow(emu));
    expect((await withdraw('tax-back-0002', 300000)).taxFen).toBe(44000);
  });

  test('the payee form refuses a malformed ID number or a claimed openid; the stored details are sealed', async () => {
    await earn(1);
    for (const payee of [
      { realName: '王小明', idNumber: '123' },
      { realName: '王小明', idNumber: '11010519491231002x', openid: S },
    ]) {
      expect((await refused(emu, 'distributorCenter', { $url: 'savePayee', ...payee }, B)).code).toBe('INVALID_INPUT');
    }
    await ok(emu, 'distributorCenter', { $url: 'savePayee', realName: '王小明', idNumber: '110105194912310021' }, B);
    expect(await ok(emu, 'distributorCenter', { $url: 'payee' }, B)).toEqual({
      realNameMasked: '王*',
      idNumberMasked: '110***********0021',
    });
    expect(JSON.stringify(await documents(emu, 'payees'))).not.toMatch(/王小明|110105194912310021/);
    expect(await ok(emu, 'distributorCenter', { $url: 'payee' }, S)).toBeNull();
  });
});
