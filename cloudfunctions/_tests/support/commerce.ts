/**
 * Steps from a bound shopper to settled commission through the real functions, for the money tests: A invited B,
 * B invited shopper S; with the default rules B earns 15% and A 8% of what S pays for goods.
 */
import { defaultRules, reviseRules, unwrap, type DistributionRules } from '../../../core/src';
import { useEmulator, type EmulatorHandle } from '../../../emulator/test/support/emulator';
import { emulatorNow, operatorFlows } from './operator';
import { checkLedger } from '../../_tools/check-ledger';
import { becomeDistributor, documents, ok, pay, placeOrder } from './shopper';

export const A = 'o-A';
export const B = 'o-B';
export const S = 'o-S';

export async function chainOfThree(emu: EmulatorHandle): Promise<void> {
  const codeA = await becomeDistributor(emu, A);
  await ok(emu, 'bindInviter', { inviterCode: codeA }, B);
  const codeB = await becomeDistributor(emu, B);
  await ok(emu, 'bindInviter', { inviterCode: codeB }, S);
}

export async function paidOrder(
  emu: EmulatorHandle,
  items: Array<{ productId: string; quantity: number }>,
  buyer = S,
): Promise<string> {
  const order = await placeOrder(emu, buyer, items);
  const [answer] = await pay(emu, order.outTradeNo);
  expect(answer).toMatchObject({ errcode: 0 });
  return order.orderId;
}

export async function fireTimer(emu: EmulatorHandle, fn: 'settleCommission' | 'autoConfirmReceipt'): Promise<any> {
  const trigger = fn === 'settleCommission' ? 'every5min' : 'hourly';
  const { status, body } = await emu.request('POST', `/_emulator/timers/${fn}/${trigger}`);
  if (status !== 200) throw new Error(`${fn} failed: ${status} ${JSON.stringify(body)}`);
  return body.result;
}

export interface Buckets {
  frozen: number;
  available: number;
  held: number;
  withdrawn: number;
  debt: number;
}

export async function balanceOf(emu: EmulatorHandle, openid: string): Promise<Buckets> {
  const doc = (await documents(emu, 'balances')).find((b) => b._id === openid);
  const { frozen = 0, available = 0, held = 0, withdrawn = 0, debt = 0 } = doc ?? {};
  return { frozen, available, held, withdrawn, debt };
}

export async function byId<T = any>(emu: EmulatorHandle, collection: string, id: string): Promise<T> {
  const found = (await documents(emu, collection)).find((d) => d._id === id);
  if (!found) throw new Error(`${collection}/${id} not found`);
  return found as T;
}

export async function expectLedgerClean(emu: EmulatorHandle): Promise<void> {
  const report = await checkLedger({ emulatorUrl: emu.url });
  expect(report.violations).toEqual([]);
}

/** Stores a new rules version and makes it current, as the admin's rules screen does. */
export async function reviseCurrentRules(
  emu: EmulatorHandle,
  changes: Record<string, unknown>,
): Promise<DistributionRules> {
  const rules = unwrap(reviseRules(defaultRules(1), changes));
  const doc = { rules, createdAt: Date.now(), createdBy: 'test' };
  await emu.emulator.services.db.seed('settings', [
    { _id: `rules:v${rules.version}`, ...doc },
    { _id: 'rules:current', ...doc },
  ]);
  return rules;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * Moves the clock to `at` without the jump itself firing settleCommission (every 5 minutes): first to just after
 * the last 5-minute slot before `at` (that run finds nothing due yet), then on to `at` inside the same slot. The
 * test then fires the timer itself, as often and as concurrently as it likes.
 */
/**
 * Moves the clock to just after the next 5-minute boundary. Receipts confirmed in the next few minutes then fall due
 * inside one 5-minute slot (the after-sales window is whole days), so `jumpQuietlyTo` past the last of them never
 * crosses a slot where only the first ones are due: without it the quiet step could settle those early, at random,
 * whenever the test's receipts straddled a boundary.
 */
export async function startFiveMinuteSlot(emu: EmulatorHandle): Promise<void> {
  const now = await emulatorNow(emu);
  // A second past the boundary: a receipt right after it still falls due after the quiet jump's first step (+1 ms).
  await emu.request('POST', '/_emulator/clock', { now: (Math.floor(now / FIVE_MINUTES) + 1) * FIVE_MINUTES + 1000 });
}

export async function jumpQuietlyTo(emu: EmulatorHandle, at: number): Promise<void> {
  await emu.request('POST', '/_emulator/clock', { now: Math.floor(at / FIVE_MINUTES) * FIVE_MINUTES + 1 });
  await emu.request('POST', '/_emulator/clock', { now: at });
}

/**
 * One emulator for the file, reset with the demo shop and the A → B → S chain before each test, and the ledger
 * checked after each: the setup every money-flow test file shares. `ops()` runs operator flows in this process.
 */
export function useChainedShop(): { emu: EmulatorHandle; ops: () => ReturnType<typeof operatorFlows> } {
  const emu = useEmulator({}, { resetBeforeEach: false });
  let flows: ReturnType<typeof operatorFlows> | undefined;
  beforeEach(async () => {
    await emu.request('POST', '/_emulator/reset', { seed: true });
    await chainOfThree(emu);
  });
  afterEach(async () => {
    await expectLedgerClean(emu);
  });
  return {
    emu,
    ops: () => {
      flows ??= operatorFlows(emu);
      return flows;
    },
  };
}

/** A paid order of S shipped, received by S, past its after-sales window, and settled by the timer. */
export async function settleOrder(emu: EmulatorHandle, orderId: string): Promise<void> {
  await operatorFlows(emu).fulfilment.shipOrder(
    orderId,
    { carrier: '顺丰', trackingNo: 'SF1234567' },
    'operator',
    await emulatorNow(emu),
  );
  await ok(emu, 'orders', { $url: 'confirmReceipt', orderId }, S);
  await jumpQuietlyTo(emu, (await byId(emu, 'orders', orderId)).settleAt + 1000);
  await fireTimer(emu, 'settleCommission');
}
