/** Timestamps as merchants read them: China time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:mm:ss`; empty for a time that has not happened. */
export function chinaTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return '';
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function chinaDate(at: number): string {
  return chinaTime(at).slice(0, 10);
}
