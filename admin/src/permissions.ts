/** What the signed-in role may do: the admin API's role groups from the contract (the server refuses anyway). */
import { ROLE_GROUPS } from '../../contract/src/states';
import { hasRole } from './session';

export const can = {
  /** Catalogue, orders, refunds, distributors, materials. */
  runShop: () => hasRole(ROLE_GROUPS.shop),
  /** Withdrawals: review and payouts. */
  handlePayouts: () => hasRole(ROLE_GROUPS.finance),
  /** Store settings, distribution rules, accounts, audit log. */
  own: () => hasRole(ROLE_GROUPS.owner),
};
