/** What the signed-in role may do: the admin API's role groups from the contract (the server refuses anyway). */
import { ROLE_GROUPS } from '../../contract/src/states';
import { hasRole } from './session';

export const can = {
  /** Catalogue, orders, refunds, distributors, materials. */
  runShop: () => hasRole(ROLE_GROUPS.shop),
  /** Withdrawals: review and payouts. */
  handlePayouts: () => hasRole(ROLE_GROUPS.finance),
  /** The orders export job (`POST /exports/orders`: every signed-in role in the route table). */
  exportOrders: () => hasRole(ROLE_GROUPS.staff),
  /** Store settings, distribution rules, accounts, audit log. */
  own: () => hasRole(ROLE_GROUPS.owner),
};
