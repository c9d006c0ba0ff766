/**
 * What the cloud functions really answer, as types taken from the server's own code (until the shared contract
 * package exists): canned answers in page tests are typed by these, so a fixture cannot drift from the server the
 * way a copy of the shapes did (`pending` for `applied`, `amount` for `amount_off`, `content` for `body`).
 */
import type { materials, summary } from '../../../cloudfunctions/_shared/workflows/distributor-center';
import type { myCoupons, productDetail, products } from '../../../cloudfunctions/_shared/workflows/catalogue';
import type { myOrderDetail } from '../../../cloudfunctions/_shared/workflows/shopper-orders';

/** A value as it arrives over the wire (JSON): branded numbers (Fen, BasisPoints) are plain numbers there. */
export type Wire<T> = T extends number
  ? number
  : T extends string | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer Item>
      ? Array<Wire<Item>>
      : T extends object
        ? { -readonly [K in keyof T]: Wire<T[K]> }
        : T;

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

export type ServerCenterSummary = Answer<typeof summary>;
export type ServerCoupon = Answer<typeof myCoupons>[number];
export type ServerProductCard = Answer<typeof products>['items'][number];
export type ServerProductDetail = Answer<typeof productDetail>;
export type ServerOrderDetail = Answer<typeof myOrderDetail>;
export type ServerMaterial = Answer<typeof materials>[number];
