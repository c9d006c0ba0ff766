/**
 * Personal data at rest: AES-256-GCM (node:crypto) with a fresh 96-bit nonce per value, the key id in the
 * ciphertext, and associated data that ties a value to what it is and whose it is (`phone` of `o-alice`), so a
 * ciphertext copied onto another document or field does not open. Text written before encryption existed (older
 * documents, the demo data of earlier versions) is read as it is.
 *
 *   pd1.<keyId>.<nonce>.<ciphertext>.<tag>     (base64url parts)
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { keyring, type DataKey, type Keyring } from './keyring';

const PREFIX = 'pd1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a value is and whose: the associated data it is sealed with. */
export interface Purpose {
  field: string;
  owner: string;
}

function associatedData({ field, owner }: Purpose): Buffer {
  return Buffer.from(JSON.stringify([field, owner]), 'utf8');
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function seal(plaintext: string, purpose: Purpose, keys: Keyring = keyring()): string {
  const { id, key } = keys.current;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(purpose));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return (
    PREFIX +
    [id, nonce, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.')
  );
}

export class UnreadableDataError extends Error {
  override readonly name = 'UnreadableDataError';
}

/** The key id a sealed value was written under (rotation tooling, tests), or null for plain text. */
export function keyIdOf(value: string): string | null {
  return isSealed(value) ? (value.slice(PREFIX.length).split('.')[0] ?? null) : null;
}

/**
 * The plaintext of a sealed value; plain text (written before encryption) is returned as it is. A value whose
 * key is unknown, or that was altered, moved to another field or owner, is refused: it throws.
 */
export function open(value: string, purpose: Purpose, keys?: Keyring): string {
  if (!isSealed(value)) return value;
  const parts = value.slice(PREFIX.length).split('.');
  if (parts.length !== 4) throw new UnreadableDataError('sealed value is malformed');
  const [id, nonce, ciphertext, tag] = parts as [string, string, string, string];
  const key: DataKey | undefined = (keys ?? keyring()).byId.get(id);
  if (!key) throw new UnreadableDataError(`sealed under unknown key ${id}`);
  const nonceBytes = Buffer.from(nonce, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (nonceBytes.length !== NONCE_BYTES || tagBytes.length !== TAG_BYTES)
    throw new UnreadableDataError('sealed value is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, nonceBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(purpose));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new UnreadableDataError('sealed value failed authentication');
  }
}

function lookupKey(key: DataKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'shop lookup hash v1', 32));
}

/** Phones compare by their digits: `+86 138-0013-8000` and `13800138000` are one phone. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/**
 * A keyed hash (HMAC-SHA-256 under a key derived from the data key) stored beside a ciphertext, so the shop can
 * find a document by phone without storing the phone: `<keyId>:<hex>`. Without the key it cannot be reversed by
 * trying every phone number.
 */
export function lookupHash(
  kind: string,
  value: string,
  keys: Keyring = keyring(),
  key: DataKey = keys.current,
): string {
  const hmac = createHmac('sha256', lookupKey(key)).update(`${kind}\u0000${value}`).digest('hex');
  return `${key.id}:${hmac}`;
}

/** The hashes of one value under every key in the ring, to query with `_.in(...)` across a rotation. */
export function lookupHashes(kind: string, value: string, keys: Keyring = keyring()): string[] {
  return [...keys.byId.values()].map((key) => lookupHash(kind, value, keys, key));
}
