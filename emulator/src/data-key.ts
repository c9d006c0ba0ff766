/**
 * The key that protects personal data (SHOP_DATA_KEY, see cloudfunctions/_shared/platform/keyring.ts), as a
 * deployment sets it on its functions. A persistent emulator makes one on first start and keeps it in its data
 * folder (`data-key`, readable by its owner only), so data written yesterday still opens today; an in-memory one
 * makes a throwaway key. SHOP_DATA_KEY in the emulator's own environment, or the `dataKey` option, wins (rotation
 * tests, a copy of production data).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DATA_KEY_FILE = 'data-key';

export function freshDataKey(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export function resolveDataKey(dataDir: string, explicit?: string): string {
  const chosen = explicit ?? process.env.SHOP_DATA_KEY;
  if (chosen !== undefined && chosen !== '') return chosen;
  if (dataDir === ':memory:') return freshDataKey();
  const file = path.join(dataDir, DATA_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = freshDataKey();
  // `wx` fails if another emulator on the same folder wrote it first; then read theirs.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
