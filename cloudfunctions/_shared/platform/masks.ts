/**
 * How personal data looks in lists and to other shoppers: enough to recognise, not enough to use.
 * `138****0000`, `张*`, an address down to its district.
 */

/** Keeps the first three and last four digits of a phone; anything short shows as stars. */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  if (trimmed.length < 8) return '*'.repeat(Math.max(trimmed.length, 4));
  return `${trimmed.slice(0, 3)}****${trimmed.slice(-4)}`;
}

/** The first character of a name (by code point, so a surrogate pair stays whole), then one star. */
export function maskName(name: string): string {
  const [first] = Array.from(name.trim());
  return first === undefined ? '*' : `${first}*`;
}

/** A nickname another shopper may see: masked like a name, or 微信用户 when there is none. */
export function publicNickname(nickname: string | null | undefined): string {
  return nickname && nickname.trim() !== '' ? maskName(nickname) : '微信用户';
}
