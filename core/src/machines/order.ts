import { ORDER_STATES, type OrderState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { ORDER_STATES, type OrderState };
export const ORDER_EVENTS = ['pay', 'cancel', 'ship', 'receive', 'complete', 'close'] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/**
 * After-sales run per line and quantity in their own machine, so a partly refunded order still ships, is received
 * and completes. Completion is final: a goodwill refund after it moves money, not the order. Two things tie them to the order: an open after-sale blocks shipping until an operator decides it
 * (the merchant must not send goods and refund the money too), and the refund of the last unit closes the order.
 * Only an unpaid order can be cancelled.
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
    noAfterSaleAwaitingDecision: {
      description: 'no after-sale of the order is open (requested, approved, or a return under way)',
      failCode: 'AFTER_SALE_OPEN',
    },
    everyLineRefunded: {
      description: 'every unit of every line has been refunded',
      failCode: 'ILLEGAL_TRANSITION',
    },
  },
  transitions: [
    { from: 'unpaid', event: 'pay', to: 'paid', guards: ['paymentMatchesTotal'] },
    { from: 'unpaid', event: 'cancel', to: 'cancelled' },
    { from: 'paid', event: 'ship', to: 'shipped', guards: ['noAfterSaleAwaitingDecision'] },
    { from: 'shipped', event: 'receive', to: 'received' },
    { from: 'received', event: 'complete', to: 'completed', guards: ['afterSalesWindowClosed', 'noOpenAfterSale'] },
    { from: 'paid', event: 'close', to: 'closed', guards: ['everyLineRefunded'] },
    { from: 'shipped', event: 'close', to: 'closed', guards: ['everyLineRefunded'] },
    { from: 'received', event: 'close', to: 'closed', guards: ['everyLineRefunded'] },
  ],
});
