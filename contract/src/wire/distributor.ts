/** What the distributor center, `requestWithdrawal` and `bindInviter` answer: about the caller only. */
import type {
  BindingRefusal,
  BindingSource,
  CenterStatus,
  DistributorState,
  LedgerEntryKind,
  MaterialKind,
  RecruitmentMode,
  TeamLevel,
  WithdrawalState,
} from '../states';

export interface WithdrawalRules {
  minFen: number;
  maxFenPerRequest: number | null;
  dailyCapFen: number | null;
  /** Fee in basis points of the requested amount, floored. */
  feeBp: number;
}

export interface CenterSummary {
  status: CenterStatus;
  /** Set once the caller is an approved distributor. */
  inviteCode: string | null;
  recruitment: RecruitmentMode;
  /** Commission rates per level under the rules in force (index 0 = level 1); what the apply page shows. */
  levelRatesBp?: readonly number[];
  frozenFen: number;
  availableFen: number;
  heldFen: number;
  withdrawnFen: number;
  debtFen: number;
  withdrawal: WithdrawalRules;
  /** Set while an operator holds the account (风控冻结): why, in the operator's words (plain text), and since when. */
  freeze?: { reason: string; at: number } | null;
  /** The caller's grade (分销等级) and the way to the next one; null while the merchant has no grades. */
  grade?: GradeView | null;
}

/** What a grade condition measures: only the distributor's own results. */
export type GradeMetricName = 'directSalesFen' | 'settledCommissionFen' | 'directCustomers';

export interface GradeView {
  current: { id: string; name: string } | null;
  next: { id: string; name: string; logic: 'any' | 'all' } | null;
  /** Per condition of the next grade: target, what the caller has, what is left (fen or a count; 0 when met). */
  toGo: ReadonlyArray<{ metric: GradeMetricName; atLeast: number; have: number; left: number }>;
  /** The current grade's rates: its own per level, or an uplift on the shop's. */
  rates: { kind: 'uplift'; upliftBp: number } | { kind: 'rates'; levelRatesBp: readonly number[] } | null;
  /** The grade is kept until then whatever the results; null = for good. */
  keepUntil: number | null;
}

export interface ApplicationResult {
  status: DistributorState;
}

export interface BucketDeltas {
  frozen: number;
  available: number;
  held: number;
  withdrawn: number;
  debt: number;
}

export interface LedgerEntryView {
  id: string;
  kind: LedgerEntryKind;
  amountFen: number;
  deltas: BucketDeltas;
  at: number;
  orderId: string | null;
  withdrawalId: string | null;
  feeFen: number | null;
}

export interface FrozenCommission {
  commissionId: string;
  orderId: string;
  level: number;
  amountFen: number;
  settleAt: number | null;
  /** `MM-DD` in China time, once the order is received. */
  settleDate: string | null;
  why: string;
}

export interface TeamPage {
  members: Array<{ nickname: string; joinedAt: number | null }>;
  total: number;
}

export interface RankingRow {
  rank: number;
  nickname: string;
  earnedFen: number;
  isMe: boolean;
}

/** A promotion material as the merchant wrote it: `body` is the text to copy, `images` the pictures. */
export interface Material {
  _id: string;
  title: string;
  kind: MaterialKind;
  body: string;
  images?: string[];
  sort: number;
  createdAt: number;
}

export interface WithdrawalView {
  withdrawalId: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  status: WithdrawalState;
  createdAt: number;
  rejectReason: string | null;
  paidAt: number | null;
  /** Income tax withheld (0 when none). */
  taxFen?: number;
  /** A 商家转账 bill is waiting for the distributor to confirm receipt in WeChat. */
  awaitingConfirmation?: boolean;
}

export interface ShareCode {
  code: string;
  inviteCode: string;
  productId: string | null;
}

export interface Poster {
  code: string;
  fileID: string;
  tempFileURL: string;
  page: string;
  scene: string;
}

export interface WithdrawalRequested {
  withdrawalId: string;
  status: WithdrawalState;
  amountFen: number;
  feeFen: number;
  /** Income tax withheld (劳务报酬); 0 when the merchant does not withhold. */
  taxFen: number;
}

export type BindOutcome =
  | { bound: true; inviterCode: string; source: BindingSource; productId: string | null }
  | { bound: false; reason: BindingRefusal | 'UNKNOWN_CODE'; productId: string | null };

export type { TeamLevel };

/** One step of a promoted order's commission: paid, received, settled or due to settle, refunded. */
export interface PromotedOrderStep {
  at: number;
  text: string;
}

/**
 * An order the caller earned on (`distributorCenter` `orders`), one row per commission line: the buyer only as a
 * masked nickname (never any piece of an openid), the line's paid amount, the order's state, and the commission
 * with its timeline.
 */
export interface PromotedOrder {
  commissionId: string;
  orderId: string;
  /** The human order number once orders carry one. */
  orderNo: string | null;
  buyer: string;
  title: string;
  quantity: number;
  /** What the buyer paid for the line: the commission's base. */
  paidFen: number;
  orderStatus: string;
  level: number;
  commissionStatus: string;
  /** Commission less what refunds took back. */
  commissionFen: number;
  reversedFen: number;
  /** Percent text of the rate it was paid with (e.g. "17%"), or "每件 ¥x"; kept however the grade changes since. */
  termsText: string;
  timeline: PromotedOrderStep[];
}

/** What a withdrawal of `amountFen` would be, shown before the distributor confirms it. */
export interface WithdrawalQuote {
  amountFen: number;
  feeFen: number;
  /** Income tax withheld (劳务报酬 预扣预缴); 0 when the merchant does not withhold. */
  taxFen: number;
  /** What reaches the distributor: amountFen − feeFen − taxFen. */
  netFen: number;
  taxWithholding: boolean;
  realNameRequired: boolean;
  realNameOnFile: boolean;
}

/** The caller's payee details, masked: `张*`, `110***********1234`. */
export interface PayeeView {
  realNameMasked: string;
  idNumberMasked: string;
}

/** What `wx.requestMerchantTransfer` takes to let the distributor confirm a 商家转账 bill. */
export interface TransferPackage {
  mchId: string;
  appId: string;
  package: string;
}

/** A background the merchant uploaded for posters (`distributorCenter` `posterBackgrounds`). */
export interface PosterBackgroundView {
  id: string;
  name: string;
  /** A temporary download address of the picture. */
  url: string;
}
