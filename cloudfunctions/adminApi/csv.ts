/** CSV downloads that open cleanly in Excel and WPS, which the merchants use. */
import { chinaDateTime, formatYuan } from '../../contract/src';

export type Cell = string | number | null | undefined;

/** Excel reads UTF-8 as the local code page unless the file starts with a byte-order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Text that starts like a formula would run as one in a spreadsheet (shopper-typed names, addresses).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Money column: yuan with two decimals from integer fen. */
export function yuan(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '' : formatYuan(amount);
}

/** Time column: `YYYY-MM-DD HH:mm:ss` in China time, as merchants read it; empty for what has not happened. */
export function chinaTimeCell(at: number | null | undefined): string {
  return at === null || at === undefined ? '' : chinaDateTime(at);
}
