/**
 * What each mini-program-facing function answers inside `{ok: true, data}`, route by route. Functions without
 * routes have the one route `main`. The inputs are the zod schemas of `@shop/contract/schemas` (ROUTE_SCHEMAS);
 * `RouteHandlers<F>` there ties both to a handler table, so a handler that answers another shape fails `tsc`.
 */
import type {
  ApplicationResult,
  BindOutcome,
  CenterSummary,
  PromotedOrder,
  PosterBackgroundView,
  FrozenCommission,
  LedgerEntryView,
  Material,
  PayeeView,
  Poster,
  RankingRow,
  ShareCode,
  TeamPage,
  TransferPackage,
  WithdrawalQuote,
  WithdrawalRequested,
  WithdrawalView,
} from './distributor';
import type { AfterSale, Order, OrderDetail, OrderList, PhotoFolder } from './orders';
import type { Category, Coupon, PlacedOrder, ProductCard, ProductDetail, ProductPage, Quote } from './shop';
import type { MyProfile, StoreFace } from './people';
import type { CampaignCard, ClaimableCoupon, CouponClaimed, GroupView } from './marketing';
import type { DistributorFunnel, TrackResult } from '../behaviour';

export interface RouteOutputs {
  shop: {
    categories: Category[];
    products: ProductPage;
    product: ProductDetail;
    coupons: Coupon[];
    quote: Quote;
    store: StoreFace;
    profile: MyProfile;
    updateProfile: MyProfile;
    bindPhone: MyProfile;
    claimCoupon: CouponClaimed;
    claimableCoupons: ClaimableCoupon[];
    campaigns: CampaignCard[];
    group: GroupView;
    alsoBought: ProductCard[];
    track: TrackResult;
  };
  placeOrder: { main: PlacedOrder };
  orders: {
    list: OrderList;
    detail: OrderDetail;
    cancel: Order;
    confirmReceipt: Order;
    requestRefund: AfterSale[];
    refunds: AfterSale[];
    returnShipped: AfterSale;
    photoFolder: PhotoFolder;
  };
  distributorCenter: {
    summary: CenterSummary;
    apply: ApplicationResult;
    entries: LedgerEntryView[];
    frozen: FrozenCommission[];
    team: TeamPage;
    ranking: RankingRow[];
    materials: Material[];
    withdrawals: WithdrawalView[];
    shareCode: ShareCode;
    poster: Poster;
    orders: PromotedOrder[];
    withdrawalQuote: WithdrawalQuote;
    payee: PayeeView | null;
    savePayee: PayeeView;
    transferPackage: TransferPackage;
    posterBackgrounds: PosterBackgroundView[];
    funnel: DistributorFunnel;
  };
  requestWithdrawal: { main: WithdrawalRequested };
  bindInviter: { main: BindOutcome };
}

export type FunctionName = keyof RouteOutputs;
export type RouteName<F extends FunctionName> = keyof RouteOutputs[F] & string;
export type RouteOutput<F extends FunctionName, R extends RouteName<F>> = RouteOutputs[F][R];

/** Functions whose routes are chosen by `event.$url` (tcb-router); the others take their input as the event. */
export const ROUTED_FUNCTIONS = ['shop', 'orders', 'distributorCenter'] as const satisfies readonly FunctionName[];
