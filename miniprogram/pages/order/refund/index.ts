/**
 * After-sale request: 仅退款 or (once shipped) 退货退款, the whole order or some lines and quantities, a reason and
 * up to six photos (uploaded into the caller's own storage folder). The refundable amount is the server's, shown
 * once the request is made.
 */
import {
  AFTER_SALE_TYPE_LABEL,
  formatFen,
  MAX_AFTER_SALE_PHOTOS,
  MAX_REFUND_REASON_LENGTH,
  type AfterSaleType,
} from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';
import { CloudError, toast } from '../../../services/cloud';
import { dispatchRefund, fetchOrderDetail, uploadAfterSalePhoto } from '../../../services/order';
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
  /** Offered only when the goods have left the shop. */
  types: { value: AfterSaleType; label: string }[];
  type: AfterSaleType;
  photos: string[];
  maxPhotos: number;
  uploading: boolean;
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
  onType(e: WechatMiniprogram.BaseEvent<Record<string, never>, { type: AfterSaleType }>): void;
  onAddPhoto(): Promise<void>;
  onRemovePhoto(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>): void;
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
    types: [{ value: 'refund', label: AFTER_SALE_TYPE_LABEL.refund }],
    type: 'refund',
    photos: [],
    maxPhotos: MAX_AFTER_SALE_PHOTOS,
    uploading: false,
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
        if (['requested', 'approved', 'awaiting_return', 'return_shipped'].includes(sale.status))
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
      const shipped = order.status === 'shipped' || order.status === 'received';
      const types = (shipped ? (['refund', 'return'] as const) : (['refund'] as const)).map((value) => ({
        value,
        label: AFTER_SALE_TYPE_LABEL[value],
      }));
      this.setData({ lines, types, status: lines.length ? 'ready' : 'empty' });
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
      const request: RouteInput<'orders', 'requestRefund'> = {
        orderId: this.data.orderId,
        lines: this.data.lines
          .filter((line) => line.checked)
          .map((line) => ({ line: line.line, quantity: line.quantity })),
        reason: this.data.reason.trim(),
      };
      // Defaults stay unsaid: a refund without photos is the request it always was.
      if (this.data.type !== 'refund') request.type = this.data.type;
      if (this.data.photos.length) request.photos = this.data.photos;
      const opened = await dispatchRefund(request);
      const refundable = opened.reduce((sum, sale) => sum + (sale.refundableFen ?? 0), 0);
      toast(refundable > 0 ? `退款申请已提交，预计可退 ${formatFen(refundable)}` : '退款申请已提交');
      wx.navigateBack({ delta: 1 });
    } catch {
      // toasted
    } finally {
      this.setData({ submitting: false });
    }
  },

  onType(e) {
    this.setData({ type: e.currentTarget.dataset.type });
  },

  async onAddPhoto() {
    const room = this.data.maxPhotos - this.data.photos.length;
    if (room <= 0 || this.data.uploading) return;
    try {
      const { tempFiles } = await wx.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'] });
      this.setData({ uploading: true });
      const uploaded: string[] = [];
      for (const file of tempFiles.slice(0, room)) uploaded.push(await uploadAfterSalePhoto(file.tempFilePath));
      this.setData({ photos: [...this.data.photos, ...uploaded].slice(0, this.data.maxPhotos) });
    } catch (error) {
      const message = (error as { errMsg?: string }).errMsg ?? '';
      if (!message.includes('cancel')) toast('图片上传失败，请重试');
    } finally {
      this.setData({ uploading: false });
    }
  },

  onRemovePhoto(e) {
    const index = Number(e.currentTarget.dataset.index);
    this.setData({ photos: this.data.photos.filter((_, i) => i !== index) });
  },
});
