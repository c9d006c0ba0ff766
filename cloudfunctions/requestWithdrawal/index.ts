/**
 * `requestWithdrawal {requestId, amountFen}` → `{withdrawalId, status, amountFen, feeFen, taxFen}`: holds the amount for an
 * operator to pay out. The same requestId is the same withdrawal; concurrent requests can never overdraw.
 */
import { requestWithdrawal } from '../_shared/workflows/withdrawals';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';

export const main = defineContractFunction('requestWithdrawal', {
  main: async (input) => {
    const withdrawal = await requestWithdrawal(callerOpenid(), input, Date.now());
    return {
      withdrawalId: withdrawal._id,
      status: withdrawal.status,
      amountFen: withdrawal.amountFen,
      feeFen: withdrawal.feeFen,
      taxFen: withdrawal.taxFen ?? 0,
    };
  },
});
