/** Distributor enums and their Chinese wording. */
import type { DistributorStatus, WithdrawalStatus } from '../services/types';

export const DISTRIBUTOR_STATUS_TEXT: Record<DistributorStatus, string> = {
  none: '尚未申请',
  applied: '申请审核中',
  approved: '已通过',
  rejected: '申请未通过',
  disabled: '已停用',
};

export type Bucket = 'frozen' | 'available' | 'held' | 'withdrawn' | 'debt';

export const BUCKETS: Array<{ value: Bucket; label: string; hint: string }> = [
  { value: 'frozen', label: '待结算', hint: '确认收货并过售后期后结算' },
  { value: 'available', label: '可提现', hint: '已结算，可申请提现' },
  { value: 'held', label: '提现中', hint: '已申请提现，等待打款' },
  { value: 'withdrawn', label: '已提现', hint: '已打款到微信零钱' },
  { value: 'debt', label: '待抵扣', hint: '已提现佣金对应的订单退款，将从之后的佣金中抵扣' },
];

export const LEDGER_KIND_TEXT: Record<string, string> = {
  'commission.accrue': '订单佣金（冻结中）',
  'commission.settle': '佣金结算',
  'commission.reverse': '退款扣回佣金',
  'commission.clawback': '退款追回佣金',
  'debt.repay': '抵扣欠款',
  'withdrawal.hold': '申请提现',
  'withdrawal.release': '提现退回',
  'withdrawal.pay': '提现到账',
};

export const WITHDRAWAL_STATUS_TEXT: Record<WithdrawalStatus, string> = {
  requested: '审核中',
  approved: '已审核，打款中',
  rejected: '已拒绝',
  paid: '已到账',
  failed: '打款失败',
};

export const LEVEL_TEXT: Record<number, string> = { 1: '直接推广', 2: '间接推广' };
