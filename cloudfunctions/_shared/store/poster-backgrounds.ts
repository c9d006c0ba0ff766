/**
 * Poster backgrounds the merchant uploads (`settings/posterBackgrounds`): pictures in cloud storage that a
 * distributor's poster is drawn on (the product, price and mini program code go on top, in the mini program).
 */
import { db } from '../platform/cloud';
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';

export const POSTER_BACKGROUNDS_ID = 'posterBackgrounds';
export const MAX_POSTER_BACKGROUNDS = 10;

export interface PosterBackground {
  id: string;
  name: string;
  fileID: string;
}

interface PosterBackgroundsDoc {
  _id: string;
  items: PosterBackground[];
  updatedAt: number;
  updatedBy: string;
}

export async function posterBackgrounds(): Promise<PosterBackground[]> {
  return (await getDoc<PosterBackgroundsDoc>(COLLECTIONS.settings, POSTER_BACKGROUNDS_ID))?.items ?? [];
}

export async function savePosterBackgrounds(items: PosterBackground[], by: string, now: number): Promise<void> {
  await db()
    .collection(COLLECTIONS.settings)
    .doc(POSTER_BACKGROUNDS_ID)
    .set({ data: { items, updatedAt: now, updatedBy: by } });
}
