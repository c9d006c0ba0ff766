/**
 * The refund-result callback WeChat Pay delivers (possibly many times, possibly at once). It answers `{errcode: 0}`
 * once the refund is recorded, and also for refunds we do not know (logged) so WeChat stops; anything else makes
 * WeChat deliver again.
 */
import { completeRefund, type RefundNotification } from '../_shared/workflows/refunds';

export async function main(event: RefundNotification): Promise<{ errcode: number; errmsg: string }> {
  try {
    const result = await completeRefund(event ?? {}, Date.now());
    if (result.outcome === 'unknown-refund' || result.outcome === 'not-successful') {
      console.warn(`refundCallback: ${result.outcome} ${result.outRefundNo}`, event);
    }
    return { errcode: 0, errmsg: 'OK' };
  } catch (error) {
    console.error(`refundCallback ${String(event?.outRefundNo)} failed; WeChat will deliver again`, error);
    return { errcode: 1, errmsg: 'retry' };
  }
}
