/**
 * The payment-result callback WeChat Pay delivers (possibly many times, in any order). It must answer
 * `{errcode: 0}` once the payment is safely recorded; anything else makes WeChat deliver again.
 *
 * The event is never trusted: a call carrying a user's OPENID is refused, and a notice is recorded only as
 * `cloudPay.queryOrder` confirms it (see recordNotifiedPayment).
 */
import { z } from 'zod';
import { recordNotifiedPayment } from '../_shared/workflows/orders';
import { invokedByUser } from '../_shared/platform/platform-only';

const noticeSchema = z.object({
  returnCode: z.string(),
  resultCode: z.string(),
  outTradeNo: z.string(),
  transactionId: z.string().optional(),
  totalFee: z.number().int().nonnegative(),
});

export async function main(event: unknown): Promise<{ errcode: number; errmsg: string }> {
  if (invokedByUser()) {
    console.error('payCallback: refused an invocation by a mini program user', event);
    return { errcode: 403, errmsg: 'refused: payment notices come from WeChat Pay only' };
  }
  const notice = noticeSchema.safeParse(event);
  if (!notice.success) {
    console.error('payCallback: malformed notice', event);
    return { errcode: 0, errmsg: 'ignored: malformed notice' };
  }
  const { returnCode, resultCode, outTradeNo, transactionId, totalFee } = notice.data;
  if (returnCode !== 'SUCCESS' || resultCode !== 'SUCCESS' || !transactionId)
    return { errcode: 0, errmsg: 'ignored: not a success' };
  try {
    const outcome = await recordNotifiedPayment({ outTradeNo, transactionId, totalFee }, Date.now());
    // Unconfirmed: a forged notice is never delivered again; a real one WeChat would confirm on its next delivery.
    return { errcode: outcome === 'unconfirmed' ? 1 : 0, errmsg: outcome };
  } catch (error) {
    console.error(`payCallback ${outTradeNo} failed; WeChat will deliver again`, error);
    return { errcode: 1, errmsg: 'retry' };
  }
}
