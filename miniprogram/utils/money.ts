/**
 * Money on the client is integer fen from the server, turned into text here and nowhere else. The client never
 * computes a price, total or commission; `parseYuan` only reads what a distributor types into the withdraw box.
 */

/** 1234 → "¥12.34"; null/undefined → "—". */
export function formatFen(fen: number | null | undefined, options: { sign?: boolean; symbol?: boolean } = {}): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const prefix = negative ? '-' : options.sign && fen > 0 ? '+' : '';
  return `${prefix}${options.symbol === false ? '' : '¥'}${yuan}.${cents}`;
}

/**
 * "12.3" → 1230 fen, parsed as a decimal string (never `parseFloat(x) * 100`). Returns null for anything that is
 * not a non-negative amount with at most two decimals.
 */
export function parseYuan(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  const yuan = Number(match[1]);
  const cents = Number(((match[2] ?? '') + '00').slice(0, 2));
  return yuan * 100 + cents;
}
