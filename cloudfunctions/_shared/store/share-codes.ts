/**
 * Short codes for posters: a mini program code's `scene` holds at most 32 characters, so the poster carries a
 * short code that maps to (inviter, product, campaign). The code is derived from that triple, so asking twice
 * gives the same code and poster. A shopper can make codes only for products on the shelf, and only so many new
 * codes and posters a day: each poster costs a `wxacode.getUnlimited` call and a stored image.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../../core/src';
import { db } from '../platform/cloud';
import { getDoc, updatedCount } from '../platform/documents';
import { COLLECTIONS } from './collections';
import type { ProductDoc } from './products';
import { isDuplicateKey } from '../platform/transactions';
import { chinaDate } from '../../../contract/src';

export interface ShareCodeDoc {
  _id: string;
  inviterOpenid: string;
  productId: string | null;
  campaign: string | null;
  createdAt: number;
  /** The poster made for this code, kept so asking again costs no second mini program code. */
  poster?: { fileID: string; createdAt: number };
}

/** The contract's SHARE_CODE_PATTERN: codes are 8–16 of these (no 0/O, 1/I/L); the bind schema checks it. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** New share codes plus new posters one distributor may make per China-time day. */
export const SHARE_CREATIONS_PER_DAY = 30;

function codeFrom(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
  return code;
}

/** Codes and posters only for products that exist and are on the shelf. */
export async function assertShareableProduct(productId: string): Promise<void> {
  const product = await getDoc<ProductDoc>(COLLECTIONS.products, productId);
  if (!product || product.onShelf !== true) throw new DomainError('PRODUCT_UNAVAILABLE', { productId });
}

/**
 * Counts one new code or poster against the distributor's daily cap, atomically on their distributor document:
 * the same day under the cap counts up; a new day starts at one (guarded, so two first calls cannot both reset).
 */
export async function takeShareAllowance(openid: string, now: number): Promise<void> {
  const _ = db().command;
  const distributors = db().collection(COLLECTIONS.distributors);
  const day = chinaDate(now);
  const countUp = async () =>
    updatedCount(
      await distributors
        .where({ _id: openid, 'shareDay.day': day, 'shareDay.created': _.lt(SHARE_CREATIONS_PER_DAY) })
        .update({ data: { 'shareDay.created': _.inc(1) } }),
    ) === 1;
  if (await countUp()) return;
  const started = await distributors
    .where({ _id: openid, 'shareDay.day': _.neq(day) })
    .update({ data: { shareDay: { day, created: 1 } } });
  if (updatedCount(started) === 1) return;
  // Another call started the day between our two updates: count on it.
  if (await countUp()) return;
  throw new DomainError('DAILY_SHARE_CAP_REACHED', { cap: SHARE_CREATIONS_PER_DAY, day });
}

export async function shareCodeFor(
  inviterOpenid: string,
  productId: string | null,
  campaign: string | null,
  now: number,
): Promise<ShareCodeDoc> {
  const seed = JSON.stringify([inviterOpenid, productId, campaign]);
  // Lengthen on the rare collision with another triple's code; 8 characters is ~10^12 codes.
  for (let length = 8; length <= 16; length++) {
    const doc: ShareCodeDoc = { _id: codeFrom(seed, length), inviterOpenid, productId, campaign, createdAt: now };
    const existing = await getDoc<ShareCodeDoc>(COLLECTIONS.shareCodes, doc._id);
    if (existing) {
      if (
        existing.inviterOpenid === inviterOpenid &&
        existing.productId === productId &&
        existing.campaign === campaign
      )
        return existing;
      continue;
    }
    await takeShareAllowance(inviterOpenid, now);
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
