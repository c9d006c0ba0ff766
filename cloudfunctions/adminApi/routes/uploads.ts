/**
 * Images the operator uploads (the store logo, product and material pictures) go to cloud storage; the form then
 * keeps the fileID. The name derives from the content, so uploading the same picture twice stores it once.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import { cloud } from '../../_shared/platform/cloud';
import { handler } from '../router';

const MAX_BYTES = 2 * 1024 * 1024;
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export const uploadImage = handler(
  {
    body: z.strictObject({
      contentType: z.enum(Object.keys(EXTENSIONS) as [string, ...string[]]),
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil((MAX_BYTES * 4) / 3) + 4),
    }),
  },
  async ({ body }) => {
    const bytes = Buffer.from(body.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_BYTES) {
      throw new DomainError('INVALID_INPUT', { bytes: bytes.length }, '图片需小于 2 MB');
    }
    const name = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
    const { fileID } = await cloud.uploadFile({
      cloudPath: `uploads/${name}.${EXTENSIONS[body.contentType]}`,
      fileContent: bytes,
    });
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
      fileList: Array<{ tempFileURL: string }>;
    };
    return { fileID, url: fileList[0]?.tempFileURL ?? '' };
  },
);
