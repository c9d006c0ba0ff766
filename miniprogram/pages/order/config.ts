/**
 * The order pages' choices. The words for states, timeline moments and after-sales are the contract's
 * (`ORDER_STATUS_FOR_SHOPPER`, `TIMELINE_TEXT`, `AFTER_SALE_STATUS_FOR_SHOPPER`), and so is the list of orders
 * that may ask for a refund (`REFUNDABLE_ORDER_STATES`), imported where they are used.
 */
import { ORDER_STATUS_FOR_SHOPPER, type OrderState } from '@shop/contract';

/** The order states the list has a tab for (a cancelled order shows under 全部 only). */
const TAB_STATES: readonly OrderState[] = ['unpaid', 'paid', 'shipped', 'received', 'completed'];

/** The 售后 tab: orders that have had an after-sale, whatever their state (`orders.list` `afterSales: true`). */
export const AFTER_SALES_TAB = 'afterSales';
export type OrderTab = OrderState | '' | typeof AFTER_SALES_TAB;

/** The status tabs of the order list; '' is every order. */
export const ORDER_TABS: Array<{ value: OrderTab; label: string }> = [
  { value: '', label: '全部' },
  ...TAB_STATES.map((state) => ({ value: state, label: ORDER_STATUS_FOR_SHOPPER[state] })),
  { value: AFTER_SALES_TAB, label: '售后' },
];

export const REFUND_REASONS = ['不想要了', '商品质量问题', '发错货/少发', '商品与描述不符', '物流太慢'];
