/**
 * One error type for the whole domain. The `code` is the stable contract with operators, logs and the
 * mini program; the `message` is what a shopper or distributor reads, so it is Chinese and free of jargon.
 *
 * Expected outcomes (sold out, below the withdrawal minimum, a refused binding…) are *returned* as
 * `Result` values; only surprises (a corrupt document, a programming error) are thrown.
 */

export const DOMAIN_ERROR_CODES = [
  'INVALID_INPUT',
  'OUT_OF_STOCK',
  'PRODUCT_UNAVAILABLE',
  'ILLEGAL_TRANSITION',
  'NOT_A_DISTRIBUTOR',
  'BINDING_REFUSED',
  'BELOW_WITHDRAWAL_MINIMUM',
  'ABOVE_WITHDRAWAL_MAXIMUM',
  'DAILY_WITHDRAWAL_CAP_REACHED',
  'DAILY_SHARE_CAP_REACHED',
  'WITHDRAWAL_BLOCKED_BY_DEBT',
  'INSUFFICIENT_BALANCE',
  'COUPON_NOT_APPLICABLE',
  'REFUND_EXCEEDS_PURCHASE',
  'AFTER_SALES_WINDOW_CLOSED',
  'RULES_VERSION_MISMATCH',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'INTERNAL',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

const MESSAGES: Readonly<Record<DomainErrorCode, string>> = {
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  OUT_OF_STOCK: '商品库存不足',
  PRODUCT_UNAVAILABLE: '商品已下架或不存在',
  ILLEGAL_TRANSITION: '当前状态下无法进行该操作',
  NOT_A_DISTRIBUTOR: '对方还不是分销员',
  BINDING_REFUSED: '无法绑定该邀请人',
  BELOW_WITHDRAWAL_MINIMUM: '提现金额低于最低提现金额',
  ABOVE_WITHDRAWAL_MAXIMUM: '提现金额超过单次提现上限',
  DAILY_WITHDRAWAL_CAP_REACHED: '今日提现金额已达上限，请明天再试',
  DAILY_SHARE_CAP_REACHED: '今天生成的推广码和海报已达上限，请明天再试',
  WITHDRAWAL_BLOCKED_BY_DEBT: '您有待抵扣的退款佣金，抵扣完成前暂不能提现',
  INSUFFICIENT_BALANCE: '可提现余额不足',
  COUPON_NOT_APPLICABLE: '该优惠券不可用于本订单',
  REFUND_EXCEEDS_PURCHASE: '申请售后的数量超过可退数量',
  AFTER_SALES_WINDOW_CLOSED: '已超过售后期限',
  RULES_VERSION_MISMATCH: '分销规则版本不一致',
  NOT_FOUND: '未找到相关内容',
  FORBIDDEN: '没有权限进行该操作',
  UNAUTHENTICATED: '请先登录',
  CONFLICT: '数据已被修改，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '请求重复提交且内容不一致，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
};

export function messageFor(code: DomainErrorCode): string {
  return MESSAGES[code];
}

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === 'string' && (DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: DomainErrorCode, details?: ErrorDetails, message: string = messageFor(code)) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The shape cloud functions put in their envelope; operators read the code, shoppers the message. */
  toJSON(): { code: DomainErrorCode; message: string; details?: ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: DomainError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: DomainErrorCode, details?: ErrorDetails, message?: string): Err {
  return { ok: false, error: new DomainError(code, details, message) };
}

/** For callers that treat a refusal as a bug at that point (tests, seed scripts). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}
