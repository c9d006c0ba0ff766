/** Approving and rejecting an after-sales request, with the confirmation money actions need. Used by two screens. */
import { api } from '../../api';
import type { AfterSaleDoc, OrderDoc } from '../../api-types';
import { yuan } from '../../format';
import { askText, confirmAction } from '../../ui/dialogs';
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
  const approved = await confirmAction({
    header: '同意退款',
    confirmText: '同意并退款',
    body: () => (
      <div>
        <p>退款商品：{refundScope(request, order)}</p>
        {line ? <p>该商品行实付 {yuan(line.paidFen)}，退款金额按退回件数从实付中计算，原路退回买家。</p> : null}
        <p class="muted">退款原因：{request.reason}</p>
        <p>同意后立即向微信支付发起退款，相关佣金同步冲回，此操作不可撤销。</p>
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
