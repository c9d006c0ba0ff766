/**
 * The payment-result callback WeChat Pay delivers (possibly many times, in any order). It must answer
 * `{errcode: 0}` once the payment is safely recorded; anything else makes WeChat deliver again.
 */
import { z } from 'zod';
import { recordPayment } from '../_shared/workflows/orders';

const noticeSchema = z.object({
  returnCode: z.string(),
  resultCode: z.string(),
  outTradeNo: z.string(),
  transactionId: z.string().optional(),
  totalFee: z.number().int().nonnegative(),
});

export async function main(event: unknown): Promise<{ errcode: number; errmsg: string }> {
  const notice = noticeSchema.safeParse(event);
  if (!notice.success) {
    console.error('payCallback: malformed notice', event);
    return { errcode: 0, errmsg: 'ignored: malformed notice' };
  }
  const { returnCode, resultCode, outTradeNo, transactionId, totalFee } = notice.data;
  if (returnCode !== 'SUCCESS' || resultCode !== 'SUCCESS' || !transactionId) return { errcode: 0, errmsg: 'ignored: not a success' };
  try {
    const outcome = await recordPayment({ outTradeNo, transactionId, totalFee }, Date.now());
    return { errcode: 0, errmsg: outcome };
  } catch (error) {
    console.error(`payCallback ${outTradeNo} failed; WeChat will deliver again`, error);
    return { errcode: 1, errmsg: 'retry' };
  }
}
