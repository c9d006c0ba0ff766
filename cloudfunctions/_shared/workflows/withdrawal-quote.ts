/**
 * What the distributor sees before confirming a withdrawal: the fee, the income tax withheld (when the merchant
 * withholds it) and what reaches them, decided by the same core functions and counters as the request itself.
 * Read-only: nothing is held or counted until `requestWithdrawal`.
 */
import type { WithdrawalQuote } from '../../../contract/src';
import { checkWithdrawal, requestedOn, unwrap, type Fen } from '../../../core/src';
import { getDoc } from '../platform/documents';
import { db } from '../platform/cloud';
import { COLLECTIONS } from '../store/collections';
import { balancesOf, type BalanceDoc } from '../store/ledger';
import { sealPayee, type Payee, maskedPayee, loadPayee } from '../store/payees';
import { payoutSettings } from '../store/payout-settings';
import { currentRules } from '../store/rules';
import { taxOn } from './withdrawals';

/** WeChat's 商家转账 requires the payee's real name from ¥2,000 (200000 fen) up. */
export const REAL_NAME_FROM_FEN = 200000;

export async function quoteWithdrawal(openid: string, amountFen: number, now: number): Promise<WithdrawalQuote> {
  const [rules, settings, balance, payee] = await Promise.all([
    currentRules(),
    payoutSettings(),
    getDoc<BalanceDoc>(COLLECTIONS.balances, openid),
    getDoc(COLLECTIONS.payees, openid),
  ]);
  const quote = unwrap(
    checkWithdrawal({
      amountFen,
      balances: balancesOf(balance),
      rules: rules.withdrawal,
      requestedTodayFen: requestedOn(balance?.withdrawalDay, now),
    }),
  );
  const tax = taxOn(settings.taxWithholding, balance, now, quote);
  return {
    amountFen: quote.amountFen,
    feeFen: quote.feeFen,
    taxFen: tax.taxFen,
    netFen: tax.netFen as Fen,
    taxWithholding: settings.taxWithholding,
    realNameRequired: settings.channel === 'wechat-transfer' && quote.amountFen >= REAL_NAME_FROM_FEN,
    realNameOnFile: payee !== null,
  };
}

/** Saves (replaces) the caller's real name and ID number, sealed; answers them masked. */
export async function savePayee(openid: string, payee: Payee, now: number) {
  const { _id, ...sealed } = sealPayee(openid, payee, now);
  await db().collection(COLLECTIONS.payees).doc(_id).set({ data: sealed });
  return maskedPayee(payee);
}

export async function payeeView(openid: string) {
  const payee = await loadPayee(openid);
  return payee ? maskedPayee(payee) : null;
}
