/**
 * Writes a file so readers see either nothing or the whole content: two emulator processes may share a build
 * folder, and a worker must never load a half-written bundle.
 */
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}
