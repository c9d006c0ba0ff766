/**
 * The whole story, as the issue tells it, through the real functions, the admin API and the emulator's clock:
 * a poster scene binds a shopper, who buys two lines with a coupon and pays; both inviters see exact frozen
 * commissions; the window closes and the timer settles; an operator's partial refund after settlement claws back;
 * the distributor withdraws; the ledger check finds nothing wrong. Expected amounts are worked out by hand below.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { useEmulator } from '../../emulator/test/support/emulator';
import { apiOk, ownerToken, seedShop } from './support/admin-http';
import { DAY_MS, ADDRESS, advanceClock, becomeDistributor, ok, pay, posterScene } from './support/shopper';

const emu = useEmulator({}, { resetBeforeEach: false });
const run = promisify(execFile);

const A = 'o-story-A';
const B = 'o-story-B';
const S = 'o-story-S';

async function summaryOf(openid: string) {
  return ok(emu, 'distributorCenter', { $url: 'summary' }, openid);
}

test('poster → bind → buy with coupon → pay → frozen → settle → clawback after settlement → withdraw → ledger clean', async () => {
  await seedShop(emu);
  await emu.emulator.services.db.seed('coupons', [
    {
      _id: 'c-story',
      openid: S,
      title: '满200减20',
      kind: 'amount_off',
      amountFen: 2000,
      minSpendFen: 20000,
      status: 'unused',
    },
  ]);

  // A invites B by link; B shares a poster; S scans it.
  const codeA = await becomeDistributor(emu, A);
  expect(await ok(emu, 'bindInviter', { inviterCode: codeA }, B)).toMatchObject({ bound: true });
  await becomeDistributor(emu, B);
  const scene = await posterScene(emu, B, 'p-longjing');
  expect(await ok(emu, 'bindInviter', { scene }, S)).toMatchObject({ bound: true, source: 'poster' });

  // Two lines: 268.00 × 1 and 39.90 × 2 = 347.80; the 20.00 coupon is spread by largest remainder:
  // 2000 × 26800/34780 = 1541.11 and 2000 × 7980/34780 = 458.88 → 1541 + 458 = 1999, the last fen to the larger
  // remainder (458.88) → discounts 1541 and 459; paid 25259 and 7521; 327.80 is over the free-shipping line.
  const placed = await ok(
    emu,
    'placeOrder',
    {
      requestId: randomUUID(),
      items: [
        { productId: 'p-longjing', quantity: 1 },
        { productId: 'p-mango', quantity: 2 },
      ],
      address: ADDRESS,
      couponId: 'c-story',
    },
    S,
  );
  expect(placed.totalFen).toBe(32780);
  await pay(emu, placed.outTradeNo);

  // B (level 1, 15%): floor(25259 × 0.15) = 3788, floor(7521 × 0.15) = 1128 → 4916.
  // A (level 2, 8%):  floor(25259 × 0.08) = 2020, floor(7521 × 0.08) = 601  → 2621.
  expect(await summaryOf(B)).toMatchObject({ frozenFen: 4916, availableFen: 0 });
  expect(await summaryOf(A)).toMatchObject({ frozenFen: 2621, availableFen: 0 });
  const waiting = await ok(emu, 'distributorCenter', { $url: 'frozen' }, B);
  expect(waiting).toHaveLength(2);
  expect(waiting[0]).toMatchObject({ settleDate: null, why: expect.stringContaining('确认收货后 7 天') });

  // The merchant ships, the shopper confirms receipt; the commissions now know their day.
  const token = await ownerToken(emu);
  await apiOk(emu, 'POST', `/orders/${placed.orderId}/ship`, {
    token,
    body: { carrier: '顺丰速运', trackingNo: 'SF1234567890' },
  });
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId: placed.orderId }, S);
  const dated = await ok(emu, 'distributorCenter', { $url: 'frozen' }, B);
  expect(dated[0].settleDate).toMatch(/^\d{2}-\d{2}$/);
  expect(dated[0].why).toContain('7 天售后期');

  // Eight days later the settlement timer (every five minutes) has run.
  await advanceClock(emu, 8 * DAY_MS);
  expect(await summaryOf(B)).toMatchObject({ frozenFen: 0, availableFen: 4916 });
  expect(await summaryOf(A)).toMatchObject({ frozenFen: 0, availableFen: 2621 });

  // A new working day: the operator signs in again (sessions last hours, not days).
  const laterToken = await ownerToken(emu);
  // After the window the merchant refunds one of the two mangoes: refund = 7521 − floor(7521 × 1/2) = 3761.
  // Clawback B: 1128 − floor(3760 × 0.15) = 1128 − 564 = 564; A: 601 − floor(3760 × 0.08) = 601 − 300 = 301.
  const [refund] = await apiOk(emu, 'POST', `/orders/${placed.orderId}/refunds`, {
    token: laterToken,
    body: { lines: [{ line: 1, quantity: 1 }], reason: '顾客投诉，协商退一件' },
  });
  expect(refund).toMatchObject({ status: 'approved', refundFen: 3761 });
  await emu.emulator.services.pay.idle();
  expect(await summaryOf(B)).toMatchObject({ availableFen: 4352, debtFen: 0 });
  expect(await summaryOf(A)).toMatchObject({ availableFen: 2320, debtFen: 0 });

  // B withdraws 40.00; the owner approves and pays it out.
  const withdrawal = await ok(emu, 'requestWithdrawal', { requestId: randomUUID(), amountFen: 4000 }, B);
  expect(withdrawal).toEqual({
    withdrawalId: expect.any(String),
    status: 'requested',
    amountFen: 4000,
    feeFen: 0,
    taxFen: 0,
  });
  expect(await summaryOf(B)).toMatchObject({ availableFen: 352, heldFen: 4000 });
  await apiOk(emu, 'POST', `/withdrawals/${withdrawal.withdrawalId}/approve`, { token: laterToken });
  await apiOk(emu, 'POST', `/withdrawals/${withdrawal.withdrawalId}/paid`, {
    token: laterToken,
    body: { payoutReference: 'BANK-2026-0001' },
  });
  expect(await summaryOf(B)).toMatchObject({ availableFen: 352, heldFen: 0, withdrawnFen: 4000 });

  // The ledger check, exactly as `npm run check:ledger` runs it against this emulator.
  const repoRoot = path.resolve(__dirname, '..', '..');
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'cloudfunctions/_tools/check-ledger.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, CLOUDBASE_EMULATOR_URL: emu.url },
    },
  );
  expect(stdout.trim()).toBe('ledger.violations=0');
});
