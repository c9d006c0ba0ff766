/** The reconciliation queue's labels: what kind of disagreement, and whether an operator has dealt with it. */
import type { PaymentMismatchDoc } from '../../api-types';
import type { Label } from '../../../../contract/src/labels';

export const MISMATCH_KIND: Record<PaymentMismatchDoc['kind'], string> = {
  'payment-missing-here': '微信有而本店无（支付）',
  'payment-missing-at-wechat': '本店有而微信无（支付）',
  'payment-amount-differs': '金额不一致（支付）',
  'refund-missing-here': '微信有而本店无（退款）',
  'refund-missing-at-wechat': '本店有而微信无（退款）',
  'refund-amount-differs': '金额不一致（退款）',
};

export const MISMATCH_STATUS: Record<PaymentMismatchDoc['status'], Label> = {
  open: { text: '待处理', theme: 'warning' },
  resolved: { text: '已处理', theme: 'success' },
};

/** "20261202" → "2026-12-02" */
export function billDay(billDate: string): string {
  return /^\d{8}$/.test(billDate) ? `${billDate.slice(0, 4)}-${billDate.slice(4, 6)}-${billDate.slice(6)}` : billDate;
}
