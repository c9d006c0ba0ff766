/**
 * Writes a file so readers see either nothing or the whole content: two emulator processes may share a build
 * folder, and a worker must never load a half-written bundle.
 */
import { rename, writeFile } from 'node:fs/promises';
import { randomHex } from '../random';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${randomHex(6)}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}
