import { ORDER_STATES, type OrderState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { ORDER_STATES, type OrderState };
export const ORDER_EVENTS = ['pay', 'cancel', 'ship', 'receive', 'complete'] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/**
 * Refunds do not move the order: after-sales run per line and quantity in their own machine, so a
 * partly refunded order still ships, is received and completes. Only an unpaid order can be cancelled.
 */
export const orderMachine: Machine<OrderState, OrderEvent> = defineMachine({
  name: 'order',
  states: ORDER_STATES,
  events: ORDER_EVENTS,
  initial: 'unpaid',
  guards: {
    paymentMatchesTotal: {
      description: 'the payment notification carries exactly the order total',
      failCode: 'CONFLICT',
    },
    afterSalesWindowClosed: {
      description: 'receipt + freezeDays has passed (see afterSalesWindowClosed in after-sales.ts)',
      failCode: 'ILLEGAL_TRANSITION',
    },
    noOpenAfterSale: {
      description: 'no after-sale of the order is requested or approved',
      failCode: 'ILLEGAL_TRANSITION',
    },
  },
  transitions: [
    { from: 'unpaid', event: 'pay', to: 'paid', guards: ['paymentMatchesTotal'] },
    { from: 'unpaid', event: 'cancel', to: 'cancelled' },
    { from: 'paid', event: 'ship', to: 'shipped' },
    { from: 'shipped', event: 'receive', to: 'received' },
    { from: 'received', event: 'complete', to: 'completed', guards: ['afterSalesWindowClosed', 'noOpenAfterSale'] },
  ],
});
