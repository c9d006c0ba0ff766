/**
 * Money as text, in one place. Amounts are integer fen on the wire; this turns them into yuan text and reads yuan
 * text back, always through the decimal string (never `parseFloat(x) * 100`). Rounding of amounts belongs to the
 * core (core/src/money.ts); nothing here computes an amount.
 */

/** The largest amount of fen we represent exactly. */
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

/** What a missing amount shows. */
export const MISSING_AMOUNT = '—';

export const YUAN_FORMAT_HINT = '以元为单位，最多两位小数，例如 12.30';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1230 → "12.30", -5 → "-0.05". The canonical yuan text: what forms show for editing and CSV files carry. */
export function formatYuan(amountFen: number): string {
  if (!Number.isSafeInteger(amountFen))
    throw new RangeError(`formatYuan: ${amountFen} is not a safe integer number of fen`);
  const abs = Math.abs(amountFen);
  const cents = abs % 100;
  const whole = (abs - cents) / 100;
  return `${amountFen < 0 ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

export interface FormatFenOptions {
  /** "+¥0.05" for a positive amount (ledger deltas). A negative amount always shows "-". */
  sign?: boolean;
  /** false: "12.30" without "¥". */
  symbol?: boolean;
  /** true: "¥1,234.56" (tables, dashboards). */
  grouping?: boolean;
}

/** 1234 → "¥12.34"; null, undefined or not a number → "—". A fraction of a fen is cut off, never rounded up. */
export function formatFen(amountFen: number | null | undefined, options: FormatFenOptions = {}): string {
  if (amountFen === null || amountFen === undefined || !Number.isFinite(amountFen)) return MISSING_AMOUNT;
  const whole = Math.trunc(amountFen);
  if (!Number.isSafeInteger(whole)) return MISSING_AMOUNT;
  const [yuan = '0', cents = '00'] = formatYuan(Math.abs(whole)).split('.');
  const prefix = whole < 0 ? '-' : options.sign && whole > 0 ? '+' : '';
  return `${prefix}${options.symbol === false ? '' : '¥'}${options.grouping ? groupThousands(yuan) : yuan}.${cents}`;
}

/** Chart axes: whole yuan with grouping, 123456 → "¥1,234". */
export function formatWholeYuan(amountFen: number): string {
  const whole = Math.trunc(amountFen / 100);
  return `${whole < 0 ? '-' : ''}¥${groupThousands(String(Math.abs(whole)))}`;
}

const YUAN_DECIMAL = /^(\d{1,16})(?:\.(\d{1,2}))?$/;

/**
 * Canonical yuan text ("12.30", "12.3", "12", surrounding spaces allowed) → fen, or null. More than two decimals,
 * a bare trailing dot, signs, exponents, separators and symbols are refused rather than rounded or guessed.
 */
export function parseYuanDecimal(text: string): number | null {
  if (typeof text !== 'string') return null;
  const match = YUAN_DECIMAL.exec(text.trim());
  if (!match) return null;
  const whole = match[1] as string;
  const decimals = (match[2] ?? '').padEnd(2, '0');
  const digits = (whole + decimals).replace(/^0+(?=\d)/, '');
  if (digits.length > 16 || Number(digits) > MAX_FEN) return null;
  return Number(digits);
}

/** Full-width digits and dot (what a Chinese keyboard may type) → ASCII; "¥"/"￥" before the amount dropped. */
export function normalizeTypedYuan(text: string): string {
  const ascii = text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.');
  return ascii.trim().replace(/^[¥￥]\s*/, '');
}

/**
 * What a person typed as an amount in yuan → fen, or null for the form to refuse: "19.9", "¥19.90", "￥19.90",
 * "１９.９０" are 1990; "12.", "1.234", "-1", "" and amounts beyond `MAX_FEN` are refused.
 */
export function parseYuan(text: string): number | null {
  if (typeof text !== 'string') return null;
  return parseYuanDecimal(normalizeTypedYuan(text));
}

/** 1550 bp → "15.5" (what a percentage field shows). */
export function formatPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = String(Math.abs(bp % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

/** 1550 bp → "15.5%"; null → "—". */
export function formatPercent(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? MISSING_AMOUNT : `${formatPercentText(bp)}%`;
}

const PERCENT_DECIMAL = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "15.5" → 1550 bp; over 100% or more than two decimals → null. */
export function parsePercent(text: string): number | null {
  if (typeof text !== 'string') return null;
  const match = PERCENT_DECIMAL.exec(normalizeTypedYuan(text).replace(/[%％]$/, ''));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

export const PERCENT_FORMAT_HINT = '百分比，最多两位小数，例如 15 或 7.5';
