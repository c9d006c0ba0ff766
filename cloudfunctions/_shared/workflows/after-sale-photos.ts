/**
 * A shopper's after-sale photos. The mini program uploads them (`wx.cloud.uploadFile`) into a folder named after a
 * hash of the caller's openid (`photoFolder`), which no other shopper can name; a request may only cite fileIDs in
 * the caller's own folder that exist in this environment's storage. Anything else (another shopper's photo, a file
 * of another bucket, a made-up id) is refused with PHOTO_NOT_YOURS and nothing is written.
 */
import { DomainError } from '../../../core/src';
import { cloud } from '../platform/cloud';
import { stableId } from '../platform/ids';

export function photoFolderOf(openid: string): string {
  return `after-sales/${stableId('after-sale-photos', openid)}`;
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`, or null for anything that is not a storage fileID. */
function pathOf(fileID: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return match ? (match[1] as string) : null;
}

export async function checkPhotos(openid: string, fileIDs: readonly string[]): Promise<string[]> {
  if (fileIDs.length === 0) return [];
  if (new Set(fileIDs).size !== fileIDs.length) throw new DomainError('INVALID_INPUT', { photos: 'a photo twice' });
  const folder = `${photoFolderOf(openid)}/`;
  for (const fileID of fileIDs) {
    const path = pathOf(fileID);
    if (!path || !path.startsWith(folder) || path.slice(folder.length).includes('/'))
      throw new DomainError('PHOTO_NOT_YOURS', { fileID });
  }
  // Exists in this environment's storage: a temporary URL is only issued for a stored file.
  const { fileList } = (await cloud.getTempFileURL({ fileList: [...fileIDs] })) as {
    fileList: Array<{ fileID: string; tempFileURL?: string }>;
  };
  for (const fileID of fileIDs) {
    const found = fileList.find((file) => file.fileID === fileID);
    if (!found?.tempFileURL) throw new DomainError('PHOTO_NOT_YOURS', { fileID });
  }
  return [...fileIDs];
}
