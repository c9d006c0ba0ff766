/** A product's own commission (overriding the distribution rules' rates) as text, and as the editor's fields. */
import { LEVEL_RATES_SUM_MESSAGE } from '../../../../contract/src/limits';
import { formatPercent, formatPercentText, formatYuan, parsePercent, parseYuan } from '../../../../contract/src/money';
import type { CommissionOverride } from '../../api-types';
import { yuan } from '../../format';

export type OverrideKind = 'default' | CommissionOverride['kind'];

export function overrideText(override: CommissionOverride | undefined): string {
  if (!override) return '跟随分销规则';
  switch (override.kind) {
    case 'none':
      return '不参与分佣';
    case 'rate':
      return `比例 ${override.levelRatesBp.map((bp) => formatPercent(bp)).join(' / ')}`;
    case 'fixed':
      return Array.isArray(override.levelFenPerUnit)
        ? `每件 ${override.levelFenPerUnit.map((fen) => yuan(fen)).join(' / ')}`
        : '固定金额';
  }
}

export interface OverrideFields {
  kind: OverrideKind;
  rates: string[];
  amounts: string[];
}

export function overrideFields(override: CommissionOverride | undefined, levels: number): OverrideFields {
  const blank = () => Array.from({ length: levels }, () => '');
  const fields: OverrideFields = { kind: override?.kind ?? 'default', rates: blank(), amounts: blank() };
  if (override?.kind === 'rate')
    override.levelRatesBp.slice(0, levels).forEach((bp, i) => (fields.rates[i] = formatPercentText(bp)));
  if (override?.kind === 'fixed' && Array.isArray(override.levelFenPerUnit)) {
    override.levelFenPerUnit.slice(0, levels).forEach((fen, i) => (fields.amounts[i] = formatYuan(fen)));
  }
  return fields;
}

/** The override to save (null = follow the rules), or the reason the fields are not valid. */
export function overrideFrom(
  fields: OverrideFields,
): { ok: true; value: CommissionOverride | null } | { ok: false; error: string } {
  switch (fields.kind) {
    case 'default':
      return { ok: true, value: null };
    case 'none':
      return { ok: true, value: { kind: 'none' } };
    case 'rate': {
      const rates = fields.rates.map(parsePercent);
      if (rates.some((bp) => bp === null)) return { ok: false, error: '每一级比例为 0–100 的百分数，最多两位小数' };
      const bps = rates as number[];
      if (bps.reduce((sum, bp) => sum + bp, 0) > 10000) return { ok: false, error: LEVEL_RATES_SUM_MESSAGE };
      return { ok: true, value: { kind: 'rate', levelRatesBp: bps as never } };
    }
    case 'fixed': {
      const amounts = fields.amounts.map(parseYuan);
      if (amounts.some((fen) => fen === null)) return { ok: false, error: '每一级金额以元为单位，最多两位小数' };
      return { ok: true, value: { kind: 'fixed', levelFenPerUnit: amounts as never } };
    }
  }
}
