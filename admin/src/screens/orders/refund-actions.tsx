/** Approving and rejecting an after-sales request, with the confirmation money actions need. Used by two screens. */
import { api } from '../../api';
import type { AfterSaleDoc, OrderDoc } from '../../api-types';
import { yuan } from '../../format';
import { askText, confirmAction, InvalidInput } from '../../ui/dialogs';
import { parseYuan } from '../../../../contract/src/money';
import { AFTER_SALE_TYPE_LABEL } from '../../../../contract/src/labels';
import { showSuccess } from '../../ui/notify';

export function refundScope(request: AfterSaleDoc, order: OrderDoc | undefined): string {
  const line = order?.lines[request.line];
  if (!order || !line) return `第 ${request.line + 1} 行 × ${request.quantity}`;
  const whole = order.lines.length === 1 && request.quantity === line.quantity;
  return `${line.title} × ${request.quantity}（共 ${line.quantity} 件，${whole ? '整单' : '部分'}退款）`;
}

export async function approveRefundFlow(
  request: AfterSaleDoc,
  order: OrderDoc | undefined,
): Promise<AfterSaleDoc | undefined> {
  const line = order?.lines[request.line];
  const isReturn = request.type === 'return';
  const approved = await confirmAction({
    header: isReturn ? '同意退货退款' : '同意退款',
    confirmText: isReturn ? '同意退货' : '同意并退款',
    body: () => (
      <div>
        <p>退款商品：{refundScope(request, order)}</p>
        {line ? <p>该商品行实付 {yuan(line.paidFen)}，退款金额按退回件数从实付中计算，原路退回买家。</p> : null}
        {request.refundableFen !== undefined ? <p>可退金额：{yuan(request.refundableFen)}</p> : null}
        <p class="muted">
          {AFTER_SALE_TYPE_LABEL[request.type ?? 'refund']} · 原因：{request.reason}
        </p>
        {isReturn ? (
          <p>同意后买家按售后设置中的退货地址寄回商品，确认收到后再退款。</p>
        ) : (
          <p>同意后立即向微信支付发起退款，相关佣金同步冲回，此操作不可撤销。</p>
        )}
      </div>
    ),
    action: () => api.approveRefund(request._id),
  });
  if (approved) showSuccess(`已同意退款${approved.refundFen !== null ? ` ${yuan(approved.refundFen)}` : ''}`);
  return approved;
}

export async function rejectRefundFlow(
  request: AfterSaleDoc,
  order: OrderDoc | undefined,
): Promise<AfterSaleDoc | undefined> {
  const rejected = await askText({
    header: '拒绝退款',
    label: '拒绝原因',
    placeholder: '买家会看到这个原因，例如：商品已拆封影响二次销售',
    confirmText: '拒绝',
    danger: true,
    multiline: true,
    note: () => <p>退款商品：{refundScope(request, order)}</p>,
    action: (reason) => api.rejectRefund(request._id, reason),
  });
  if (rejected) showSuccess('已拒绝退款申请');
  return rejected;
}

/** An operator's smaller refund: the amount (at most what the line's units come to) and the reason the shopper reads. */
export async function partialRefundFlow(request: AfterSaleDoc): Promise<AfterSaleDoc | undefined> {
  let amountFen = 0;
  const max = request.refundableFen;
  const amount = await askText({
    header: '部分退款',
    label: `退款金额（元）${max !== undefined ? `，最多 ${yuan(max)}` : ''}`,
    placeholder: '例如 20.00',
    confirmText: '下一步',
    action: async (text) => {
      const parsed = parseYuan(text);
      if (parsed === null || parsed < 1 || (max !== undefined && parsed > max))
        throw new InvalidInput('请填写不超过可退金额的元数，最多两位小数');
      amountFen = parsed;
      return parsed;
    },
  });
  if (amount === undefined) return undefined;
  const approved = await askText({
    header: `部分退款 ${yuan(amountFen)}`,
    label: '少退原因（买家可见）',
    placeholder: '例如：商品包装破损，协商退一半',
    confirmText: '同意并退款',
    multiline: true,
    action: (reason) => api.approveRefund(request._id, { refundFen: amountFen, partialReason: reason }),
  });
  if (approved) showSuccess(`已同意退款 ${yuan(amountFen)}`);
  return approved;
}

/** The returned goods arrived: the refund is asked of WeChat Pay. */
export async function receiveReturnFlow(request: AfterSaleDoc): Promise<AfterSaleDoc | undefined> {
  const done = await confirmAction({
    header: '确认收到退货',
    confirmText: '已收到，退款',
    body: () => (
      <div>
        {request.returnShipping ? (
          <p>
            买家寄回：{request.returnShipping.carrier} {request.returnShipping.trackingNo}
          </p>
        ) : (
          <p class="muted">买家尚未填写退货运单号。</p>
        )}
        <p>确认后立即按 {yuan(request.refundFen)} 向微信支付发起退款。</p>
      </div>
    ),
    action: () => api.receiveReturn(request._id),
  });
  if (done) showSuccess('已确认收货并发起退款');
  return done;
}

/** WeChat Pay refused the refund (shown on the request); asking again uses the same refund number. */
export async function retryRefundFlow(request: AfterSaleDoc): Promise<AfterSaleDoc | undefined> {
  const done = await confirmAction({
    header: '重试退款',
    confirmText: '重试',
    body: () => (
      <div>
        <p>微信支付上次拒绝了退款：{request.refundError?.message ?? '未知原因'}</p>
        <p>请处理原因（例如商户号余额不足）后重试，退款单号不变，不会重复退款。</p>
      </div>
    ),
    action: () => api.approveRefund(request._id),
  });
  if (done) showSuccess(done.refundError ? '微信支付仍然拒绝了退款' : '已重新发起退款');
  return done;
}
