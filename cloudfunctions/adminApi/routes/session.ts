/** Signing in (the answer is the token alone; `GET /me` says whose it is), and who the token belongs to. */
import { z } from 'zod';
import { signIn } from '../auth';
import { handler } from '../router';

export const createSession = handler(
  { body: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }) },
  async ({ body, now }) => ({ token: await signIn(body.username, body.password, now) }),
);

export const me = handler({}, async ({ actor }) => actor);
