/**
 * The Chinese words for every enumerated value, for each audience. The merchant and the shopper read the same
 * state differently (an order the merchant has `已发货` is `待收货` to the shopper), so each audience has its own
 * table, and every table is typed by the list it covers: a new state without a label fails `tsc`.
 * `theme` is the TDesign tag theme (the same names in tdesign-vue-next and tdesign-miniprogram).
 */
import type {
  AdminRole,
  AfterSaleState,
  AfterSaleTimelineEvent,
  AfterSaleType,
  BindingMode,
  BindingSource,
  Bucket,
  CenterStatus,
  CommissionState,
  DistributorState,
  LedgerEntryKind,
  MaterialKind,
  OrderState,
  RecruitmentMode,
  ShippingUploadState,
  StockState,
  TeamLevel,
  TimelineEvent,
  WithdrawalState,
} from './states';

export type TagTheme = 'default' | 'primary' | 'warning' | 'danger' | 'success';
export interface Label {
  text: string;
  theme: TagTheme;
}

// ── The merchant's words (admin page, CSV exports) ────────────────────────────────────────────────────────────

export const ORDER_STATUS: Readonly<Record<OrderState, Label>> = {
  unpaid: { text: '待支付', theme: 'default' },
  paid: { text: '待发货', theme: 'warning' },
  shipped: { text: '已发货', theme: 'primary' },
  received: { text: '已收货', theme: 'primary' },
  completed: { text: '已完成', theme: 'success' },
  cancelled: { text: '已取消', theme: 'default' },
  closed: { text: '已关闭', theme: 'default' },
};

export const AFTER_SALE_STATUS: Readonly<Record<AfterSaleState, Label>> = {
  requested: { text: '待处理', theme: 'warning' },
  approved: { text: '已同意，退款中', theme: 'primary' },
  rejected: { text: '已拒绝', theme: 'default' },
  refunded: { text: '已退款', theme: 'success' },
  awaiting_return: { text: '待买家退货', theme: 'primary' },
  return_shipped: { text: '买家已退货，待收货', theme: 'warning' },
  closed: { text: '已关闭', theme: 'default' },
};

export const AFTER_SALE_TYPE_LABEL: Readonly<Record<AfterSaleType, string>> = {
  refund: '仅退款',
  return: '退货退款',
};

export const AFTER_SALE_TIMELINE_TEXT: Readonly<Record<AfterSaleTimelineEvent, string>> = {
  requested: '提交售后申请',
  approved: '商家同意',
  rejected: '商家拒绝',
  returnShipped: '买家寄回商品',
  goodsReceived: '商家确认收货',
  refundFailed: '退款失败，等待商家重试',
  refunded: '退款到账',
  closed: '售后关闭',
};

export const SHIPPING_UPLOAD_STATUS: Readonly<Record<ShippingUploadState, Label>> = {
  pending: { text: '待上传微信', theme: 'warning' },
  uploaded: { text: '已上传微信', theme: 'success' },
};

export const WITHDRAWAL_STATUS: Readonly<Record<WithdrawalState, Label>> = {
  requested: { text: '待审核', theme: 'warning' },
  approved: { text: '待打款', theme: 'primary' },
  rejected: { text: '已拒绝', theme: 'default' },
  paid: { text: '已打款', theme: 'success' },
  failed: { text: '打款失败', theme: 'danger' },
};

export const DISTRIBUTOR_STATUS: Readonly<Record<DistributorState, Label>> = {
  applied: { text: '待审核', theme: 'warning' },
  approved: { text: '正常', theme: 'success' },
  rejected: { text: '已拒绝', theme: 'default' },
  disabled: { text: '已禁用', theme: 'danger' },
};

export const COMMISSION_STATUS: Readonly<Record<CommissionState, Label>> = {
  frozen: { text: '冻结中', theme: 'warning' },
  settled: { text: '已结算', theme: 'success' },
  reversed: { text: '已冲回', theme: 'default' },
  clawed_back: { text: '已追回', theme: 'danger' },
};

export const ROLE_LABEL: Readonly<Record<AdminRole, string>> = {
  owner: '店主',
  operator: '运营',
  finance: '财务',
};

export const BINDING_SOURCE_LABEL: Readonly<Record<BindingSource, string>> = {
  link: '分享链接',
  poster: '海报',
  code: '邀请码',
};

export const MATERIAL_KIND_LABEL: Readonly<Record<MaterialKind, string>> = {
  guide: '学习资料',
  copy: '推广文案',
};

export const RECRUITMENT_MODE_LABEL: Readonly<Record<RecruitmentMode, string>> = {
  open: '全员分销',
  approval: '申请审核',
};

export const BINDING_MODE_LABEL: Readonly<Record<BindingMode, string>> = {
  'first-touch': '首次邀请绑定',
  'last-touch': '最近邀请绑定',
};

// ── The shopper's and the distributor's words (mini program) ───────────────────────────────────────────────────

export const ORDER_STATUS_FOR_SHOPPER: Readonly<Record<OrderState, string>> = {
  unpaid: '待付款',
  paid: '待发货',
  shipped: '待收货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
};

/** A product's stock as the shopper reads it (a catalogue card leaves `in_stock` unsaid). */
export const STOCK_STATE_FOR_SHOPPER: Readonly<Record<StockState, string>> = {
  in_stock: '有货',
  low: '库存紧张',
  sold_out: '已售罄',
};

export const AFTER_SALE_STATUS_FOR_SHOPPER: Readonly<Record<AfterSaleState, string>> = {
  requested: '退款申请已提交，等待商家审核',
  approved: '商家已同意，退款处理中',
  rejected: '商家已拒绝',
  refunded: '退款已到账',
  awaiting_return: '商家已同意，请寄回商品并填写运单号',
  return_shipped: '商品已寄回，等待商家收货',
  closed: '售后已关闭',
};

export const TIMELINE_TEXT: Readonly<Record<TimelineEvent, string>> = {
  created: '下单',
  paid: '支付成功',
  shipped: '商家已发货',
  received: '确认收货',
  afterSalesWindowCloses: '售后期结束',
  completed: '订单完成',
  cancelled: '订单已取消',
  closed: '订单已关闭（已全额退款）',
};

/** What the distributor center says about its caller; `applied` is an application waiting for review. */
export const CENTER_STATUS_TEXT: Readonly<Record<CenterStatus, string>> = {
  none: '尚未申请',
  applied: '申请审核中',
  approved: '已通过',
  rejected: '申请未通过',
  disabled: '已停用',
};

export const WITHDRAWAL_STATUS_FOR_DISTRIBUTOR: Readonly<Record<WithdrawalState, string>> = {
  requested: '审核中',
  approved: '已审核，打款中',
  rejected: '已拒绝',
  paid: '已到账',
  failed: '打款失败',
};

export const BUCKET_LABEL: Readonly<Record<Bucket, { label: string; hint: string }>> = {
  frozen: { label: '待结算', hint: '确认收货并过售后期后结算' },
  available: { label: '可提现', hint: '已结算，可申请提现' },
  held: { label: '提现中', hint: '已申请提现，等待打款' },
  withdrawn: { label: '已提现', hint: '已打款到微信零钱' },
  debt: { label: '待抵扣', hint: '已提现佣金对应的订单退款，将从之后的佣金中抵扣' },
};

export const LEDGER_KIND_TEXT: Readonly<Record<LedgerEntryKind, string>> = {
  'commission.accrue': '订单佣金（冻结中）',
  'commission.settle': '佣金结算',
  'commission.reverse': '退款扣回佣金',
  'commission.clawback': '退款追回佣金',
  'debt.repay': '抵扣欠款',
  'withdrawal.hold': '申请提现',
  'withdrawal.release': '提现退回',
  'withdrawal.pay': '提现到账',
  'withdrawal.tax': '代扣个税',
};

export const TEAM_LEVEL_TEXT: Readonly<Record<TeamLevel, string>> = { 1: '直接推广', 2: '间接推广' };

/** `[{label, value}]` for a select or a tab bar, in the table's order. */
export function optionsOf<K extends string>(
  labels: Readonly<Record<K, Label | string>>,
): { label: string; value: K }[] {
  return (Object.entries(labels) as [K, Label | string][]).map(([value, label]) => ({
    value,
    label: typeof label === 'string' ? label : label.text,
  }));
}

/** A group buy's state as a shopper reads it. */
export const GROUP_STATUS_FOR_SHOPPER: Readonly<Record<'open' | 'succeeded' | 'failed', string>> = {
  open: '拼团中',
  succeeded: '拼团成功',
  failed: '拼团未成功，已原路退款',
};
