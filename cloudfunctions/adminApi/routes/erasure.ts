/** 个人信息删除: the owner erases a shopper's personal data on their request; the money facts stay. Audited. */
import { z } from 'zod';
import { erasePersonalData } from '../erasure';
import { recordChange } from '../audit';
import { handler } from '../router';
import { textSchema } from '../schemas';

export const eraseMember = handler(
  { body: z.strictObject({ reason: textSchema(200).optional() }) },
  async ({ params, body, actor, now }) => {
    const openid = params.openid as string;
    const report = await erasePersonalData(openid, now);
    // The record says what was erased and why, never the erased values themselves.
    await recordChange(
      actor,
      'member.erase',
      `members/${openid}`,
      null,
      { ...report, reason: body.reason ?? null },
      now,
    );
    return report;
  },
);
