/**
 * Deterministic identifiers. A retried request must land on the same document, so ids derive from what makes
 * the request unique (who asked and their request id), never from the clock or a counter.
 */
import { createHash, randomInt } from 'node:crypto';

export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

/** `O<orderId>`: WeChat Pay allows 32 characters of [0-9A-Za-z_-] and this stays well inside. */
export function outTradeNoFor(orderId: string): string {
  return `O${orderId}`;
}

export function orderIdFromOutTradeNo(outTradeNo: string): string | null {
  return /^O[0-9a-f]{24}$/.test(outTradeNo) ? outTradeNo.slice(1) : null;
}

/** Invite and share codes: no 0/O/1/I/L, so a code read off a poster cannot be mistyped into another one. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
