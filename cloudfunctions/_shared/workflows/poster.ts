/**
 * A poster's mini program code: `wxacode.getUnlimited` with the short share code in `scene` (≤ 32 characters),
 * stored once in cloud storage under a name derived from the code and remembered on the share code, so asking
 * again reuses the same file without a second `getUnlimited` call or upload. A new poster counts against the
 * distributor's daily cap.
 */
import { cloud, db } from '../platform/cloud';
import { COLLECTIONS } from '../store/collections';
import { type ShareCodeDoc, takeShareAllowance } from '../store/share-codes';
import { posterBackgrounds } from '../store/poster-backgrounds';

export const PRODUCT_PAGE = 'pages/product/index';

export interface Poster {
  fileID: string;
  tempFileURL: string;
  page: string;
  scene: string;
}

async function temporaryUrl(fileID: string): Promise<string> {
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
    fileList: Array<{ tempFileURL: string }>;
  };
  return fileList[0]?.tempFileURL ?? '';
}

async function drawPoster(code: string): Promise<string> {
  const image = (await cloud.openapi.wxacode.getUnlimited({
    scene: code,
    page: PRODUCT_PAGE,
    checkPath: false,
    width: 430,
  })) as {
    buffer: Buffer;
    contentType: string;
  };
  const extension = image.contentType.includes('png') ? 'png' : 'jpg';
  const { fileID } = await cloud.uploadFile({ cloudPath: `posters/${code}.${extension}`, fileContent: image.buffer });
  return fileID;
}

export async function posterFor(share: ShareCodeDoc, now: number): Promise<Poster> {
  if (share.poster)
    return {
      fileID: share.poster.fileID,
      tempFileURL: await temporaryUrl(share.poster.fileID),
      page: PRODUCT_PAGE,
      scene: share._id,
    };
  await takeShareAllowance(share.inviterOpenid, now);
  const fileID = await drawPoster(share._id);
  // Two first requests racing may both draw (same file name, same image); the first to record it wins.
  await db()
    .collection(COLLECTIONS.shareCodes)
    .where({ _id: share._id, poster: db().command.exists(false) })
    .update({ data: { poster: { fileID, createdAt: now } } });
  return { fileID, tempFileURL: await temporaryUrl(fileID), page: PRODUCT_PAGE, scene: share._id };
}

/** The merchant's poster backgrounds with temporary addresses (one storage call for all of them). */
export async function posterBackgroundViews(): Promise<Array<{ id: string; name: string; url: string }>> {
  const items = await posterBackgrounds();
  if (items.length === 0) return [];
  const { fileList } = (await cloud.getTempFileURL({ fileList: items.map((item) => item.fileID) })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>;
  };
  const urls = new Map(fileList.map((file) => [file.fileID, file.tempFileURL]));
  return items.map(({ id, name, fileID }) => ({ id, name, url: urls.get(fileID) ?? '' }));
}
