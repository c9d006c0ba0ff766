/** 海报背景: the pictures (uploaded through POST /uploads) distributors' posters are drawn on; audited. */
import { z } from 'zod';
import {
  MAX_POSTER_BACKGROUNDS,
  posterBackgrounds,
  savePosterBackgrounds,
} from '../../_shared/store/poster-backgrounds';
import { recordChange } from '../audit';
import { handler } from '../router';
import { textSchema } from '../schemas';

export const listPosterBackgrounds = handler({}, async () => ({ items: await posterBackgrounds() }));

export const updatePosterBackgrounds = handler(
  {
    body: z.strictObject({
      items: z
        .array(
          z.strictObject({
            id: z.string().regex(/^[a-z0-9-]{1,32}$/),
            name: textSchema(20),
            // Only files in the shop's own cloud storage (what POST /uploads answers), never an outside address.
            fileID: z
              .string()
              .regex(/^cloud:\/\/[\w.\-/]+$/)
              .max(300),
          }),
        )
        .max(MAX_POSTER_BACKGROUNDS),
    }),
  },
  async ({ body, actor, now }) => {
    const before = { items: await posterBackgrounds() };
    await savePosterBackgrounds(body.items, actor.username, now);
    await recordChange(actor, 'settings.posterBackgrounds', 'settings/posterBackgrounds', before, body, now);
    return { items: body.items };
  },
);
