import { WITHDRAWAL_STATES, type WithdrawalState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { WITHDRAWAL_STATES, type WithdrawalState };
export const WITHDRAWAL_EVENTS = ['approve', 'reject', 'pay', 'fail', 'retry'] as const;
export type WithdrawalEvent = (typeof WITHDRAWAL_EVENTS)[number];

/**
 * Money moves with the states: request holds it, pay posts it, reject voids the hold, fail releases
 * it and retry holds it again (a new attempt, re-checked against the balance; see ledger.ts).
 */
export const withdrawalMachine: Machine<WithdrawalState, WithdrawalEvent> = defineMachine({
  name: 'withdrawal',
  states: WITHDRAWAL_STATES,
  events: WITHDRAWAL_EVENTS,
  initial: 'requested',
  guards: {
    withdrawalChecksPass: {
      description: 'checkWithdrawal accepts the amount again (balance, limits, no debt)',
      failCode: 'INSUFFICIENT_BALANCE',
    },
  },
  transitions: [
    { from: 'requested', event: 'approve', to: 'approved' },
    { from: 'requested', event: 'reject', to: 'rejected' },
    { from: 'approved', event: 'pay', to: 'paid' },
    { from: 'approved', event: 'fail', to: 'failed' },
    { from: 'failed', event: 'retry', to: 'requested', guards: ['withdrawalChecksPass'] },
  ],
});
