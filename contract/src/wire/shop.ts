/** What the storefront (`shop`) and `placeOrder` answer. Amounts are integer fen, times epoch ms. */
import type { CouponKind, StockState } from '../states';
import type { CouponChoice } from './marketing';

export interface Category {
  _id: string;
  name: string;
  sort: number;
}

export interface ProductCard {
  id: string;
  title: string;
  image: string | null;
  /** The price in force now (the limited-time price while it runs). */
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

/** A spec dimension of a product: its name (口味) and its values in the order the merchant gave them. */
export interface ProductSpec {
  name: string;
  values: string[];
}

/**
 * One buyable combination of spec values. Only SKUs on sale are listed; a product without specs lists none (it is
 * bought by `productId` alone).
 */
export interface ProductSku {
  skuId: string;
  /** One value per spec dimension, in the order of `specs`. */
  specValues: string[];
  /** `原味 / 500g`: what orders, refunds and CSV files call the SKU. */
  skuLabel: string;
  priceFen: number;
  /** 划线价; null when the merchant set none. */
  listPriceFen: number | null;
  stock: number;
  stockState: StockState;
  image: string | null;
}

export interface ProductDetail extends ProductCard {
  images: string[];
  description: string;
  stock: number;
  /** What the caller's own share earns on one unit; null unless the caller is a distributor. */
  earnFen: number | null;
  /** Empty for a product without specs. */
  specs: ProductSpec[];
  /** Empty for a product without specs. */
  skus: ProductSku[];
}

/** One of the caller's unused coupons. `amount_off` carries `amountFen`, `percent_off` carries `rateBp`. */
export interface Coupon {
  id: string;
  title: string;
  kind: CouponKind;
  amountFen?: number;
  rateBp?: number;
  minSpendFen?: number;
  validTo?: number;
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
  /** What the shopper pays for this line: the commission base and the refund base. */
  paidFen: number;
  /** The SKU bought, for a product with specs. */
  skuId?: string;
  specValues?: readonly string[];
  skuLabel?: string;
  /** The SKU's 划线价 per unit when it has one. */
  listPriceFen?: number;
}

export interface Quote {
  lines: readonly QuoteLine[];
  subtotalFen: number;
  discountFen: number;
  couponId: string | null;
  shippingFen: number;
  totalFen: number;
  /** The caller's coupons against this cart, best first (quote only); the mini program preselects `bestCouponId`. */
  couponChoices?: CouponChoice[];
  bestCouponId?: string | null;
  /** Limited-time prices that ended before this quote was priced: the lines were priced at the normal price. */
  endedCampaigns?: ReadonlyArray<{ readonly productId: string; readonly campaignId: string; readonly endedAt: number }>;
}

/** The shape `wx.chooseAddress` resolves with (the fields an order keeps). */
export interface Address {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  postalCode?: string;
}

/** The parameters the mini program spreads into `wx.requestPayment`. */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

export interface PlacedOrder {
  orderId: string;
  /** What shoppers and operators read and search: yyyyMMddHHmmss in China time and 6 more digits. */
  orderNo: string;
  totalFen: number;
  outTradeNo: string;
  /** null when the same request is sent again for an order that is no longer unpaid: there is nothing to pay. */
  payment: PaymentParams | null;
  /** A group-buy order: the group it opened or joined. */
  groupId?: string;
}
