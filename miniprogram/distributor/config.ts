/**
 * The distributor pages' choices. The words for center states, ledger kinds, withdrawal states and team levels
 * are the contract's (`CENTER_STATUS_TEXT`, `LEDGER_KIND_TEXT`, `WITHDRAWAL_STATUS_FOR_DISTRIBUTOR`,
 * `TEAM_LEVEL_TEXT`), imported where they are shown.
 */
import { BUCKET_LABEL, BUCKETS, TEAM_LEVEL_TEXT, type Bucket } from '@shop/contract';

/** The balance tabs of the earnings page and the balances of the center, in the contract's order. */
export const BUCKET_TABS: Array<{ value: Bucket; label: string; hint: string }> = BUCKETS.map((value) => ({
  value,
  ...BUCKET_LABEL[value],
}));

/** "直接推广" for level 1; a level the contract has no word for (a third level) reads "3 级推广". */
export function teamLevelText(level: number): string {
  return (TEAM_LEVEL_TEXT as Readonly<Record<number, string | undefined>>)[level] ?? `${level} 级推广`;
}
