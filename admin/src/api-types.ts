/**
 * What adminApi answers, route by route. Enumerated values (states, roles, binding sources) are the contract's;
 * stored documents come straight from the server's store modules (type-only imports: nothing of the server is
 * bundled); the shapes the routes compute are declared here, next to their route (the contract describes the mini
 * program's routes only).
 */
import type { AdminRole, DistributorState, MaterialKind } from '../../contract/src/states';
import type { Balances } from '../../core/src/ledger';
import type { PersonSummary } from '../../contract/src/wire/people';
import type { DistributionRules } from '../../core/src/rules';
import type { AdminSessionDoc } from '../../cloudfunctions/_shared/store/admin-sessions';
import type { AdminUserDoc } from '../../cloudfunctions/_shared/store/admin-users';
import type { AfterSaleDoc } from '../../cloudfunctions/_shared/store/after-sales';
import type { AuditLogDoc } from '../../cloudfunctions/_shared/store/audit-logs';
import type { AuditTarget } from '../../contract/src/audit-vocabulary';
import type { FunnelSteps } from '../../contract/src/behaviour';
import type { BindingDoc } from '../../cloudfunctions/_shared/store/bindings';
import type { CategoryDoc } from '../../cloudfunctions/_shared/store/categories';
import type { CommissionDoc } from '../../cloudfunctions/_shared/store/commissions';
import type { DistributorDoc } from '../../cloudfunctions/_shared/store/distributors';
import type { MaterialDoc } from '../../cloudfunctions/_shared/store/materials';
import type { OrderDoc as StoredOrderDoc, ShippingAddress } from '../../cloudfunctions/_shared/store/orders';
import type { ProductDoc } from '../../cloudfunctions/_shared/store/products';
import type { StoreSettingsDoc } from '../../cloudfunctions/_shared/store/settings';
import type { UserDoc } from '../../cloudfunctions/_shared/store/users';
import type { WithdrawalDoc } from '../../cloudfunctions/_shared/store/withdrawals';
import type { PayoutChannelName, PayoutSettingsDoc } from '../../cloudfunctions/_shared/store/payout-settings';

export type {
  AfterSaleDoc,
  AuditLogDoc,
  BindingDoc,
  CategoryDoc,
  CommissionDoc,
  DistributorDoc,
  MaterialDoc,
  ProductDoc,
  StoreSettingsDoc,
  UserDoc,
  WithdrawalDoc,
};
export type { DistributionRules };
export type { PersonSummary };
export type { CommissionOverride } from '../../core/src';

/**
 * An order as the admin API answers it: the stored address is sealed, and the API opens it — in full on one
 * order's detail for the roles that ship, masked (`张*`, `138****0000`, to the district) everywhere else.
 */
export type OrderDoc = Omit<StoredOrderDoc, 'address'> & { address: ShippingAddress };

export type { RiskReport, RiskRow } from '../../cloudfunctions/_shared/workflows/distributor-risks';
export type { Grade, GradeProgram, GradeMetric } from '../../core/src';
export type { PosterBackground } from '../../cloudfunctions/_shared/store/poster-backgrounds';
export type { PaymentMismatchDoc } from '../../cloudfunctions/_shared/workflows/reconciliation';
export type { ErasureReport } from '../../cloudfunctions/adminApi/erasure';

/** GET /audit-logs: an entry with its action, object and changed fields in the operators' words. */
export interface AuditLogRow extends AuditLogDoc {
  actionLabel: string;
  object: AuditTarget;
  changedFields: { field: string; label: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** The shoppers the items name, by openid (nickname, masked phone): shown with PersonCell. */
  people?: Record<string, PersonSummary>;
}

/** A type alias, not an interface, so that query objects stay assignable to a string-keyed record. */
export type PageQuery = {
  page?: number;
  pageSize?: number;
};

/**
 * A page read by keyset: `nextCursor` continues after the last item (null on the last page). `total` only where an
 * index counts the filter exactly; absent otherwise (the screen then shows no figure).
 */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
  people?: Record<string, PersonSummary>;
}

/** `cursor` from the previous page's `nextCursor`; none for the first page. */
export type KeysetQuery = {
  cursor?: string;
  limit: number;
};

/** GET /me */
export interface Me {
  username: string;
  role: AdminRole;
}

export type DashboardRange = 'today' | '7d' | '30d';

/** GET /dashboard: paid GMV, refunds and net kept apart; every share in rounded basis points, null = nothing to divide by. */
export interface Dashboard {
  range: DashboardRange;
  from: number;
  to: number;
  salesFen: number;
  paidFen: number;
  refundedFen: number;
  netSalesFen: number;
  paidOrders: number;
  refunds: number;
  fullyRefundedOrders: number;
  createdOrders: number;
  paidOfCreated: number;
  paidConversionBp: number | null;
  newDistributors: number;
  commission: {
    accruedFen: number;
    reversedFen: number;
    bookedFen: number;
    shareOfNetSalesBp: number | null;
    settledFen: number;
    frozenNowFen: number;
    paidOutFen: number;
  };
  refundRateBp: number | null;
  topProducts: {
    productId: string;
    title: string;
    quantity: number;
    paidFen: number;
    refundedFen: number;
    netFen: number;
  }[];
  topDistributors: {
    openid: string;
    orders: number;
    paidFen: number;
    refundedFen: number;
    netFen: number;
    refundRateBp: number | null;
    commissionNetFen: number;
  }[];
  people?: Record<string, PersonSummary>;
  series: {
    date: string;
    salesFen: number;
    refundedFen: number;
    netSalesFen: number;
    paidOrders: number;
    createdOrders: number;
  }[];
}

/** GET /funnels: opened → viewed → ordered → paid → kept, per product and per distributor. */
export interface Funnels {
  range: DashboardRange;
  products: (FunnelSteps & { productId: string; title: string })[];
  distributors: (FunnelSteps & { openid: string })[];
  people?: Record<string, PersonSummary>;
}

/** GET /products/low-stock */
export interface LowStock {
  items: ProductDoc[];
  defaultThreshold: number;
}

/** GET /orders/:id */
export interface OrderDetail {
  order: OrderDoc;
  commissions: CommissionDoc[];
  rules: { version: number; rules: DistributionRules };
  /** The buyer and the beneficiaries. */
  people?: Record<string, PersonSummary>;
}

/** GET /distributors: each distributor with their team, level-1 sales, commission earned and balances. */
export interface DistributorRow extends DistributorDoc {
  team: { level1: number; level2: number };
  sales: { orders: number; salesFen: number; refundedFen: number; netSalesFen: number; refundRateBp: number | null };
  commission: { accruedFen: number; reversedFen: number };
  earnedFen: number;
  balances: Balances;
}

/** GET /members */
export interface MemberRow extends UserDoc {
  spentFen: number;
  refundedFen: number;
  distributorStatus: DistributorState | null;
}

/** GET /members/:openid/tree */
export interface MemberTree {
  member: UserDoc | null;
  people?: Record<string, PersonSummary>;
  distributor: DistributorDoc | null;
  up: { openid: string; level: number; nickname: string | null }[];
  down: {
    level1: { total: number; members: UserDoc[] };
    level2: { total: number; members: UserDoc[] };
  };
}

/** GET /settings/distribution */
export interface RulesHistory {
  current: DistributionRules;
  history: { version: number; createdAt: number | null; createdBy: string; rules: DistributionRules }[];
}

/** PUT /settings/distribution */
export interface RulesSaved {
  rules: DistributionRules;
  appliesTo: string;
  complianceNote?: string;
}

export type OperatorAccount = Omit<AdminUserDoc, 'passwordHash'>;

/** The roles an owner can give a new account (there is one owner). */
export type OperatorRole = Exclude<AdminRole, 'owner'>;

/** `GET /sessions`: a session as listed, with whether it is the one asking and whether it can still be used. */
export type SessionRow = AdminSessionDoc & { current: boolean; active: boolean };

/** The distribution rules' fields an owner may change (the server merges them into the current version). */
export type RulesChanges = Partial<Omit<DistributionRules, 'version' | 'commissionBase' | 'productOverrides'>>;

/** Product fields as the editor sends them: the price as typed in yuan, parsed by the server. */
export interface ProductInput {
  title: string;
  categoryId: string;
  /** Without specs: the product's price and stock. With specs each SKU has its own and these are left out. */
  price?: string;
  stock?: number;
  specs?: Array<{ name: string; values: string[] }>;
  skus?: SkuInput[];
  onShelf?: boolean;
  images: string[];
  description: string;
  sort: number;
  lowStockThreshold: number | null;
  commission: ProductDoc['commission'] | null;
}

/** One row of the SKU grid as the editor sends it: prices as canonical yuan text, parsed by the server. */
export interface SkuInput {
  specValues: string[];
  price: string;
  listPrice?: string;
  stock: number;
  enabled: boolean;
  /** The stock the grid showed when the editor opened (an edit moves stock by the difference). */
  stockSeen?: number;
}

export interface MaterialInput {
  title: string;
  kind: MaterialKind;
  body: string;
  images: string[];
  sort: number;
}

export interface StoreSettingsInput {
  name: string;
  logo: string;
  introduction: string;
  /** 客服电话: digits, +, - and spaces; '' for none. */
  servicePhone: string;
  shipping: { flatFen: number; freeOverFen?: number };
  autoConfirmDays: number;
  unpaidTimeoutMinutes: number;
}

export type { PayoutSettingsDoc, PayoutChannelName };

export type { TaxReportRow } from '../../contract/src/wire/admin-reports';
import type { TaxReportRow } from '../../contract/src/wire/admin-reports';

/** GET /tax-report?month=YYYY-MM: one row per person paid in the month, with the month's totals. */
export interface TaxReport {
  month: string;
  rows: TaxReportRow[];
  totals: { incomeFen: number; taxFen: number };
}

/** PUT /settings/payouts: only the fields that change. */
export interface PayoutSettingsInput {
  secondOperatorAboveFen?: number;
  taxWithholding?: boolean;
  channel?: PayoutChannelName;
}
