/** `bindInviter {scene} | {inviterCode}`: binds the caller under the binding rules; a refusal is a normal result. */
import { z } from 'zod';
import { bindInviter } from '../_shared/workflows/inviter-binding';
import { liveRules } from '../_shared/workflows/checkout';
import { defineFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';
import { sceneSchema } from '../_shared/store/share-codes';

const code = z.string().trim().min(1).max(32);

export const main = defineFunction(
  'bindInviter',
  // A malformed scene (bad percent-encoding, foreign characters, too long) is INVALID_INPUT, decided by the schema.
  z.union([z.strictObject({ scene: sceneSchema }), z.strictObject({ inviterCode: code, via: z.enum(['link', 'code']).optional() })]),
  async (input) => bindInviter(callerOpenid(), input, await liveRules(), Date.now()),
);
