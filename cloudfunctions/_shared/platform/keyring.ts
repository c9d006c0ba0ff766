/**
 * The keys that protect personal data at rest, from the environment variable SHOP_DATA_KEY:
 * `k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>`. The first key encrypts; every listed key decrypts, so a key
 * is rotated by putting a new one first and keeping the old ones until no document uses them. The id travels in
 * each ciphertext. Keys never live in the repository: the emulator makes one in its data folder, a deployment
 * sets the variable on its functions (README, "Deploying").
 */
import { DomainError } from '../../../core/src/errors';

export const DATA_KEY_VARIABLE = 'SHOP_DATA_KEY';

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** Encrypts new data. */
  current: DataKey;
  /** Every key by id, the current one included. */
  byId: ReadonlyMap<string, DataKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** Parses `id:base64,id:base64`; a malformed value is refused whole rather than half-used. */
export function parseKeyring(value: string): Keyring {
  const keys: DataKey[] = [];
  for (const part of value
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')) {
    const separator = part.indexOf(':');
    const id = part.slice(0, separator);
    if (separator < 0 || !KEY_ID.test(id))
      throw new Error(`${DATA_KEY_VARIABLE}: each key is <id>:<base64>, the id 1–16 of [A-Za-z0-9_-]`);
    const key = Buffer.from(part.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new Error(`${DATA_KEY_VARIABLE}: key ${id} is not 32 bytes of base64`);
    if (keys.some((known) => known.id === id)) throw new Error(`${DATA_KEY_VARIABLE}: key id ${id} appears twice`);
    keys.push({ id, key });
  }
  const [current] = keys;
  if (!current) throw new Error(`${DATA_KEY_VARIABLE} holds no key`);
  return { current, byId: new Map(keys.map((key) => [key.id, key])) };
}

let cached: { value: string; keyring: Keyring } | undefined;

/**
 * The keyring of this function instance. Without SHOP_DATA_KEY nothing personal can be written or read back (the
 * caller sees INTERNAL, the log says why): writing plain text instead would silently undo the protection.
 */
export function keyring(): Keyring {
  const value = process.env[DATA_KEY_VARIABLE] ?? '';
  if (cached?.value === value) return cached.keyring;
  if (value === '') {
    console.error(`${DATA_KEY_VARIABLE} is not set: personal data can be neither stored nor read`);
    throw new DomainError('INTERNAL', { reason: `${DATA_KEY_VARIABLE} missing` });
  }
  cached = { value, keyring: parseKeyring(value) };
  return cached.keyring;
}
