/** Basis points as a percentage for display, in integer arithmetic: 1500 → "15%", 1550 → "15.5%", 5 → "0.05%". */
export function formatBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}
