/**
 * The distribution rules in force and every earlier version. Orders keep the version they were placed under,
 * and commission is always computed with that version's document, so editing rules never rewrites the past.
 */
import { DEFAULT_RULES, DomainError, parseRules, type DistributionRules } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, withoutId } from '../platform/documents';
import { COLLECTIONS } from './collections';

/** `settings/rules:current` points at the rules in force; `settings/rules:v<N>` keeps every version. */
export interface RulesDoc {
  _id: string;
  rules: DistributionRules;
  createdAt: number;
  createdBy: string;
}

export const CURRENT_RULES_ID = 'rules:current';
export const rulesVersionId = (version: number) => `rules:v${version}`;

function fromDoc(doc: RulesDoc): DistributionRules {
  const parsed = parseRules(doc.rules);
  if (!parsed.ok) throw new Error(`stored rules ${doc._id} are invalid: ${parsed.error.message}`);
  return parsed.value;
}

export async function currentRules(): Promise<DistributionRules> {
  const doc = await getDoc<RulesDoc>(COLLECTIONS.settings, CURRENT_RULES_ID);
  return doc ? fromDoc(doc) : DEFAULT_RULES;
}

/** The rules of one version; version 1 is the defaults until someone saves rules. */
export async function rulesOfVersion(version: number): Promise<DistributionRules> {
  const doc = await getDoc<RulesDoc>(COLLECTIONS.settings, rulesVersionId(version));
  if (doc) return fromDoc(doc);
  if (version === DEFAULT_RULES.version) return DEFAULT_RULES;
  throw new DomainError('NOT_FOUND', { rulesVersion: version }, `分销规则版本 ${version} 不存在`);
}

/** Stores a new version (already validated and numbered by the core) and makes it current. */
export async function saveRules(rules: DistributionRules, by: string, now: number): Promise<void> {
  const doc: RulesDoc = { _id: rulesVersionId(rules.version), rules, createdAt: now, createdBy: by };
  const settings = db().collection(COLLECTIONS.settings);
  // The version document first: `current` must never point at a version that does not exist.
  await settings.add({ data: doc });
  await settings.doc(CURRENT_RULES_ID).set({ data: withoutId({ ...doc, _id: CURRENT_RULES_ID }) });
}
