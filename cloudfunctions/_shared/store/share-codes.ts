/**
 * Short codes for posters: a mini program code's `scene` holds at most 32 characters, so the poster carries a
 * short code that maps to (inviter, product, campaign). The code is derived from that triple, so asking twice
 * gives the same code and poster.
 */
import { createHash } from 'node:crypto';
import { db } from '../platform/cloud';
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';
import { isDuplicateKey } from '../platform/transactions';

export interface ShareCodeDoc {
  _id: string;
  inviterOpenid: string;
  productId: string | null;
  campaign: string | null;
  createdAt: number;
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function codeFrom(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
  return code;
}

export async function shareCodeFor(inviterOpenid: string, productId: string | null, campaign: string | null, now: number): Promise<ShareCodeDoc> {
  const seed = JSON.stringify([inviterOpenid, productId, campaign]);
  // Lengthen on the rare collision with another triple's code; 8 characters is ~10^12 codes.
  for (let length = 8; length <= 16; length++) {
    const doc: ShareCodeDoc = { _id: codeFrom(seed, length), inviterOpenid, productId, campaign, createdAt: now };
    const existing = await getDoc<ShareCodeDoc>(COLLECTIONS.shareCodes, doc._id);
    if (existing) {
      if (existing.inviterOpenid === inviterOpenid && existing.productId === productId && existing.campaign === campaign) return existing;
      continue;
    }
    try {
      await db().collection(COLLECTIONS.shareCodes).add({ data: doc });
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      length--; // Someone created it between our read and write: read it again at the same length.
    }
  }
  throw new Error('could not allocate a share code');
}
