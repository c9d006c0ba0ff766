/**
 * Shoppers' behaviour as the mini program reports it (`shop` `{ "$url": "track", events }`): what kinds of event
 * there are, the counter each one moves, and the limits that keep reporting cheap. Nothing personal travels: the
 * caller is the platform's OPENID, an event names only a product and the inviting distributor's code.
 */

export const BEHAVIOUR_EVENT_TYPES = [
  'product_view',
  'share',
  'share_card_open',
  'poster_open',
  'add_to_cart',
] as const;
export type BehaviourEventType = (typeof BEHAVIOUR_EVENT_TYPES)[number];

/** The counter field an event type moves on the product's and the distributor's daily figures. */
export const BEHAVIOUR_COUNTER: Readonly<Record<BehaviourEventType, string>> = {
  product_view: 'views',
  share: 'shares',
  share_card_open: 'cardOpens',
  poster_open: 'posterOpens',
  add_to_cart: 'cartAdds',
};

export const BEHAVIOUR_EVENT_LABEL: Readonly<Record<BehaviourEventType, string>> = {
  product_view: '浏览商品',
  share: '分享',
  share_card_open: '打开分享卡片',
  poster_open: '扫码打开海报',
  add_to_cart: '加入购物车',
};

/** Events in one report at most (the helper flushes before this many). */
export const MAX_TRACK_EVENTS = 20;
/** Distinct events one shopper can count in one minute; the same event twice in a minute counts once. */
export const MAX_TRACKED_PER_MINUTE = 40;

export interface TrackResult {
  /** Events that moved a counter. */
  accepted: number;
  /** Repeats within the minute, events over the minute's limit, unknown products or distributors. */
  ignored: number;
}

/** A funnel: opened (share card or poster) → viewed → ordered → paid → kept (not refunded in full). */
export interface FunnelSteps {
  opened: number;
  viewed: number;
  ordered: number;
  paid: number;
  kept: number;
}

/** `distributorCenter` `funnel`: the caller's own funnel over the last 7 or 30 China days. */
export interface DistributorFunnel extends FunnelSteps {
  days: number;
  /** `YYYY-MM-DD`, first and last day counted. */
  from: string;
  to: string;
}
