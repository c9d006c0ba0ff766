/** Limits both sides enforce: the server refuses beyond them (schemas), the pages stop before them. */

/** Units of one product in one cart line or order line. */
export const MAX_QUANTITY_PER_LINE = 999;
/** Lines in one cart, one order, one refund request. */
export const MAX_CART_LINES = 50;
/** The highest order line index a refund may name (0-based). */
export const MAX_LINE_INDEX = 99;

/** Text a shopper or an applicant types: the server refuses longer, the form stops there. */
export const MAX_REFUND_REASON_LENGTH = 200;
export const MAX_APPLICANT_NAME_LENGTH = 30;
export const MAX_APPLICATION_REASON_LENGTH = 500;
/** A nickname (`<input type="nickname">`): WeChat's own nicknames fit in 20 characters. */
export const MAX_NICKNAME_LENGTH = 20;
/** 买家留言 at checkout. */
export const MAX_BUYER_NOTE_LENGTH = 200;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
export const MAX_PAGE = 1000;

/** Document ids the functions accept. */
export const MAX_ID_LENGTH = 64;
/** A client-generated id that makes a request safe to retry (saved on the phone before the first try). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Distribution levels: at most 3. Three or more levels of team-based pay are treated as pyramid selling under
 * China's 禁止传销条例, and WeChat's review refuses them. The default is 2.
 */
export const MAX_LEVELS = 3;
export const LEVELS_LIMIT_REASON =
  '分销层级最多 3 级：按《禁止传销条例》及两高一部意见，三级及以上的团队计酬会被认定为传销风险，微信审核也会拒绝多级分销。默认 2 级。';
/** What the merchant is told when the rules reach `MAX_LEVELS` (the rules screen, and the answer to saving them). */
export const MAX_LEVELS_NOTE = `当前为 ${MAX_LEVELS} 级分销，已达上限。请确保佣金只来自真实购买、不以发展下线或分享次数计酬，避免被认定为传销或被微信审核拒绝。`;
/** The levels' commission rates together stay within the price: at most 100% (10000 bp). */
export const LEVEL_RATES_SUM_MESSAGE = '各级佣金比例之和不能超过 100%';

/** A mini program code's `scene` holds at most 32 characters; share codes and invite codes fit in it. */
export const MAX_CODE_LENGTH = 32;

/** Every share code the server issues: 8–16 characters of an alphabet without look-alikes (0/O, 1/I/L). */
export const SHARE_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8,16}$/;
/** A campaign tag on a share code: short and plain, so it cannot mint unlimited codes with arbitrary text. */
export const CAMPAIGN_PATTERN = /^[A-Za-z0-9_-]{1,20}$/;

/** A distributor applicant's mobile number: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1\d{10}$/;

/** Spec dimensions (规格, 口味, 重量…) of one product: at most three, as WeChat shops show them. */
export const MAX_SPEC_DIMENSIONS = 3;
/** Values of one spec dimension, and characters of a spec name or value. */
export const MAX_SPEC_VALUES = 20;
export const MAX_SPEC_TEXT_LENGTH = 20;
/** SKUs of one product (every combination of its spec values). */
export const MAX_SKUS = 200;
/** Photos a shopper may attach to one after-sale request. */
export const MAX_AFTER_SALE_PHOTOS = 6;
/** A carrier name as typed (顺丰速运, 中通快递…). */
export const MAX_CARRIER_LENGTH = 40;
/** Tracking numbers: letters, digits and dashes, as every Chinese carrier prints them. */
export const TRACKING_NO_PATTERN = /^[A-Za-z0-9-]{4,40}$/;
