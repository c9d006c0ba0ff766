/**
 * The documents the shop stores, one interface per collection (database/collections.json declares the same
 * collections with their indexes). Times are epoch milliseconds, money is integer fen, rates basis points.
 */
import type {
  AfterSaleState,
  AncestorSnapshot,
  Balances,
  BindingSource,
  CommissionOverride,
  CommissionRecord,
  CommissionState,
  DistributionRules,
  DistributorState,
  LedgerEntry,
  OrderState,
  PricedLine,
  ShippingRules,
  WithdrawalState,
} from '../../core/src';

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
  jobs: 'jobs',
} as const;

export interface ProductDoc {
  _id: string;
  title: string;
  categoryId: string;
  priceFen: number;
  stock: number;
  sales: number;
  onShelf: boolean;
  limitedTime?: { priceFen: number; startsAt: number; endsAt: number };
  commission?: CommissionOverride;
  images: string[];
  description: string;
  sort: number;
  lowStockThreshold?: number;
  /**
   * Stock reserved by unpaid orders, orderId → units. Kept on the product so that the decrement and the record
   * of who holds it are one atomic single-document update: a reservation is never lost or released twice.
   */
  holds?: Record<string, number>;
  createdAt: number;
  updatedAt?: number;
}

export interface CategoryDoc {
  _id: string;
  name: string;
  sort: number;
}

export interface CouponDoc {
  _id: string;
  openid: string;
  title: string;
  kind: 'amount_off' | 'percent_off';
  amountFen?: number;
  rateBp?: number;
  minSpendFen?: number;
  validFrom?: number;
  validTo?: number;
  /** `locked` while an unpaid order uses it; back to `unused` if that order is cancelled. */
  status: 'unused' | 'locked' | 'used';
  orderId?: string | null;
}

export interface UserDoc {
  _id: string;
  createdAt: number;
  inviterOpenid: string | null;
  boundAt: number | null;
  bindingSource: BindingSource | null;
  paidOrderCount: number;
  nickname?: string;
  avatarUrl?: string;
  /** Set when an operator erased the shopper's personal data on request (个人信息删除). */
  erasedAt?: number;
}

export interface DistributorDoc {
  _id: string;
  status: DistributorState;
  inviteCode: string;
  createdAt: number;
  nickname?: string;
  /** `name` and `phone` are sealed (personal-data/sealing.ts); `phoneHash` finds an application by phone. */
  application?: DistributorApplication;
  /** Set when an operator erased the distributor's personal data on request. */
  erasedAt?: number;
  /** New share codes and posters made on `day` (China time, YYYY-MM-DD), for the daily cap. */
  shareDay?: { day: string; created: number };
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
}

export interface DistributorApplication {
  name: string;
  phone: string;
  phoneHash?: string;
  reason: string;
  at: number;
}

export interface ShareCodeDoc {
  _id: string;
  inviterOpenid: string;
  productId: string | null;
  campaign: string | null;
  createdAt: number;
  /** The poster made for this code, kept so asking again costs no second mini program code. */
  poster?: { fileID: string; createdAt: number };
}

export interface BindingDoc {
  _id?: string;
  openid: string;
  oldInviterOpenid: string | null;
  newInviterOpenid: string;
  source: BindingSource;
  at: number;
  ruleVersion: number;
  code: string | null;
}

/** `settings/store`: what the merchant edits on the store settings screen. */
export interface StoreSettingsDoc {
  _id: 'store';
  name: string;
  logo: string;
  introduction: string;
  shipping: ShippingRules;
  /** Shipped orders are confirmed received automatically after this many days. */
  autoConfirmDays: number;
  /** Unpaid orders are cancelled after this many minutes and their stock released. */
  unpaidTimeoutMinutes: number;
}

/** `settings/rules:current` points at the rules in force; `settings/rules:v<N>` keeps every version. */
export interface RulesDoc {
  _id: string;
  rules: DistributionRules;
  createdAt: number;
  createdBy: string;
}

export interface ShippingAddress {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  postalCode?: string;
}

/** An address as stored: the whole of it sealed, with a keyed hash of the phone beside it for lookups. */
export interface SealedAddress {
  sealed: string;
  phoneHash: string;
}

/** What is left of an address after the shopper's personal data was erased. */
export interface ErasedAddress {
  erasedAt: number;
}

/** Plain `ShippingAddress` only in documents written before encryption; they still read. */
export type StoredAddress = ShippingAddress | SealedAddress | ErasedAddress;

export interface OrderLine extends PricedLine {
  refundedQuantity: number;
}

export interface OrderDoc {
  _id: string;
  buyerOpenid: string;
  requestId: string;
  /** Hash of what the request asked for: the same requestId with other content is refused. */
  requestHash: string;
  status: OrderState;
  lines: OrderLine[];
  subtotalFen: number;
  discountFen: number;
  shippingFen: number;
  totalFen: number;
  couponId: string | null;
  address: StoredAddress;
  outTradeNo: string;
  /** Beneficiaries per level and the rules version, fixed when the order is placed. */
  snapshot: AncestorSnapshot;
  ruleVersion: number;
  payment: Record<string, unknown> | null;
  createdAt: number;
  expiresAt: number;
  /** Set once the holds on the products are converted (paid) or released (cancelled). */
  stockSettled: boolean;
  paidAt?: number;
  transactionId?: string;
  shippedAt?: number;
  shipping?: { carrier: string; trackingNo: string };
  receivedAt?: number;
  /** receivedAt + freezeDays of the order's rules: when commissions may settle. */
  settleAt?: number;
  completedAt?: number;
  cancelledAt?: number;
  cancelReason?: string;
  /** A payment that arrived after cancellation, and the refund that returned it. */
  latePayment?: { transactionId: string; totalFee: number; outRefundNo: string; refundRequestedAt: number };
  refundedFen?: number;
}

export interface AfterSaleDoc {
  _id: string;
  orderId: string;
  buyerOpenid: string;
  line: number;
  quantity: number;
  reason: string;
  status: AfterSaleState;
  /** Fixed when the refund is approved. */
  refundFen: number | null;
  outRefundNo: string;
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
  refundedAt?: number;
  /** The client's id for the request that opened it, so a retried request opens nothing new. */
  requestId?: string;
  /** `merchant` when an operator opened it (a refund after the after-sales window, a complaint upheld). */
  openedBy?: 'shopper' | 'merchant';
}

export interface CommissionDoc extends Omit<CommissionRecord, 'id'> {
  _id: string;
  status: CommissionState;
  buyerOpenid: string;
  /** Cumulative amount reversed or clawed back by refunds. */
  reversedFen: number;
  createdAt: number;
  /** Null until the order is received; then receivedAt + freezeDays. */
  settleAt: number | null;
  settledAt?: number;
}

export type LedgerEntryDoc = Omit<LedgerEntry, 'id'> & { _id: string };

export interface BalanceDoc extends Balances {
  _id: string;
  updatedAt: number;
  /** Gross amount requested on `day` (China time, YYYY-MM-DD), for the daily cap. */
  withdrawalDay?: { day: string; requestedFen: number };
}

export interface WithdrawalDoc {
  _id: string;
  openid: string;
  requestId: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  status: WithdrawalState;
  attempt: number;
  ruleVersion: number;
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
  payoutReference?: string;
  paidAt?: number;
  failureReason?: string;
}

export type AdminRole = 'owner' | 'operator' | 'finance';

export interface AdminUserDoc {
  _id: string;
  username: string;
  passwordHash: string;
  role: AdminRole;
  failedAttempts: number;
  lockedUntil: number | null;
  tokenVersion: number;
  createdAt: number;
}

export interface AuditLogDoc {
  _id?: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export interface MaterialDoc {
  _id: string;
  title: string;
  kind: 'guide' | 'copy';
  body: string;
  images?: string[];
  sort: number;
  createdAt: number;
}
