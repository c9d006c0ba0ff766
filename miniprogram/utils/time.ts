/** Dates for display, in the phone's local time (China time for the shop's users). */
const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Milliseconds left until `endsAt`, never negative (for t-count-down). */
export function remainingMs(endsAt: number, now = Date.now()): number {
  return Math.max(0, endsAt - now);
}
