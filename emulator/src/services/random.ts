/** Identifiers that only need to be unique and look like the platform's: nonces, tokens, pay ids. */
import { randomBytes, randomInt } from 'node:crypto';

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

export const randomDigits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');
