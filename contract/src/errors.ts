/**
 * Error codes are the stable contract with operators, logs and the mini program; each has the Chinese message a
 * shopper or distributor reads. The server's codes come from the core's decisions; `NETWORK` is the client's own
 * (the call never reached a function), kept here so the mini program has one table.
 */

export const SERVER_ERROR_CODES = [
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
  'AFTER_SALE_OPEN',
  'PHOTO_NOT_YOURS',
  'RULES_VERSION_MISMATCH',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'INTERNAL',
  'DISTRIBUTOR_FROZEN',
  'SECOND_OPERATOR_REQUIRED',
  'REAL_NAME_REQUIRED',
  'SKU_UNAVAILABLE',
  'PHONE_CODE_INVALID',
  'COUPON_SOLD_OUT',
  'COUPON_LIMIT_REACHED',
  'CAMPAIGN_NOT_ACTIVE',
  'CAMPAIGN_LIMIT_REACHED',
  'GROUP_NOT_JOINABLE',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export const CLIENT_ERROR_CODES = ['NETWORK'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ErrorCode = ServerErrorCode | ClientErrorCode;

export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
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
  AFTER_SALE_OPEN: '该订单有未处理的售后申请，请先处理售后再发货',
  PHOTO_NOT_YOURS: '图片无效，请重新上传',
  RULES_VERSION_MISMATCH: '分销规则版本不一致',
  NOT_FOUND: '未找到相关内容',
  FORBIDDEN: '没有权限进行该操作',
  UNAUTHENTICATED: '请先登录',
  CONFLICT: '数据已被修改，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '请求重复提交且内容不一致，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  PHONE_CODE_INVALID: '手机号授权已失效，请重新点击获取手机号',
  NETWORK: '网络不给力，请稍后重试',
  DISTRIBUTOR_FROZEN: '分销账户已被冻结，冻结期间佣金暂不结算、不能提现',
  SECOND_OPERATOR_REQUIRED: '该笔提现金额较大，需由审核人以外的另一位财务或店主打款',
  REAL_NAME_REQUIRED: '提现金额达到 2000 元，请先填写真实姓名',
  SKU_UNAVAILABLE: '所选规格已下架或不存在，请重新选择',
  COUPON_SOLD_OUT: '优惠券已被领完',
  COUPON_LIMIT_REACHED: '已达到该优惠券的领取上限',
  CAMPAIGN_NOT_ACTIVE: '活动未开始或已结束',
  CAMPAIGN_LIMIT_REACHED: '已达到活动限购数量或活动库存已售完',
  GROUP_NOT_JOINABLE: '该团已结束或已满员，请开一个新团',
};

export function messageFor(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}

export function isServerErrorCode(value: unknown): value is ServerErrorCode {
  return typeof value === 'string' && (SERVER_ERROR_CODES as readonly string[]).includes(value);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return (
    isServerErrorCode(value) || (typeof value === 'string' && (CLIENT_ERROR_CODES as readonly string[]).includes(value))
  );
}

/** What a failed call answers inside the envelope. */
export interface WireError {
  code: ServerErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** What every function called from the mini program or the admin page returns. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError };
