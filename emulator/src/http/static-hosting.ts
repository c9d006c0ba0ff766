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

/**
 * The admin page's Content-Security-Policy, sent with everything static hosting serves (README: deploy steps give
 * the same header to CloudBase static hosting). No inline script and no eval: script only from the page's own
 * files, so a slip that puts stored text into HTML cannot run it. style-src needs 'unsafe-inline': TDesign
 * positions popups, drawers and tooltips with style attributes and ECharts styles its tooltip box inline; styles
 * cannot run script, and image loads from CSS are bounded by img-src. Images: the page's own, cloud storage over
 * https, and data:/blob: previews of an upload before it is sent.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': ADMIN_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>全员分销 · admin</title>
<p>The admin page has not been built yet. The emulator is running; its developer API is under <code>/_emulator/</code>.</p>`;

export async function serveStatic(res: ServerResponse, rootDir: string, pathname: string): Promise<void> {
  const relative = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.(\/|\\|$))+/, '');
  let file = path.join(rootDir, relative);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
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
