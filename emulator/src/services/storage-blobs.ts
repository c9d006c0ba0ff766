/**
 * Where uploaded file bytes live: a directory tree mirroring the cloud paths, or memory for `:memory:`.
 * Cloud paths are validated before they get here, so a path can never leave the directory.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BlobStore {
  put(cloudPath: string, bytes: Buffer): void;
  get(cloudPath: string): Buffer | undefined;
  /** false when there was nothing to delete. */
  delete(cloudPath: string): boolean;
  clear(): void;
}

export function createBlobStore(dir: string): BlobStore {
  return dir === ':memory:' ? memoryStore() : directoryStore(dir);
}

function memoryStore(): BlobStore {
  const blobs = new Map<string, Buffer>();
  return {
    put: (cloudPath, bytes) => void blobs.set(cloudPath, Buffer.from(bytes)),
    get: (cloudPath) => blobs.get(cloudPath),
    delete: (cloudPath) => blobs.delete(cloudPath),
    clear: () => blobs.clear(),
  };
}

function directoryStore(dir: string): BlobStore {
  const fileOf = (cloudPath: string) => path.join(dir, ...cloudPath.split('/'));
  return {
    put(cloudPath, bytes) {
      const file = fileOf(cloudPath);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
    },
    get(cloudPath) {
      try {
        return fs.readFileSync(fileOf(cloudPath));
      } catch {
        return undefined;
      }
    },
    delete(cloudPath) {
      try {
        fs.unlinkSync(fileOf(cloudPath));
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
