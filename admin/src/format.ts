/** Times, labels and tag colours the screens share. Times are shown in China time, as merchants read them. */
import type { AdminRole, AfterSaleState, BindingSource, CommissionState, DistributorState, OrderState, WithdrawalState } from './api-types';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:mm` in China time; "—" for a time that has not happened. */
export function dateTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return '—';
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function date(at: number | null | undefined): string {
  return at === null || at === undefined ? '—' : dateTime(at).slice(0, 10);
}

export type TagTheme = 'default' | 'primary' | 'warning' | 'danger' | 'success';
export interface Label {
  text: string;
  theme: TagTheme;
}

export const ORDER_STATUS: Record<OrderState, Label> = {
  unpaid: { text: '待支付', theme: 'default' },
  paid: { text: '待发货', theme: 'warning' },
  shipped: { text: '已发货', theme: 'primary' },
  received: { text: '已收货', theme: 'primary' },
  completed: { text: '已完成', theme: 'success' },
  cancelled: { text: '已取消', theme: 'default' },
};

export const AFTER_SALE_STATUS: Record<AfterSaleState, Label> = {
  requested: { text: '待处理', theme: 'warning' },
  approved: { text: '已同意，退款中', theme: 'primary' },
  rejected: { text: '已拒绝', theme: 'default' },
  refunded: { text: '已退款', theme: 'success' },
};

export const WITHDRAWAL_STATUS: Record<WithdrawalState, Label> = {
  requested: { text: '待审核', theme: 'warning' },
  approved: { text: '待打款', theme: 'primary' },
  rejected: { text: '已拒绝', theme: 'default' },
  paid: { text: '已打款', theme: 'success' },
  failed: { text: '打款失败', theme: 'danger' },
};

export const DISTRIBUTOR_STATUS: Record<DistributorState, Label> = {
  applied: { text: '待审核', theme: 'warning' },
  approved: { text: '正常', theme: 'success' },
  rejected: { text: '已拒绝', theme: 'default' },
  disabled: { text: '已禁用', theme: 'danger' },
};

export const ROLE_LABEL: Record<AdminRole, string> = {
  owner: '店主',
  operator: '运营',
  finance: '财务',
};

export const BINDING_SOURCE_LABEL: Record<BindingSource, string> = {
  link: '分享链接',
  poster: '海报',
  code: '邀请码',
};

export function optionsOf<K extends string>(labels: Record<K, Label>): { label: string; value: K }[] {
  return (Object.entries(labels) as [K, Label][]).map(([value, label]) => ({ value, label: label.text }));
}

/** Long openids and ids shortened for tables; the full value is in the title attribute. */
export function shortId(id: string | null | undefined, keep = 10): string {
  if (!id) return '—';
  return id.length <= keep + 1 ? id : `${id.slice(0, keep)}…`;
}

export const COMMISSION_STATUS: Record<CommissionState, Label> = {
  frozen: { text: '冻结中', theme: 'warning' },
  settled: { text: '已结算', theme: 'success' },
  reversed: { text: '已冲回', theme: 'default' },
  clawed_back: { text: '已追回', theme: 'danger' },
};

/** `YYYY-MM-DD` for a DateRangePicker value (already that format) or nothing. */
export function dayOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
