/** Store settings and the distribution rules (a new rules version per change; paid orders keep theirs). */
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import { DEFAULT_RULES, reviseRules, type DistributionRules } from '../../../core/src/rules';
import { db } from '../../_shared/platform/cloud';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { RulesDoc } from '../../_shared/store/rules';
import type { StoreSettingsDoc } from '../../_shared/store/settings';
import { currentRules, saveRules } from '../../_shared/store/rules';
import { storeSettings } from '../../_shared/store/settings';
import { isDuplicateKey } from '../../_shared/platform/transactions';
import { listDocs, withoutId } from '../../_shared/platform/documents';
import { recordChange } from '../audit';
import { handler } from '../router';
import { fenSchema } from '../schemas';

export const getStoreSettings = handler({}, async () => storeSettings());

export const updateStoreSettings = handler(
  {
    body: z.strictObject({
      name: z.string().trim().min(1).max(40).optional(),
      logo: z.string().max(500).optional(),
      introduction: z.string().max(2000).optional(),
      servicePhone: z
        .string()
        .trim()
        .regex(/^(|[0-9+\- ]{5,20})$/, '客服电话只能包含数字、+、- 和空格')
        .optional(),
      shipping: z.strictObject({ flatFen: fenSchema, freeOverFen: fenSchema.optional() }).optional(),
      autoConfirmDays: z.int().min(1).max(60).optional(),
      unpaidTimeoutMinutes: z
        .int()
        .min(5)
        .max(24 * 60)
        .optional(),
    }),
  },
  async ({ body, actor, now }) => {
    const before = await storeSettings();
    const after: StoreSettingsDoc = { ...before, ...body };
    await db()
      .collection(COLLECTIONS.settings)
      .doc('store')
      .set({ data: withoutId(after) });
    await recordChange(actor, 'settings.store', 'settings/store', before, after, now);
    return after;
  },
);

const RULES_HISTORY_LIMIT = 100;

export const getDistributionRules = handler({}, async () => {
  const stored = await listDocs<RulesDoc>(
    db()
      .collection(COLLECTIONS.settings)
      .where({ _id: db().RegExp({ regexp: '^rules:v\\d+$' }) })
      .orderBy('createdAt', 'desc')
      .limit(RULES_HISTORY_LIMIT),
  );
  const history: { version: number; createdAt: number | null; createdBy: string; rules: DistributionRules }[] =
    stored.map(({ rules, createdAt, createdBy }) => ({ version: rules.version, createdAt, createdBy, rules }));
  // Version 1 is the built-in defaults until someone saves rules; it is still the version early orders name.
  if (!history.some((entry) => entry.version === DEFAULT_RULES.version)) {
    history.push({ version: DEFAULT_RULES.version, createdAt: null, createdBy: 'default', rules: DEFAULT_RULES });
  }
  history.sort((a, b) => b.version - a.version);
  return { current: await currentRules(), history };
});

const THREE_LEVELS_NOTE =
  '当前为 3 级分销，已达上限。请确保佣金只来自真实购买、不以发展下线或分享次数计酬，避免被认定为传销或被微信审核拒绝。';

/**
 * The body is the changes to the current rules; the core merges, validates (strictly: unknown fields, more than
 * three levels, rates over 100% are refused with their reason) and numbers the new version.
 */
export const updateDistributionRules = handler(
  { body: z.record(z.string(), z.unknown()) },
  async ({ body, actor, now }) => {
    const before = await currentRules();
    const revised = reviseRules(before, body);
    if (!revised.ok) throw revised.error;
    const after: DistributionRules = revised.value;
    try {
      await saveRules(after, actor.username, now);
    } catch (error) {
      if (isDuplicateKey(error))
        throw new DomainError('CONFLICT', { version: after.version }, '分销规则刚被他人修改，请刷新后重试');
      throw error;
    }
    await recordChange(actor, 'settings.distribution', `settings/rules:v${after.version}`, before, after, now);
    return {
      rules: after,
      appliesTo: '新规则只对此后支付的订单生效；已支付的订单继续按其支付时的规则版本计算佣金。',
      ...(after.levels === 3 ? { complianceNote: THREE_LEVELS_NOTE } : {}),
    };
  },
);
