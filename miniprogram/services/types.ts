/** What the cloud functions answer, as the mini program reads it (amounts are integer fen). */

export type StockState = 'in_stock' | 'low' | 'sold_out';

export interface Category {
  _id: string;
  name: string;
  sort: number;
}

export interface ProductCard {
  id: string;
  title: string;
  image: string | null;
  priceFen: number;
  listPriceFen: number;
  limitedTime: { priceFen: number; endsAt: number } | null;
  stockState: StockState;
  sales: number;
}

export interface ProductPage {
  items: ProductCard[];
  hasMore: boolean;
}

export interface ProductDetail extends ProductCard {
  images: string[];
  description: string;
  stock: number;
  /** What the caller's own share earns on one unit; null unless the caller is a distributor. */
  earnFen: number | null;
}

export interface Coupon {
  id: string;
  title: string;
  /** As the server stores it (cloudfunctions/_shared/model.ts CouponDoc). */
  kind: 'amount_off' | 'percent_off';
  amountFen?: number;
  /** percent_off: the share taken off, 1000 = 10% off. */
  rateBp?: number;
  minSpendFen?: number;
  validTo?: number;
}

export interface CartItem {
  productId: string;
  quantity: number;
}

export interface QuoteLine {
  line: number;
  productId: string;
  title: string;
  unitPriceFen: number;
  limitedTimeApplied: boolean;
  quantity: number;
  listAmountFen: number;
  discountFen: number;
  paidFen: number;
}

export interface Quote {
  lines: QuoteLine[];
  subtotalFen: number;
  discountFen: number;
  couponId: string | null;
  shippingFen: number;
  totalFen: number;
}

/** The shape `wx.chooseAddress` resolves with (the fields placeOrder keeps). */
export interface Address {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  postalCode?: string;
}

export interface PlacedOrder {
  orderId: string;
  totalFen: number;
  outTradeNo: string;
  /** Spread into wx.requestPayment. */
  payment: { timeStamp: string; nonceStr: string; package: string; signType: 'MD5' | 'HMAC-SHA256' | 'RSA'; paySign: string };
}

export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'received' | 'completed' | 'cancelled';

export interface OrderLine extends QuoteLine {
  refundedQuantity: number;
}

export interface Order {
  orderId: string;
  status: OrderStatus;
  lines: OrderLine[];
  subtotalFen: number;
  discountFen: number;
  shippingFen: number;
  totalFen: number;
  refundedFen: number;
  address: Address;
  shipping: { carrier?: string; trackingNo?: string } | null;
  createdAt: number;
  expiresAt: number;
}

export type AfterSaleStatus = 'requested' | 'approved' | 'rejected' | 'refunded';

export interface AfterSale {
  afterSaleId: string;
  line: number;
  quantity: number;
  reason: string;
  status: AfterSaleStatus;
  refundFen: number | null;
  createdAt: number;
  decidedAt: number | null;
  rejectReason: string | null;
  refundedAt: number | null;
}

export interface OrderDetail extends Order {
  afterSales: AfterSale[];
  timeline: Array<{ event: string; at: number }>;
}

/** `none` until a distributor document exists; `applied` is an application waiting for an operator. */
export type DistributorStatus = 'none' | 'applied' | 'approved' | 'rejected' | 'disabled';

export interface WithdrawalRules {
  minFen: number;
  maxFenPerRequest: number | null;
  dailyCapFen: number | null;
  feeBp: number;
}

export interface CenterSummary {
  status: DistributorStatus;
  inviteCode: string | null;
  recruitment: 'open' | 'approval';
  /** The saved commission rate per level (index 0 = direct promotion); empty while distribution is off. */
  levelRatesBp: number[];
  frozenFen: number;
  availableFen: number;
  heldFen: number;
  withdrawnFen: number;
  debtFen: number;
  withdrawal: WithdrawalRules;
}

export interface Deltas {
  frozen: number;
  available: number;
  held: number;
  withdrawn: number;
  debt: number;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  amountFen: number;
  deltas: Deltas;
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
  settleDate: string | null;
  why: string;
}

export interface TeamPage {
  members: Array<{ nickname: string; joinedAt: number }>;
  total: number;
}

export interface RankingRow {
  rank: number;
  nickname: string;
  earnedFen: number;
  isMe: boolean;
}

/** A material as the server stores and sends it (cloudfunctions/_shared/model.ts MaterialDoc). */
export interface Material {
  _id: string;
  title: string;
  kind: 'guide' | 'copy';
  body: string;
  images?: string[];
  sort: number;
  createdAt: number;
}

export type WithdrawalStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'failed';

export interface Withdrawal {
  withdrawalId: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  status: WithdrawalStatus;
  createdAt: number;
  rejectReason: string | null;
  paidAt: number | null;
}

export interface Poster {
  code: string;
  fileID: string;
  tempFileURL: string;
  page: string;
  scene: string;
}

export type BindOutcome =
  | { bound: true; inviterCode: string; source: string; productId: string | null }
  | { bound: false; reason: string; productId: string | null };
