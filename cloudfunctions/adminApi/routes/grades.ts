/**
 * 分销等级: the grade program (read by every operator, edited by the owner like the distribution rules) and a
 * by-hand run of the upgrade timer. The core refuses any condition on recruits or a team's volume.
 */
import { z } from 'zod';
import { parseGradeProgram } from '../../../core/src';
import { currentGradeProgram, saveGradeProgram } from '../../_shared/store/grades';
import { recordChange } from '../audit';
import { handler } from '../router';

export const getGradeProgram = handler({}, async () => ({ program: await currentGradeProgram() }));

export const updateGradeProgram = handler({ body: z.record(z.string(), z.unknown()) }, async ({ body, actor, now }) => {
  const parsed = parseGradeProgram(body);
  if (!parsed.ok) throw parsed.error;
  const before = await currentGradeProgram();
  await saveGradeProgram(parsed.value, actor.username, now);
  await recordChange(actor, 'settings.grades', 'settings/grades:current', before, parsed.value, now);
  return {
    program: parsed.value,
    appliesTo: '等级的佣金比例只对升级后支付的订单生效；已支付订单的佣金不变。',
  };
});
