/** What the signed-in role may do, mirroring adminApi's route table (the server refuses anyway). */
import type { AdminRole } from './api-types';
import { hasRole } from './session';

const SHOP: readonly AdminRole[] = ['owner', 'operator'];
const FINANCE: readonly AdminRole[] = ['owner', 'finance'];
const OWNER: readonly AdminRole[] = ['owner'];

export const can = {
  /** Catalogue, orders, refunds, distributors, materials. */
  runShop: () => hasRole(SHOP),
  /** Withdrawals: review and payouts. */
  handlePayouts: () => hasRole(FINANCE),
  /** Store settings, distribution rules, accounts, audit log. */
  own: () => hasRole(OWNER),
};
