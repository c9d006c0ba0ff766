/**
 * Cloud storage (`storage.*` actions). The upload and download URLs handed to the SDK point back at the
 * emulator: the SDK PUTs the bytes to `/_emulator/storage/upload/<encodeURIComponent(path)>` and GETs
 * `/_emulator/storage/files/<path>`. The download path is left unencoded because the SDK applies `encodeURI`
 * to a temp URL before fetching it; the GET route decodes it once.
 */
import type { EmulatorContext, WireReply } from '../types';
import { createBlobStore } from './storage-blobs';
import { randomHex } from '../random';

export interface StorageService {
  handle(action: string, body: Record<string, unknown>): Promise<WireReply>;
  /** Stores an upload (the PUT route); throws for a path no cloud file can have. */
  put(cloudPath: string, bytes: Buffer): void;
  /** A stored file's bytes (the GET route), or undefined. */
  get(cloudPath: string): Buffer | undefined;
  reset(): void;
}

export const UPLOAD_ROUTE = '/_emulator/storage/upload/';
export const DOWNLOAD_ROUTE = '/_emulator/storage/files/';

const DEFAULT_MAX_AGE_SECONDS = 7200;
const MISSING_FILE = { code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' };

/** The platform's bucket naming: hex of the env id's first two characters, then the env id. */
export function bucketOf(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}`;
}

/** Paths map onto directories, so empty, `.` and `..` segments (and absolute paths) are refused. */
export function isValidCloudPath(cloudPath: string): boolean {
  return (
    cloudPath.length > 0 &&
    cloudPath.length <= 1024 &&
    !cloudPath.includes('\0') &&
    cloudPath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

export function createStorageService(options: { context: EmulatorContext; dir: string }): StorageService {
  const { context } = options;
  const blobs = createBlobStore(options.dir);
  const fileIdPrefix = () => `cloud://${context.envId}.${bucketOf(context.envId)}/`;

  const pathOfFileId = (fileId: unknown): string | undefined => {
    const prefix = fileIdPrefix();
    if (typeof fileId !== 'string' || !fileId.startsWith(prefix)) return undefined;
    const cloudPath = fileId.slice(prefix.length);
    return isValidCloudPath(cloudPath) ? cloudPath : undefined;
  };

  const downloadUrl = (cloudPath: string, maxAgeSeconds: number) => {
    const expires = Math.floor(context.clock.now() / 1000) + maxAgeSeconds;
    return `${context.baseUrl()}${DOWNLOAD_ROUTE}${cloudPath}?sign=${randomHex(16)}&t=${expires}`;
  };

  function getUploadMetadata(body: Record<string, unknown>): WireReply {
    const cloudPath = body.path;
    if (typeof cloudPath !== 'string' || !isValidCloudPath(cloudPath)) {
      return { code: 'INVALID_PARAM', message: `invalid cloudPath: ${JSON.stringify(cloudPath)}` };
    }
    const token = randomHex(16);
    return {
      data: {
        url: `${context.baseUrl()}${UPLOAD_ROUTE}${encodeURIComponent(cloudPath)}?token=${token}`,
        token,
        authorization: `q-sign-algorithm=sha1&q-signature=${randomHex(20)}`,
        fileId: `${fileIdPrefix()}${cloudPath}`,
        // Sent back by the SDK as an HTTP header, so it must stay ASCII whatever the path holds.
        cosFileId: randomHex(24),
        download_url: downloadUrl(cloudPath, DEFAULT_MAX_AGE_SECONDS),
      },
    };
  }

  function batchGetDownloadUrl(body: Record<string, unknown>): WireReply {
    const items = Array.isArray(body.file_list)
      ? (body.file_list as Array<{ fileid?: unknown; max_age?: unknown }>)
      : [];
    const downloadList = items.map(({ fileid, max_age: maxAge }) => {
      const cloudPath = pathOfFileId(fileid);
      if (cloudPath === undefined || !blobs.get(cloudPath)) return { ...MISSING_FILE, fileID: fileid, tempFileURL: '' };
      const seconds = typeof maxAge === 'number' && maxAge > 0 ? maxAge : DEFAULT_MAX_AGE_SECONDS;
      return { code: 'SUCCESS', fileID: fileid, tempFileURL: downloadUrl(cloudPath, seconds), maxAge: seconds };
    });
    return { data: { download_list: downloadList } };
  }

  function batchDeleteFile(body: Record<string, unknown>): WireReply {
    const fileIds: unknown[] = Array.isArray(body.fileid_list) ? body.fileid_list : [];
    const deleteList = fileIds.map((fileId) => {
      const cloudPath = pathOfFileId(fileId);
      const deleted = cloudPath !== undefined && blobs.delete(cloudPath);
      return deleted ? { code: 'SUCCESS', fileID: fileId } : { ...MISSING_FILE, fileID: fileId };
    });
    return { data: { delete_list: deleteList } };
  }

  return {
    async handle(action, body) {
      switch (action) {
        case 'storage.getUploadMetadata':
          return getUploadMetadata(body);
        case 'storage.batchGetDownloadUrl':
          return batchGetDownloadUrl(body);
        case 'storage.batchDeleteFile':
          return batchDeleteFile(body);
        default:
          return { code: 'INVALID_PARAM', message: `storage action ${action} is not supported by the emulator` };
      }
    },
    put(cloudPath, bytes) {
      if (!isValidCloudPath(cloudPath)) throw new Error(`invalid cloud path: ${JSON.stringify(cloudPath)}`);
      blobs.put(cloudPath, bytes);
    },
    get: (cloudPath) => (isValidCloudPath(cloudPath) ? blobs.get(cloudPath) : undefined),
    reset: () => blobs.clear(),
  };
}
