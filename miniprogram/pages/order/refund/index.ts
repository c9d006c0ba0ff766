/** Refund request: the whole order or some lines and quantities, with a reason. The refund amount is the server's. */
import { MAX_REFUND_REASON_LENGTH } from '@shop/contract';
import { CloudError, toast } from '../../../services/cloud';
import { dispatchRefund, fetchOrderDetail } from '../../../services/order';
import type { ViewStatus } from '../../home/index';
import { REFUND_REASONS } from '../config';

interface RefundLine {
  line: number;
  title: string;
  paidFen: number;
  refundable: number;
  quantity: number;
  checked: boolean;
}

interface Data {
  status: ViewStatus;
  errorText: string;
  orderId: string;
  lines: RefundLine[];
  reasons: string[];
  reason: string;
  /** The server's limit (`requestRefund` refuses longer). */
  reasonMaxLength: number;
  submitting: boolean;
  canSubmit: boolean;
}

interface Custom {
  load(): Promise<void>;
  update(lines: RefundLine[], reason?: string): void;
  onRetry(): void;
  onCheck(e: WechatMiniprogram.CustomEvent<{ checked: boolean }, Record<string, never>, { line: number }>): void;
  onQuantity(e: WechatMiniprogram.CustomEvent<{ value: number }, Record<string, never>, { line: number }>): void;
  onWholeOrder(): void;
  onReasonTag(e: WechatMiniprogram.BaseEvent<Record<string, never>, { reason: string }>): void;
  onReasonInput(e: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onSubmit(): Promise<void>;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    orderId: '',
    lines: [],
    reasons: REFUND_REASONS,
    reason: '',
    reasonMaxLength: MAX_REFUND_REASON_LENGTH,
    submitting: false,
    canSubmit: false,
  },

  onLoad(query) {
    this.setData({ orderId: query.orderId ?? '' });
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading' });
    try {
      const order = await fetchOrderDetail(this.data.orderId);
      // Quantities already in an open or finished after-sale are not offered again.
      const pending = new Map<number, number>();
      for (const sale of order.afterSales) {
        if (sale.status === 'requested' || sale.status === 'approved')
          pending.set(sale.line, (pending.get(sale.line) ?? 0) + sale.quantity);
      }
      const lines = order.lines
        .map((line) => ({
          line: line.line,
          title: line.title,
          paidFen: line.paidFen,
          refundable: line.quantity - line.refundedQuantity - (pending.get(line.line) ?? 0),
          quantity: 0,
          checked: false,
        }))
        .filter((line) => line.refundable > 0)
        .map((line) => ({ ...line, quantity: line.refundable }));
      this.setData({ lines, status: lines.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  update(lines, chosen) {
    const reason = chosen ?? this.data.reason;
    this.setData({
      lines,
      reason,
      canSubmit: lines.some((line) => line.checked && line.quantity > 0) && reason.trim().length > 0,
    });
  },

  onRetry() {
    void this.load();
  },

  onCheck(e) {
    const target = Number(e.currentTarget.dataset.line);
    this.update(
      this.data.lines.map((line) => (line.line === target ? { ...line, checked: !!e.detail.checked } : line)),
    );
  },

  onQuantity(e) {
    const target = Number(e.currentTarget.dataset.line);
    this.update(
      this.data.lines.map((line) =>
        line.line === target
          ? { ...line, quantity: Math.min(line.refundable, Math.max(1, Number(e.detail.value))), checked: true }
          : line,
      ),
    );
  },

  onWholeOrder() {
    this.update(this.data.lines.map((line) => ({ ...line, checked: true, quantity: line.refundable })));
  },

  onReasonTag(e) {
    this.update(this.data.lines, e.currentTarget.dataset.reason);
  },

  onReasonInput(e) {
    this.update(this.data.lines, e.detail.value);
  },

  async onSubmit() {
    if (!this.data.canSubmit || this.data.submitting) return;
    this.setData({ submitting: true });
    try {
      await dispatchRefund({
        orderId: this.data.orderId,
        lines: this.data.lines
          .filter((line) => line.checked)
          .map((line) => ({ line: line.line, quantity: line.quantity })),
        reason: this.data.reason.trim(),
      });
      toast('退款申请已提交');
      wx.navigateBack({ delta: 1 });
    } catch {
      // toasted
    } finally {
      this.setData({ submitting: false });
    }
  },
});
