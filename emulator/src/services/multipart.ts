/**
 * Decodes the multipart/form-data bodies of `wx.openApi` and `wx.wxPayApi` requests into raw bytes per field.
 * Protobuf payloads (openapi requestData, cloudPay apiOptions) travel as application/octet-stream parts, which
 * busboy hands out as file streams; keeping every value a Buffer means no part is ever decoded as text by mistake.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import busboy from 'busboy';

export type MultipartSource = IncomingMessage | { headers: IncomingHttpHeaders; body: Buffer };

/** openapi media parameters (images for security checks) can be several MB. */
const MAX_PART_BYTES = 20 * 1024 * 1024;

export function parseMultipart(source: MultipartSource): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: source.headers, limits: { fieldSize: MAX_PART_BYTES, fileSize: MAX_PART_BYTES } });
    } catch (error) {
      reject(error as Error);
      return;
    }
    const fields: Record<string, Buffer> = {};
    const pendingFiles: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      fields[name] = Buffer.from(value, 'utf8');
    });
    parser.on('file', (name, stream) => {
      pendingFiles.push(
        new Promise((fileDone, fileFailed) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => fileFailed(new Error(`multipart part "${name}" exceeds ${MAX_PART_BYTES} bytes`)));
          stream.on('error', fileFailed);
          stream.on('end', () => {
            fields[name] = Buffer.concat(chunks);
            fileDone();
          });
        }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => {
      Promise.all(pendingFiles).then(() => resolve(fields), reject);
    });
    if ('body' in source && Buffer.isBuffer(source.body)) parser.end(source.body);
    else (source as IncomingMessage).pipe(parser);
  });
}
