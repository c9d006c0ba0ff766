/**
 * /api/admin as seen from a chosen client address (any 127.x.y.z reaches the emulator over loopback), with any
 * headers (cookies, Origin, CSRF), and the raw response headers (Set-Cookie, Retry-After).
 */
import { request } from 'node:http';
import type { EmulatorHandle } from '../../../emulator/test/support/emulator';

export interface ClientAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

export interface ClientOptions {
  from?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export function apiFrom(
  emu: EmulatorHandle,
  method: string,
  path: string,
  { from = '127.0.0.1', body, token, headers = {} }: ClientOptions = {},
): Promise<ClientAnswer> {
  const url = new URL(`${emu.url}/api/admin${path}`);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const sent: Record<string, string> = { ...headers };
  if (payload) sent['content-type'] = 'application/json';
  if (token) sent.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers: sent,
        localAddress: from,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: kept as text.
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed, text });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The `name=value` part of the session cookie a response set, ready to send back as a Cookie header. */
export function cookieFrom(answer: ClientAnswer): string {
  const setCookie = answer.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error(`no Set-Cookie in ${answer.status} ${answer.text}`);
  return first.split(';')[0] as string;
}
