/** `bindInviter {scene} | {inviterCode}`: binds the caller under the binding rules; a refusal is a normal result. */
import { z } from 'zod';
import { bindInviter } from '../_shared/flows/binding';
import { liveRules } from '../_shared/flows/checkout';
import { sceneSchema } from '../_shared/flows/share-codes';
import { defineFunction } from '../_shared/handler';
import { callerOpenid } from '../_shared/identity';

const code = z.string().trim().min(1).max(32);

export const main = defineFunction(
  'bindInviter',
  // A malformed scene (bad percent-encoding, foreign characters, too long) is INVALID_INPUT, decided by the schema.
  z.union([z.strictObject({ scene: sceneSchema }), z.strictObject({ inviterCode: code, via: z.enum(['link', 'code']).optional() })]),
  async (input) => bindInviter(callerOpenid(), input, await liveRules(), Date.now()),
);
