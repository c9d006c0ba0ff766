import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../src/clock';
import { bucketOf, createStorageService, isValidCloudPath, type StorageService } from '../../src/services/storage';
import type { WireReply } from '../../src/types';

const context = { envId: 'shop-9x', appId: 'wxAPP', clock: new VirtualClock(), baseUrl: () => 'http://127.0.0.1:9100' };
const data = (reply: WireReply) => {
  if (!('data' in reply) || reply.data === undefined) throw new Error(`expected data, got ${JSON.stringify(reply)}`);
  return reply.data as Record<string, unknown>;
};

describe.each([
  ['memory', () => ':memory:'],
  ['a directory', () => fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-storage-'))],
])('storage service in %s', (_where, makeDir) => {
  let dir: string;
  let storage: StorageService;
  const fileId = (cloudPath: string) => `cloud://shop-9x.${bucketOf('shop-9x')}/${cloudPath}`;

  beforeEach(() => {
    dir = makeDir();
    storage = createStorageService({ context, dir });
  });

  afterEach(() => {
    if (dir !== ':memory:') fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the bucket after the env id, as the platform does', () => {
    expect(bucketOf('online-2071e6')).toBe('6f6e-online-2071e6');
  });

  it('hands out an upload URL on the emulator and the file id of the path', async () => {
    const metadata = data(await storage.handle('storage.getUploadMetadata', { path: 'qr/a b.png', method: 'put' }));
    expect(metadata).toMatchObject({
      url: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:9100\/_emulator\/storage\/upload\/qr%2Fa%20b\.png\?token=\w+$/,
      ),
      token: expect.any(String),
      authorization: expect.any(String),
      fileId: fileId('qr/a b.png'),
      cosFileId: expect.stringMatching(/^[0-9a-f]+$/),
    });
  });

  it('serves temp URLs for stored files only, and deletes', async () => {
    storage.put('qr/a b.png', Buffer.from('png'));
    const reply = data(
      await storage.handle('storage.batchGetDownloadUrl', {
        file_list: [
          { fileid: fileId('qr/a b.png'), max_age: 60 },
          { fileid: fileId('qr/none.png') },
          { fileid: 'cloud://other.env/qr/a b.png' },
        ],
      }),
    );
    expect(reply.download_list).toEqual([
      {
        code: 'SUCCESS',
        fileID: fileId('qr/a b.png'),
        tempFileURL: expect.stringMatching(
          /^http:\/\/127\.0\.0\.1:9100\/_emulator\/storage\/files\/qr\/a b\.png\?sign=\w+&t=\d+$/,
        ),
        maxAge: 60,
      },
      { code: 'STORAGE_FILE_NONEXIST', message: expect.any(String), fileID: fileId('qr/none.png'), tempFileURL: '' },
      {
        code: 'STORAGE_FILE_NONEXIST',
        message: expect.any(String),
        fileID: 'cloud://other.env/qr/a b.png',
        tempFileURL: '',
      },
    ]);
    expect(storage.get('qr/a b.png')?.toString()).toBe('png');

    const deleted = data(
      await storage.handle('storage.batchDeleteFile', { fileid_list: [fileId('qr/a b.png'), fileId('qr/a b.png')] }),
    );
    expect((deleted.delete_list as Array<{ code: string }>).map((item) => item.code)).toEqual([
      'SUCCESS',
      'STORAGE_FILE_NONEXIST',
    ]);
    expect(storage.get('qr/a b.png')).toBeUndefined();
  });

  it('refuses paths that are not cloud paths, and unknown actions', async () => {
    for (const bad of ['', '/abs.png', 'a//b', '../escape', 'a/./b']) expect(isValidCloudPath(bad)).toBe(false);
    expect(await storage.handle('storage.getUploadMetadata', { path: '../x' })).toMatchObject({
      code: 'INVALID_PARAM',
    });
    expect(() => storage.put('../x', Buffer.from('x'))).toThrow(/invalid cloud path/);
    expect(storage.get('../x')).toBeUndefined();
    expect(await storage.handle('storage.batchCopyFile', {})).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('forgets every file on reset', () => {
    storage.put('a/b.txt', Buffer.from('x'));
    storage.reset();
    expect(storage.get('a/b.txt')).toBeUndefined();
    storage.put('a/b.txt', Buffer.from('y'));
    expect(storage.get('a/b.txt')?.toString()).toBe('y');
  });
});
