/**
 * The operator's side of the flows (ship, approve, reject, pay out) run in the test process against the emulator,
 * the way adminApi runs them, through the same wx-server-sdk: the environment below is what the emulator gives a
 * function instance, so `_shared/cloud.ts` initialises exactly as it does there. Load it inside a test or hook,
 * after the emulator is listening.
 */
import type { EmulatorHandle } from '../../../emulator/test/support/emulator';

export function operatorFlows(emu: EmulatorHandle) {
  Object.assign(process.env, {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    SCF_NAMESPACE: 'local-dev',
    TCB_ENV: 'local-dev',
    TCB_CONTEXT_KEYS: 'TCB_CONTEXT_CNFG,TCB_ENV',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emu.url}/admin` }),
    SILENCE: 'true',
  });

  return {
    fulfilment: require('../../_shared/workflows/fulfilment') as typeof import('../../_shared/workflows/fulfilment'),
    refunds: require('../../_shared/workflows/refunds') as typeof import('../../_shared/workflows/refunds'),
    withdrawals: require('../../_shared/workflows/withdrawals') as typeof import('../../_shared/workflows/withdrawals'),
    payout: require('../../_shared/workflows/payout') as typeof import('../../_shared/workflows/payout'),
  };
}

export async function emulatorNow(emu: EmulatorHandle): Promise<number> {
  return (await emu.request('GET', '/_emulator/clock')).body.now as number;
}
