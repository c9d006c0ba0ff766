/**
 * A poster's mini program code: `wxacode.getUnlimited` with the short share code in `scene` (≤ 32 characters),
 * stored once in cloud storage under a name derived from the code, so asking again reuses the same image.
 */
import { cloud } from '../platform/cloud';

export const PRODUCT_PAGE = 'pages/product/index';

export async function posterCode(code: string): Promise<{ fileID: string; tempFileURL: string; page: string; scene: string }> {
  const image = (await cloud.openapi.wxacode.getUnlimited({ scene: code, page: PRODUCT_PAGE, checkPath: false, width: 430 })) as {
    buffer: Buffer;
    contentType: string;
  };
  const extension = image.contentType.includes('png') ? 'png' : 'jpg';
  const { fileID } = await cloud.uploadFile({ cloudPath: `posters/${code}.${extension}`, fileContent: image.buffer });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> };
  return { fileID, tempFileURL: fileList[0]?.tempFileURL ?? '', page: PRODUCT_PAGE, scene: code };
}
