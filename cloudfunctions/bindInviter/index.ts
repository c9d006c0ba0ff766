/**
 * `bindInviter {scene} | {inviterCode}`: binds the caller under the binding rules; a refusal is a normal result. A
 * malformed scene (bad percent-encoding, foreign characters, too long) is INVALID_INPUT, decided by the contract's
 * schema.
 */
import { bindInviter } from '../_shared/workflows/inviter-binding';
import { liveRules } from '../_shared/workflows/checkout';
import { defineContractFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';

export const main = defineContractFunction('bindInviter', {
  main: async (input) => bindInviter(callerOpenid(), input, await liveRules(), Date.now()),
});
