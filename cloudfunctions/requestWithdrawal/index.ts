/**
 * `requestWithdrawal {requestId, amountFen}` → `{withdrawalId, status, amountFen, feeFen}`: holds the amount for an
 * operator to pay out. The same requestId is the same withdrawal; concurrent requests can never overdraw.
 */
import { z } from 'zod';
import { requestWithdrawal } from '../_shared/workflows/withdrawals';
import { defineFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { requestIdSchema } from '../_shared/platform/input-schemas';

export const main = defineFunction(
  'requestWithdrawal',
  z.strictObject({ requestId: requestIdSchema, amountFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER) }),
  async (input) => {
    const withdrawal = await requestWithdrawal(callerOpenid(), input, Date.now());
    return { withdrawalId: withdrawal._id, status: withdrawal.status, amountFen: withdrawal.amountFen, feeFen: withdrawal.feeFen };
  },
);
