import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart } from '../../src/services/multipart';

const BOUNDARY = '----emulator-test-boundary';
const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

function multipartBody(parts: Array<{ name: string; value: Buffer | string; octetStream?: boolean }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const type = part.octetStream ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n${type}\r\n`));
    chunks.push(Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

describe('parseMultipart', () => {
  const binary = Buffer.from([0x0a, 0x00, 0xff, 0xfe, 0x80, 0x12]);
  const body = multipartBody([
    { name: 'action', value: 'wx.openApi' },
    { name: 'apiName', value: '订阅.send' },
    { name: 'requestData', value: binary, octetStream: true },
  ]);

  it('keeps text fields and binary parts byte for byte', async () => {
    const fields = await parseMultipart({ headers, body });
    expect(fields.action?.toString()).toBe('wx.openApi');
    expect(fields.apiName?.toString()).toBe('订阅.send');
    expect(fields.requestData).toEqual(binary);
  });

  it('reads a request stream too', async () => {
    let parsed: Record<string, Buffer> | undefined;
    const server = http.createServer(async (req, res) => {
      parsed = await parseMultipart(req);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/admin`, { method: 'POST', headers, body });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(parsed?.requestData).toEqual(binary);
  });

  it('rejects a body that is not multipart', async () => {
    await expect(
      parseMultipart({ headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }),
    ).rejects.toThrow();
  });
});
