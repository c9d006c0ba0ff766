/**
 * The refund-result callback WeChat Pay delivers (possibly many times, possibly at once). It answers `{errcode: 0}`
 * once the refund is recorded, and also for refunds we do not know (logged) so WeChat stops; anything else makes
 * WeChat deliver again.
 *
 * The event is never trusted: a call carrying a user's OPENID is refused, and a refund is completed only as
 * `cloudPay.queryRefund` confirms it (see completeRefund).
 */
import { completeRefund, type RefundNotification } from '../_shared/workflows/refunds';
import { invokedByUser } from '../_shared/platform/platform-only';

export async function main(event: RefundNotification): Promise<{ errcode: number; errmsg: string }> {
  if (invokedByUser()) {
    console.error('refundCallback: refused an invocation by a mini program user', event);
    return { errcode: 403, errmsg: 'refused: refund notices come from WeChat Pay only' };
  }
  try {
    const result = await completeRefund(event ?? {}, Date.now());
    if (result.outcome === 'unknown-refund' || result.outcome === 'not-successful') {
      console.warn(`refundCallback: ${result.outcome} ${result.outRefundNo}`, event);
    }
    // Unconfirmed: a forged notice is never delivered again; a real one WeChat would confirm on its next delivery.
    if (result.outcome === 'unconfirmed') return { errcode: 1, errmsg: 'unconfirmed' };
    return { errcode: 0, errmsg: 'OK' };
  } catch (error) {
    console.error(`refundCallback ${String(event?.outRefundNo)} failed; WeChat will deliver again`, error);
    return { errcode: 1, errmsg: 'retry' };
  }
}
