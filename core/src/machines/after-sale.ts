import { AFTER_SALE_STATES, type AfterSaleState } from '../../../contract/src/states';
import { defineMachine, type Machine } from '../fsm';

export { AFTER_SALE_STATES, type AfterSaleState };
export const AFTER_SALE_EVENTS = [
  'approve',
  'approveReturn',
  'reject',
  'shipBack',
  'receiveGoods',
  'refund',
  'expire',
] as const;
export type AfterSaleEvent = (typeof AFTER_SALE_EVENTS)[number];

/**
 * One after-sale covers one order line and a quantity of it. 仅退款 goes requested → approved → refunded; 退货退款
 * goes requested → awaiting_return (the amount is fixed, the goods are awaited) → return_shipped (the shopper's
 * tracking number) → approved (the operator received the goods; the refund is asked for) → refunded. Goods that
 * arrive without a tracking number may be received from awaiting_return too. A return never sent back within the
 * limit expires (closed). An approved after-sale can still be rejected by the table (the workflow refuses it once
 * WeChat Pay has been asked), and a return can be rejected until the goods are received (they came back damaged).
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
    returnLimitPassed: {
      description: 'the return was approved longer ago than the settings allow for sending the goods back',
      failCode: 'ILLEGAL_TRANSITION',
    },
  },
  transitions: [
    { from: 'requested', event: 'approve', to: 'approved', guards: ['withinRefundableQuantity'] },
    { from: 'requested', event: 'approveReturn', to: 'awaiting_return', guards: ['withinRefundableQuantity'] },
    { from: 'requested', event: 'reject', to: 'rejected' },
    { from: 'approved', event: 'reject', to: 'rejected' },
    { from: 'awaiting_return', event: 'reject', to: 'rejected' },
    { from: 'return_shipped', event: 'reject', to: 'rejected' },
    { from: 'awaiting_return', event: 'shipBack', to: 'return_shipped' },
    { from: 'awaiting_return', event: 'receiveGoods', to: 'approved' },
    { from: 'return_shipped', event: 'receiveGoods', to: 'approved' },
    { from: 'awaiting_return', event: 'expire', to: 'closed', guards: ['returnLimitPassed'] },
    { from: 'approved', event: 'refund', to: 'refunded' },
  ],
});
