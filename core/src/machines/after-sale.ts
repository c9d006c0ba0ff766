import { AFTER_SALE_STATES, type AfterSaleState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { AFTER_SALE_STATES, type AfterSaleState };
export const AFTER_SALE_EVENTS = ['approve', 'reject', 'refund'] as const;
export type AfterSaleEvent = (typeof AFTER_SALE_EVENTS)[number];

/**
 * One after-sale covers one order line and a quantity of it. An approved return can still be rejected
 * (the goods never came back, or came back damaged), so `reject` leaves both requested and approved.
 */
export const afterSaleMachine: Machine<AfterSaleState, AfterSaleEvent> = defineMachine({
  name: 'afterSale',
  states: AFTER_SALE_STATES,
  events: AFTER_SALE_EVENTS,
  initial: 'requested',
  guards: {
    withinRefundableQuantity: {
      description: 'quantity ≤ purchased − refunded − other open after-sales of the line',
      failCode: 'REFUND_EXCEEDS_PURCHASE',
    },
  },
  transitions: [
    { from: 'requested', event: 'approve', to: 'approved', guards: ['withinRefundableQuantity'] },
    { from: 'requested', event: 'reject', to: 'rejected' },
    { from: 'approved', event: 'reject', to: 'rejected' },
    { from: 'approved', event: 'refund', to: 'refunded' },
  ],
});
