/**
 * What the mini program passes to `wx.requestMerchantTransfer` so the distributor can confirm their 商家转账 bill:
 * the merchant and app ids (no key: this module never loads the WeChat Pay client) and the open bill's package.
 */
import { DomainError } from '../../../core/src';
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from '../store/collections';
import type { WithdrawalDoc } from '../store/withdrawals';

function identity(): { mchId: string; appId: string } {
  const mchId = process.env.WECHATPAY_MCHID;
  const appId = process.env.WECHATPAY_APPID;
  if (!mchId || !appId) throw new DomainError('INTERNAL', { missing: 'WECHATPAY_MCHID/WECHATPAY_APPID' });
  return { mchId, appId };
}

/** What `wx.requestMerchantTransfer` needs for the caller's own open bill. */
export async function transferPackage(openid: string, withdrawalId: string) {
  const withdrawal = await getDoc<WithdrawalDoc>(COLLECTIONS.withdrawals, withdrawalId);
  // Another user's withdrawal is answered exactly like a missing one.
  if (!withdrawal || withdrawal.openid !== openid)
    throw new DomainError('NOT_FOUND', { withdrawalId }, '提现申请不存在');
  const transfer = withdrawal.transfer;
  if (withdrawal.status !== 'approved' || transfer?.state !== 'WAIT_USER_CONFIRM' || !transfer.packageInfo)
    throw new DomainError('ILLEGAL_TRANSITION', { withdrawalId }, '该笔提现当前无需确认收款');
  return { ...identity(), package: transfer.packageInfo };
}
