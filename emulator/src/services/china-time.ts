/**
 * WeChat Pay stamps times in China Standard Time. Asia/Shanghai has had no daylight saving since 1991,
 * so a fixed +8 h shift of the UTC fields is exact.
 */
const UTC_PLUS_8_MS = 8 * 60 * 60 * 1000;

function chinaIso(ms: number): string {
  return new Date(ms + UTC_PLUS_8_MS).toISOString();
}

/** `yyyyMMddHHmmss`, as in `time_end`. */
export function compactChinaTime(ms: number): string {
  return chinaIso(ms).slice(0, 19).replace(/[-T:]/g, '');
}

/** `YYYY-MM-DD HH:mm:ss`, as in a refund's `success_time`. */
export function readableChinaTime(ms: number): string {
  return chinaIso(ms).slice(0, 19).replace('T', ' ');
}
