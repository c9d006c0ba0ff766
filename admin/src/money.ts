/**
 * Money on the page, in one place. Amounts arrive as integer fen and are shown as ¥ with two decimals; amounts an
 * operator types are decimal strings, parsed by the core's string parser (never through a float). Rates are basis
 * points, shown and typed as percentages with up to two decimals, also without floats.
 */
import { formatYuan, parseYuan, type Fen } from '../../core/src/money';

const MISSING = '—';

/** 123456 → "1,234.56" */
export function yuanNumber(amountFen: number | null | undefined): string {
  if (amountFen === null || amountFen === undefined) return MISSING;
  const negative = amountFen < 0;
  const [whole = '0', cents = '00'] = formatYuan(Math.abs(amountFen) as Fen).split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** 123456 → "¥1,234.56" */
export function yuan(amountFen: number | null | undefined): string {
  const number = yuanNumber(amountFen);
  return number === MISSING ? number : `¥${number}`;
}

/** What a money field shows when editing: 1230 → "12.30" (no grouping, so it parses back). */
export function yuanText(amountFen: number | null | undefined): string {
  return amountFen === null || amountFen === undefined ? '' : formatYuan(amountFen as Fen);
}

/** "12.3" → 1230; anything else (three decimals, signs, letters) → null, for the form to refuse. */
export function fenFromYuanText(text: string): number | null {
  const parsed = parseYuan(text.trim());
  return parsed.ok ? parsed.value : null;
}

export const YUAN_FORMAT_HINT = '以元为单位，最多两位小数，例如 12.30';

/** 1550 → "15.5%" */
export function percent(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? MISSING : `${percentText(bp)}%`;
}

/** 1550 → "15.5" (what a percentage field shows). */
export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

const PERCENT_PATTERN = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "15.5" → 1550 bp; over 100% or more than two decimals → null. */
export function bpFromPercentText(text: string): number | null {
  const match = PERCENT_PATTERN.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

export const PERCENT_FORMAT_HINT = '百分比，最多两位小数，例如 15 或 7.5';

/** Chart axes: whole yuan, 123456 → "¥1,234". */
export function yuanWhole(amountFen: number): string {
  const whole = Math.trunc(amountFen / 100);
  return `¥${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
