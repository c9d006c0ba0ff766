/** Static hosting: `/` serves the admin page's production build, as CloudBase static hosting does in production. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendBytes } from './io';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>全员分销 · admin</title>
<p>The admin page has not been built yet. The emulator is running; its developer API is under <code>/_emulator/</code>.</p>`;

export async function serveStatic(res: ServerResponse, rootDir: string, pathname: string): Promise<void> {
  const relative = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.(\/|\\|$))+/, '');
  let file = path.join(rootDir, relative);
  if (!file.startsWith(rootDir)) return sendBytes(res, 403, Buffer.from('forbidden'), 'text/plain');
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat || stat.isDirectory()) {
    // A single-page app: unknown paths fall back to index.html so client-side routes survive a reload.
    file = path.join(rootDir, 'index.html');
  }
  const bytes = await fs.readFile(file).catch(() => undefined);
  if (!bytes) return sendBytes(res, 200, Buffer.from(notBuiltPage), contentTypes['.html']!);
  sendBytes(res, 200, bytes, contentTypes[path.extname(file)] ?? 'application/octet-stream');
}
