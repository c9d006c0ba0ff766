/**
 * Every enumerated value that crosses the wire, defined once. The core's state machines are built over these
 * lists (core/src/machines), the labels below are typed by them, and route outputs use them, so a value the
 * server writes and a value a page waits for cannot drift apart without `tsc` noticing.
 */

/** `closed`: every unit of every line was refunded (stock and commissions already restored by the refunds). */
export const ORDER_STATES = ['unpaid', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'closed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * The order states in which a shopper may ask for a refund (core/src/after-sales.ts decides, a received order only
 * within the after-sales window); the mini program shows the button only there.
 */
export const REFUNDABLE_ORDER_STATES = ['paid', 'shipped', 'received'] as const satisfies readonly OrderState[];

/**
 * `awaiting_return`: a return (退货退款) approved, the goods not yet sent back; `return_shipped`: the shopper gave the
 * carrier and tracking number; the operator's "goods received" moves it to `approved` (the refund is asked for).
 * `closed`: a return never sent back within the limit (the claim on the line is released, nothing refunded).
 */
export const AFTER_SALE_STATES = [
  'requested',
  'approved',
  'rejected',
  'refunded',
  'awaiting_return',
  'return_shipped',
  'closed',
] as const;
/** 仅退款 or 退货退款; a request without a type is a refund. */
export const AFTER_SALE_TYPES = ['refund', 'return'] as const;
export type AfterSaleType = (typeof AFTER_SALE_TYPES)[number];

/** What happened to an after-sale, for the timeline both sides see. */
export const AFTER_SALE_TIMELINE_EVENTS = [
  'requested',
  'approved',
  'rejected',
  'returnShipped',
  'goodsReceived',
  'refundFailed',
  'refunded',
  'closed',
] as const;
export type AfterSaleTimelineEvent = (typeof AFTER_SALE_TIMELINE_EVENTS)[number];

/** WeChat's shipping-information upload (发货信息管理服务) of one order. */
export const SHIPPING_UPLOAD_STATES = ['pending', 'uploaded'] as const;
export type ShippingUploadState = (typeof SHIPPING_UPLOAD_STATES)[number];
export type AfterSaleState = (typeof AFTER_SALE_STATES)[number];

export const COMMISSION_STATES = ['frozen', 'settled', 'reversed', 'clawed_back'] as const;
export type CommissionState = (typeof COMMISSION_STATES)[number];

export const WITHDRAWAL_STATES = ['requested', 'approved', 'rejected', 'paid', 'failed'] as const;
export type WithdrawalState = (typeof WITHDRAWAL_STATES)[number];

/** `applied` only exists in approval recruitment; open recruitment creates distributors `approved`. */
export const DISTRIBUTOR_STATES = ['applied', 'approved', 'rejected', 'disabled'] as const;
export type DistributorState = (typeof DISTRIBUTOR_STATES)[number];

/** What the distributor center reports about its caller: a distributor state, or `none` before any. */
export const CENTER_STATUSES = ['none', ...DISTRIBUTOR_STATES] as const;
export type CenterStatus = (typeof CENTER_STATUSES)[number];

export const BUCKETS = ['frozen', 'available', 'held', 'withdrawn', 'debt'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const LEDGER_ENTRY_KINDS = [
  'commission.accrue',
  'commission.settle',
  'commission.reverse',
  'commission.clawback',
  'debt.repay',
  'withdrawal.hold',
  'withdrawal.release',
  'withdrawal.pay',
  /** The income tax withheld from a payout: held → withdrawn like the payout, paid to the tax office, not to them. */
  'withdrawal.tax',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export const BINDING_SOURCES = ['poster', 'link', 'code'] as const;
export type BindingSource = (typeof BINDING_SOURCES)[number];

export const BINDING_REFUSALS = [
  'SELF',
  'INVITER_NOT_DISTRIBUTOR',
  'LOOP',
  'ALREADY_BOUND',
  'ALREADY_BOUND_TO_INVITER',
  'SHOPPER_HAS_PAID_ORDER',
  'DISTRIBUTION_DISABLED',
  'INVITER_FROZEN',
] as const;
export type BindingRefusal = (typeof BINDING_REFUSALS)[number];

export const RECRUITMENT_MODES = ['open', 'approval'] as const;
export type RecruitmentMode = (typeof RECRUITMENT_MODES)[number];

export const BINDING_MODES = ['first-touch', 'last-touch'] as const;
export type BindingMode = (typeof BINDING_MODES)[number];

export const ADMIN_ROLES = ['owner', 'operator', 'finance'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const COUPON_KINDS = ['amount_off', 'percent_off'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

export const COUPON_STATUSES = ['unused', 'locked', 'used'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

export const MATERIAL_KINDS = ['guide', 'copy'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const STOCK_STATES = ['in_stock', 'low', 'sold_out'] as const;
export type StockState = (typeof STOCK_STATES)[number];

/** The moments of an order's timeline, in the order they happen. */
export const TIMELINE_EVENTS = [
  'created',
  'paid',
  'shipped',
  'received',
  'afterSalesWindowCloses',
  'completed',
  'cancelled',
  'closed',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

/** Commission levels a distributor can see: 1 = the direct inviter, 2 = the inviter's inviter. */
export const TEAM_LEVELS = [1, 2] as const;
export type TeamLevel = (typeof TEAM_LEVELS)[number];

/**
 * Who may do what in the admin API (adminApi/routes.ts holds the route table; the admin page hides what a role
 * cannot do). Owner alone manages accounts, rules, settings and reads the audit log; only owner and finance touch
 * withdrawals.
 */
export const ROLE_GROUPS = {
  /** Reading the shop's state. */
  staff: ['owner', 'operator', 'finance'],
  /** Running the shop: catalogue, orders, refunds, distributors, materials. */
  shop: ['owner', 'operator'],
  /** Money leaving the shop to distributors. */
  finance: ['owner', 'finance'],
  owner: ['owner'],
} as const satisfies Record<string, readonly AdminRole[]>;
