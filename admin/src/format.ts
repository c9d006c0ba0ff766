/**
 * How the merchant reads values on the page, on top of the contract's vocabulary (`contract/src`): times in China
 * time, amounts as grouped ¥, and "—" where there is nothing. The label tables, money text and China time are the
 * contract's; this module only picks the merchant's presentation of them.
 */
import { chinaDayStartOf, chinaMinute } from '../../contract/src/china-time';
import { formatFen } from '../../contract/src/money';

/** What a table shows where there is no value (the contract's `formatFen` shows the same for a missing amount). */
const MISSING = '—';

/** `YYYY-MM-DD HH:mm` in China time; "—" for a time that has not happened. */
export function dateTime(at: number | null | undefined): string {
  return at === null || at === undefined ? MISSING : chinaMinute(at);
}

/** Tables, dashboards and dialogs: 123456 → "¥1,234.56"; "—" for a missing amount. */
export function yuan(amountFen: number | null | undefined): string {
  return formatFen(amountFen, { grouping: true });
}

/** Long openids and ids shortened for tables; the full value is in the title attribute. */
export function shortId(id: string | null | undefined, keep = 10): string {
  if (!id) return MISSING;
  return id.length <= keep + 1 ? id : `${id.slice(0, keep)}…`;
}

/** A DateRangePicker value as a China calendar day `YYYY-MM-DD` (the API's range bound), or nothing. */
export function dayOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && chinaDayStartOf(value) !== null ? value : undefined;
}
