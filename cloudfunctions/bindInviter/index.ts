/** `bindInviter {scene} | {inviterCode}`: binds the caller under the binding rules; a refusal is a normal result. */
import { z } from 'zod';
import { bindInviter } from '../_shared/workflows/inviter-binding';
import { liveRules } from '../_shared/workflows/checkout';
import { defineFunction } from '../_shared/platform/handler';
import { callerOpenid } from '../_shared/platform/identity';

const code = z.string().trim().min(1).max(32);

export const main = defineFunction(
  'bindInviter',
  z.union([z.strictObject({ scene: code }), z.strictObject({ inviterCode: code, via: z.enum(['link', 'code']).optional() })]),
  async (input) => bindInviter(callerOpenid(), 'scene' in input ? { scene: decodeURIComponent(input.scene) } : input, await liveRules(), Date.now()),
);
