import { COMMISSION_STATES, type CommissionState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { COMMISSION_STATES, type CommissionState };
export const COMMISSION_EVENTS = ['settle', 'reverse', 'clawback'] as const;
export type CommissionEvent = (typeof COMMISSION_EVENTS)[number];

/**
 * The state of one commission record (one line, one level). A partial refund lowers the amount in the
 * ledger but leaves the state alone; `reverse` / `clawback` are for the refund that takes the last unit.
 */
export const commissionMachine: Machine<CommissionState, CommissionEvent> = defineMachine({
  name: 'commission',
  states: COMMISSION_STATES,
  events: COMMISSION_EVENTS,
  initial: 'frozen',
  guards: {
    afterSalesWindowClosed: { description: 'receipt + freezeDays has passed', failCode: 'ILLEGAL_TRANSITION' },
    noOpenAfterSale: {
      description: 'no after-sale of the line is requested or approved',
      failCode: 'ILLEGAL_TRANSITION',
    },
  },
  transitions: [
    { from: 'frozen', event: 'settle', to: 'settled', guards: ['afterSalesWindowClosed', 'noOpenAfterSale'] },
    { from: 'frozen', event: 'reverse', to: 'reversed' },
    { from: 'settled', event: 'clawback', to: 'clawed_back' },
  ],
});
