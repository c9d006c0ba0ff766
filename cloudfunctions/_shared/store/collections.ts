/**
 * The collections the shop stores (database/collections.json declares the same collections with their indexes).
 * Each collection's document type lives in its own store module; in all of them times are epoch milliseconds,
 * money is integer fen, rates basis points.
 */
export const COLLECTIONS = {
  products: 'products',
  categories: 'categories',
  coupons: 'coupons',
  users: 'users',
  distributors: 'distributors',
  shareCodes: 'shareCodes',
  bindings: 'bindings',
  orders: 'orders',
  afterSales: 'afterSales',
  commissions: 'commissions',
  ledgerEntries: 'ledgerEntries',
  balances: 'balances',
  withdrawals: 'withdrawals',
  settings: 'settings',
  materials: 'materials',
  adminUsers: 'adminUsers',
  auditLogs: 'auditLogs',
  adminSessions: 'adminSessions',
  signInFailures: 'signInFailures',
  jobs: 'jobs',
  figures: 'figures',
  behaviourSeen: 'behaviourSeen',
  recommendations: 'recommendations',
} as const;
