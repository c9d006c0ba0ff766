/**
 * THE route table of the admin API, and with it the permission table: every route, the roles that may call it,
 * and its handler (which carries its own strict query and body schemas). Paths are below /api/admin.
 *
 * Roles: owner runs the shop and is the only one who manages accounts, distribution rules, store settings and
 * reads the audit log; operator runs the catalogue, orders, refunds, distributors and materials; finance handles
 * withdrawals. Only owner and finance touch withdrawals. Everyone signed in may read the shop's state.
 */
import { ROLE_GROUPS } from '../../contract/src';
import { route, SIGNED_OUT, type RouteEntry } from './router';
import { listAuditLogs } from './routes/audit-logs';
import { RECONCILIATION_ROUTES } from './routes/reconciliation';
import { PAYOUT_ROUTES } from './routes/payouts';
import { dashboard } from './routes/dashboard';
import { funnels } from './routes/funnels';
import {
  approveDistributor,
  disableDistributor,
  enableDistributor,
  freezeDistributorRoute,
  listApplications,
  listDistributorRisks,
  listDistributors,
  rejectDistributor,
  unfreezeDistributorRoute,
} from './routes/distributors';
import { exportCommissions, exportDistributors } from './routes/distributor-exports';
import { getGradeProgram, updateGradeProgram } from './routes/grades';
import { listPosterBackgrounds, updatePosterBackgrounds } from './routes/poster-backgrounds';
import { createMaterial, deleteMaterial, listMaterials, updateMaterial } from './routes/materials';
import {
  createCouponCampaign,
  createFlashSale,
  createGroupBuy,
  issueCoupons,
  listCouponCampaigns,
  listFlashSales,
  listGroupBuys,
  stopCampaign,
} from './routes/marketing';
import { eraseMember } from './routes/erasure';
import { listBindings, listMembers, memberTree } from './routes/members';
import { createOperator, listOperators, setOperatorPassword } from './routes/operators';
import { exportOrders, getOrder, shipOrderRoute } from './routes/orders';
import { listOrders } from './routes/orders-list';
import { pollOrdersExport, startOrdersExport } from './routes/exports';
import {
  createCategory,
  createProduct,
  getProduct,
  listCategories,
  listLowStock,
  listProducts,
  setProductShelf,
  updateProduct,
} from './routes/products';
import { approveRefund, listRefunds, openRefund, receiveReturn, rejectRefund } from './routes/refunds';
import { getAfterSalesSettings, shipBatch, updateAfterSalesSettings } from './routes/order-desk';
import { uploadImage } from './routes/uploads';
import { createSession, endSession, listSessions, me, revokeEverySession, revokeOneSession } from './routes/session';
import {
  getDistributionRules,
  getStoreSettings,
  updateDistributionRules,
  updateStoreSettings,
} from './routes/settings';
import {
  approveWithdrawalRoute,
  exportWithdrawals,
  failWithdrawalRoute,
  listWithdrawals,
  markWithdrawalPaidRoute,
  rejectWithdrawalRoute,
  releaseTransferRoute,
  retryWithdrawalRoute,
} from './routes/withdrawals';

/** The contract's role groups, so the admin page hides exactly what the API refuses. */
const { owner: OWNER, staff: STAFF, shop: SHOP, finance: FINANCE } = ROLE_GROUPS;

export const ROUTES: readonly RouteEntry[] = [
  route('POST', '/session', SIGNED_OUT, createSession),
  route('DELETE', '/session', STAFF, endSession),
  route('GET', '/me', STAFF, me),
  // Own sessions for everyone; `?username=` / `{username}` of another account for the owner only (checked inside).
  route('GET', '/sessions', STAFF, listSessions),
  route('DELETE', '/sessions/:id', STAFF, revokeOneSession),
  route('POST', '/sessions/revoke-all', STAFF, revokeEverySession),

  route('GET', '/operators', OWNER, listOperators),
  route('POST', '/operators', OWNER, createOperator),
  route('PUT', '/operators/:username/password', OWNER, setOperatorPassword),

  route('GET', '/dashboard', STAFF, dashboard),
  route('GET', '/funnels', STAFF, funnels),

  route('GET', '/settings/store', STAFF, getStoreSettings),
  route('PUT', '/settings/store', OWNER, updateStoreSettings),
  route('GET', '/settings/after-sales', STAFF, getAfterSalesSettings),
  route('PUT', '/settings/after-sales', OWNER, updateAfterSalesSettings),
  route('GET', '/settings/distribution', STAFF, getDistributionRules),
  route('PUT', '/settings/distribution', OWNER, updateDistributionRules),
  route('GET', '/settings/grades', STAFF, getGradeProgram),
  route('PUT', '/settings/grades', OWNER, updateGradeProgram),

  route('GET', '/products', STAFF, listProducts),
  route('GET', '/products/low-stock', STAFF, listLowStock),
  route('GET', '/products/:id', STAFF, getProduct),
  route('POST', '/uploads', SHOP, uploadImage),
  route('POST', '/products', SHOP, createProduct),
  route('PUT', '/products/:id', SHOP, updateProduct),
  route('POST', '/products/:id/shelf', SHOP, setProductShelf),
  route('GET', '/categories', STAFF, listCategories),
  route('POST', '/categories', SHOP, createCategory),

  route('GET', '/orders', STAFF, listOrders),
  route('GET', '/orders.csv', STAFF, exportOrders),
  route('POST', '/orders/ship-batch', SHOP, shipBatch),
  route('POST', '/exports/orders', STAFF, startOrdersExport),
  route('GET', '/exports/orders/:id', STAFF, pollOrdersExport),
  route('GET', '/orders/:id', STAFF, getOrder),
  route('POST', '/orders/:id/ship', SHOP, shipOrderRoute),
  route('POST', '/orders/:id/refunds', SHOP, openRefund),

  route('GET', '/refunds', STAFF, listRefunds),
  route('POST', '/refunds/:id/approve', SHOP, approveRefund),
  route('POST', '/refunds/:id/reject', SHOP, rejectRefund),
  route('POST', '/refunds/:id/received', SHOP, receiveReturn),

  route('GET', '/distributors', STAFF, listDistributors),
  route('GET', '/distributors/applications', STAFF, listApplications),
  route('GET', '/distributors.csv', STAFF, exportDistributors),
  route('GET', '/distributors/risks', STAFF, listDistributorRisks),
  route('GET', '/commissions.csv', STAFF, exportCommissions),
  route('POST', '/distributors/:openid/approve', SHOP, approveDistributor),
  route('POST', '/distributors/:openid/reject', SHOP, rejectDistributor),
  route('POST', '/distributors/:openid/disable', SHOP, disableDistributor),
  route('POST', '/distributors/:openid/enable', SHOP, enableDistributor),
  route('POST', '/distributors/:openid/freeze', SHOP, freezeDistributorRoute),
  route('POST', '/distributors/:openid/unfreeze', SHOP, unfreezeDistributorRoute),

  route('GET', '/members', STAFF, listMembers),
  route('GET', '/members/:openid/bindings', STAFF, listBindings),
  route('GET', '/members/:openid/tree', STAFF, memberTree),
  route('POST', '/members/:openid/erase', OWNER, eraseMember),

  route('GET', '/withdrawals', FINANCE, listWithdrawals),
  route('GET', '/withdrawals.csv', FINANCE, exportWithdrawals),
  route('POST', '/withdrawals/:id/approve', FINANCE, approveWithdrawalRoute),
  route('POST', '/withdrawals/:id/reject', FINANCE, rejectWithdrawalRoute),
  route('POST', '/withdrawals/:id/paid', FINANCE, markWithdrawalPaidRoute),
  route('POST', '/withdrawals/:id/fail', FINANCE, failWithdrawalRoute),
  route('POST', '/withdrawals/:id/retry', FINANCE, retryWithdrawalRoute),
  route('POST', '/withdrawals/:id/transfer', FINANCE, releaseTransferRoute),

  route('GET', '/coupons', STAFF, listCouponCampaigns),
  route('POST', '/coupons', SHOP, createCouponCampaign),
  route('POST', '/coupons/:id/issue', SHOP, issueCoupons),
  route('POST', '/coupons/:id/stop', SHOP, stopCampaign('coupons')),
  route('GET', '/flash-sales', STAFF, listFlashSales),
  route('POST', '/flash-sales', SHOP, createFlashSale),
  route('POST', '/flash-sales/:id/stop', SHOP, stopCampaign('flash-sales')),
  route('GET', '/group-buys', STAFF, listGroupBuys),
  route('POST', '/group-buys', SHOP, createGroupBuy),
  route('POST', '/group-buys/:id/stop', SHOP, stopCampaign('group-buys')),

  route('GET', '/materials', STAFF, listMaterials),
  route('POST', '/materials', SHOP, createMaterial),
  route('PUT', '/materials/:id', SHOP, updateMaterial),
  route('GET', '/poster-backgrounds', STAFF, listPosterBackgrounds),
  route('PUT', '/poster-backgrounds', SHOP, updatePosterBackgrounds),
  route('DELETE', '/materials/:id', SHOP, deleteMaterial),

  route('GET', '/audit-logs', OWNER, listAuditLogs),
  ...RECONCILIATION_ROUTES,
  ...PAYOUT_ROUTES,
];
