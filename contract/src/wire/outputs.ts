/**
 * What each mini-program-facing function answers inside `{ok: true, data}`, route by route. Functions without
 * routes have the one route `main`. The inputs are the zod schemas of `@shop/contract/schemas` (ROUTE_SCHEMAS);
 * `RouteHandlers<F>` there ties both to a handler table, so a handler that answers another shape fails `tsc`.
 */
import type {
  ApplicationResult,
  BindOutcome,
  CenterSummary,
  FrozenCommission,
  LedgerEntryView,
  Material,
  Poster,
  RankingRow,
  ShareCode,
  TeamPage,
  WithdrawalRequested,
  WithdrawalView,
} from './distributor';
import type { AfterSale, Order, OrderDetail, OrderList } from './orders';
import type { Category, Coupon, PlacedOrder, ProductCard, ProductDetail, ProductPage, Quote } from './shop';
import type { DistributorFunnel, TrackResult } from '../behaviour';

export interface RouteOutputs {
  shop: {
    categories: Category[];
    products: ProductPage;
    product: ProductDetail;
    coupons: Coupon[];
    quote: Quote;
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
