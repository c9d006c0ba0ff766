/**
 * Test fixture: the smallest HTTP front for a DatabaseService, speaking the reply envelope of the wire notes §1.5,
 * so the conformance suite drives the engine through the real wx-server-sdk without depending on emulator/src/server.ts.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseService } from '../../src/types';

export interface WireServer {
  url: string;
  /** Every action received, in order: lets tests assert what the SDK actually sent. */
  actions: Array<{ action: string; body: Record<string, unknown> }>;
  /** Routes later requests to another database (a file's SDK singleton can then meet differently configured engines). */
  use(db: DatabaseService): void;
  close(): Promise<void>;
}

export async function startWireServer(initial: DatabaseService): Promise<WireServer> {
  let db = initial;
  const actions: WireServer['actions'] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const requestId = randomUUID();
        let payload: Record<string, unknown>;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          const action = String(body.action);
          actions.push({ action, body });
          const reply = await db.handle(action, body);
          payload =
            'code' in reply || reply.transactionId !== undefined
              ? { requestId, ...reply }
              : { requestId, data: reply.data };
        } catch (error) {
          payload = { requestId, code: 'SYS_ERR', message: String(error) };
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actions,
    use: (next) => {
      db = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
