/**
 * The key that signs operator tokens. ADMIN_TOKEN_SECRET when the deployment sets one; otherwise a random key
 * made once per environment and kept in `settings`, so every instance of the function signs with the same key.
 */
import { randomBytes } from 'node:crypto';
import { db } from '../_shared/platform/cloud';
import { getDoc } from '../_shared/platform/documents';
import { COLLECTIONS } from '../_shared/store/collections';
import { isDuplicateKey } from '../_shared/platform/transactions';

const SECRET_DOC_ID = 'adminTokenSecret';

interface SecretDoc {
  _id: typeof SECRET_DOC_ID;
  secret: string;
  createdAt: number;
}

let cached: Promise<string> | undefined;

/** The key as this instance last knew it. */
export function tokenSecret(): Promise<string> {
  cached ??= loadSecret();
  return cached;
}

/**
 * The key as stored now. Used when signing and before refusing a token for its signature: the stored key can
 * change under a warm instance (a reset emulator, a restored database), and a stale copy must not decide.
 */
export function freshTokenSecret(): Promise<string> {
  cached = loadSecret();
  return cached;
}

export function secretComesFromEnvironment(): boolean {
  return (process.env.ADMIN_TOKEN_SECRET ?? '') !== '';
}

async function loadSecret(): Promise<string> {
  // cloudbaserc.json fills the variable with '' when the deployment has none: empty means unset.
  if (secretComesFromEnvironment()) return process.env.ADMIN_TOKEN_SECRET as string;
  try {
    return await storedOrNewSecret();
  } catch (error) {
    cached = undefined;
    throw error;
  }
}

async function storedOrNewSecret(): Promise<string> {
  const stored = await getDoc<SecretDoc>(COLLECTIONS.settings, SECRET_DOC_ID);
  if (stored) return stored.secret;
  const created: SecretDoc = {
    _id: SECRET_DOC_ID,
    secret: randomBytes(32).toString('base64url'),
    createdAt: Date.now(),
  };
  try {
    await db().collection(COLLECTIONS.settings).add({ data: created });
    return created.secret;
  } catch (error) {
    // Another instance made the key first; theirs is the one.
    if (!isDuplicateKey(error)) throw error;
    const winner = await getDoc<SecretDoc>(COLLECTIONS.settings, SECRET_DOC_ID);
    if (!winner) throw error;
    return winner.secret;
  }
}
