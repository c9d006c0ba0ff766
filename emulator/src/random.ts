/**
 * Identifiers that only need to be unique and look like the platform's (document ids, transaction ids, API tokens,
 * nonces, pay ids), from the system CSPRNG drawn a page at a time: one system call per page instead of one per id,
 * which showed up on every insert and every invocation.
 */
import { randomBytes, randomInt } from 'node:crypto';

const PAGE_BYTES = 4096;
let page = Buffer.alloc(0);
let used = 0;

function take(bytes: number): number {
  if (used + bytes > page.length) {
    page = randomBytes(Math.max(PAGE_BYTES, bytes));
    used = 0;
  }
  used += bytes;
  return used - bytes;
}

export function randomHex(bytes: number): string {
  const start = take(bytes);
  return page.toString('hex', start, start + bytes);
}

export function randomBase64Url(bytes: number): string {
  const start = take(bytes);
  return page.toString('base64url', start, start + bytes);
}

export const randomDigits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');
