/**
 * What the timers promise at any size and what they cost with no sales: the fixed monthly invocations (from the
 * cron of each timer's config.json) are at most half of the former 52,590; an unpaid order is still released within
 * minutes of its 15; completion only tries orders settlement has been through.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { byId, fireTimer, jumpQuietlyTo, paidOrder, S, startFiveMinuteSlot, useChainedShop } from './support/commerce';
import { emulatorNow } from './support/operator';
import { advanceClock, ok, placeOrder } from './support/shopper';

const TIMERS = ['cancelUnpaidOrders', 'autoConfirmReceipt', 'settleCommission', 'reconcilePayments'];
/** Before: every minute, every 5 minutes, hourly, daily over 30 days. */
const FORMER_IDLE_INVOCATIONS = 43_200 + 8_640 + 720 + 30;
const MINUTE_MS = 60_000;

function cronOf(fn: string): string {
  const config = JSON.parse(readFileSync(path.join(__dirname, '..', fn, 'config.json'), 'utf8'));
  return config.triggers[0].config;
}

/** Firings in 30 days of a 7-field CloudBase cron (seconds … year), in UTC+8. */
function firingsPerMonth(cron: string): number {
  const [sec, min, hour, dom, month, dow] = cron.split(' ');
  const job = new Cron(`${sec} ${min} ${hour} ${dom} ${month} ${dow}`, { timezone: 'Asia/Shanghai', paused: true });
  const start = new Date(Date.UTC(2026, 0, 1));
  const end = start.getTime() + 30 * 86_400_000;
  let count = 0;
  for (let at = job.nextRun(start); at && at.getTime() < end; at = job.nextRun(at)) count++;
  return count;
}

const { emu, ops } = useChainedShop();

test('the timers cost at most half their former idle invocations a month', () => {
  const total = TIMERS.reduce((sum, fn) => sum + firingsPerMonth(cronOf(fn)), 0);
  expect(total).toBeLessThanOrEqual(FORMER_IDLE_INVOCATIONS / 2);
});

test('the unpaid-order sweep still runs at least every 3 minutes', () => {
  const job = new Cron(cronOf('cancelUnpaidOrders').split(' ').slice(0, 6).join(' '), { paused: true });
  const [a, b] = job.nextRuns(2, new Date(Date.UTC(2026, 0, 1, 0, 0, 30)));
  expect((b as Date).getTime() - (a as Date).getTime()).toBeLessThanOrEqual(3 * MINUTE_MS);
});

test('an unpaid order is released within 18 minutes of being placed', async () => {
  const { orderId } = await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);
  await advanceClock(emu, 14 * MINUTE_MS);
  expect((await byId(emu, 'orders', orderId)).status).toBe('unpaid');
  await advanceClock(emu, 4 * MINUTE_MS);
  expect((await byId(emu, 'orders', orderId)).status).toBe('cancelled');
});

test('completion waits for settlement instead of failing on frozen commissions, then completes', async () => {
  const orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  await ops().fulfilment.shipOrder(
    orderId,
    { carrier: '顺丰', trackingNo: 'SF1234567' },
    'operator',
    await emulatorNow(emu),
  );
  // The receipt opens a 5-minute slot, so a minute past its window is still inside that slot and the quiet jump there
  // fires no settlement (see startFiveMinuteSlot).
  await startFiveMinuteSlot(emu);
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  const { settleAt } = await byId(emu, 'orders', orderId);
  // Past the window, with no settlement run since: the commissions are still frozen.
  await jumpQuietlyTo(emu, settleAt + MINUTE_MS);
  await emu.request('POST', '/_emulator/stats/reset');
  expect(await fireTimer(emu, 'autoConfirmReceipt')).toMatchObject({ completed: 0, remaining: false });
  const stats = (await emu.request('GET', '/_emulator/stats')).body;
  const triedCompletion = stats.breakdown.filter(
    (row: any) => row.function === 'autoConfirmReceipt' && row.collection === 'commissions',
  );
  expect(triedCompletion).toEqual([]);
  expect((await byId(emu, 'orders', orderId)).status).toBe('received');

  expect(await fireTimer(emu, 'settleCommission')).toMatchObject({ settled: 2, remaining: false });
  expect(await fireTimer(emu, 'autoConfirmReceipt')).toMatchObject({ completed: 1 });
  expect((await byId(emu, 'orders', orderId)).status).toBe('completed');
});
