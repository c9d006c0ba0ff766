/**
 * 商家转账 results, two ways in one function: WeChat Pay's notification about a transfer bill (possibly many
 * times, concurrently) and a timer every 5 minutes that asks about every bill still open (the notification can be
 * lost; a bill left unconfirmed for 24 h is closed by WeChat and only a query finds out).
 *
 * Nothing in the event is trusted: a call carrying a user's OPENID is refused, the notification only says which
 * bill to ask about (or, without one, the timer's sweep runs), and what is recorded is what queryTransferBill
 * answers (workflows/transfers.ts). Answers `{errcode: 0}` once safely recorded; anything else is delivered again.
 */
import { syncOpenTransfers, syncTransfer } from '../_shared/workflows/transfers';
import { invokedByUser } from '../_shared/platform/platform-only';

/** The function's timeout is 60 s. */
const BUDGET_MS = 45_000;

function billNoOf(event: unknown): string | null {
  const resource = (event as { resource?: { out_bill_no?: unknown } } | null)?.resource;
  const no = resource?.out_bill_no;
  return typeof no === 'string' && /^[A-Za-z0-9]{1,32}$/.test(no) ? no : null;
}

export async function main(event: unknown): Promise<{ errcode: number; errmsg: string; result?: unknown }> {
  if (invokedByUser()) {
    console.error('transferCallback: refused an invocation by a mini program user');
    return { errcode: 403, errmsg: 'refused: transfer results come from WeChat Pay only' };
  }
  try {
    const outBillNo = billNoOf(event);
    if (outBillNo) return { errcode: 0, errmsg: await syncTransfer(outBillNo, Date.now()) };
    return { errcode: 0, errmsg: 'swept', result: await syncOpenTransfers(Date.now(), BUDGET_MS) };
  } catch (error) {
    console.error('transferCallback failed; it will be delivered or swept again', error);
    return { errcode: 1, errmsg: 'retry' };
  }
}
