/**
 * A stand-in for the emulator's HTTP server, just enough to run the real wx-server-sdk against the services:
 * POST /admin (JSON storage actions, multipart wx.openApi / wx.wxPayApi), the upload PUT and the file GET.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart } from '../../src/services/multipart';
import type { OpenApiService } from '../../src/services/openapi';
import type { PayService } from '../../src/services/pay';
import { DOWNLOAD_ROUTE, UPLOAD_ROUTE, type StorageService } from '../../src/services/storage';
import type { Caller } from '../../src/types';

export interface FixtureServices {
  openapi: OpenApiService;
  pay: PayService;
  storage: StorageService;
  /** The function and user every SDK request is attributed to. */
  callerFunction: string;
  caller: Caller;
}

export interface Fixture {
  url: string;
  /** Every multipart request's fields, to check what the SDK sent. */
  multipartRequests: Record<string, Buffer>[];
  close(): Promise<void>;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, contentType: string, body: Buffer | string): void {
  res.writeHead(200, { 'content-type': contentType });
  res.end(body);
}

export async function startFixture(services: FixtureServices): Promise<Fixture> {
  const multipartRequests: Record<string, Buffer>[] = [];

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://fixture');
    if (req.method === 'PUT' && pathname.startsWith(UPLOAD_ROUTE)) {
      services.storage.put(decodeURIComponent(pathname.slice(UPLOAD_ROUTE.length)), await readBody(req));
      return send(res, 'application/xml', '');
    }
    if (req.method === 'GET' && pathname.startsWith(DOWNLOAD_ROUTE)) {
      const bytes = services.storage.get(decodeURIComponent(pathname.slice(DOWNLOAD_ROUTE.length)));
      if (!bytes) {
        res.writeHead(404).end();
        return;
      }
      return send(res, 'application/octet-stream', bytes);
    }
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const fields = await parseMultipart(req);
      multipartRequests.push(fields);
      const apiName = fields.apiName?.toString() ?? '';
      if (fields.action?.toString() === 'wx.openApi') {
        const reply = await services.openapi.handle(
          apiName,
          fields.requestData ?? Buffer.alloc(0),
          services.callerFunction,
        );
        return send(res, 'application/octet-stream', reply);
      }
      const requestData = JSON.parse(fields.requestData?.toString() ?? '{}') as Record<string, unknown>;
      const reply = await services.pay.handle(apiName, requestData, services.caller);
      if (reply.kind === 'error')
        return send(res, 'application/json', JSON.stringify({ code: reply.code, message: reply.message }));
      if (reply.kind === 'text') return send(res, 'text/plain; charset=utf-8', reply.text);
      return send(res, 'application/json', JSON.stringify(reply.body));
    }
    const body = JSON.parse((await readBody(req)).toString()) as Record<string, unknown>;
    const reply = await services.storage.handle(String(body.action), body);
    send(res, 'application/json', JSON.stringify({ requestId: 'fixture', ...reply }));
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: Error) => {
      res.writeHead(500).end(error.stack);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    multipartRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The real wx-server-sdk, pointed at the fixture, with the dummy credentials node-sdk insists on. */
export function loadSdk(serviceUrl: string, envId: string): WxServerSdk {
  Object.assign(process.env, {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'y',
    // SCF mode skips node-sdk's per-request metadata lookup at metadata.tencentyun.com.
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: envId,
  });

  const cloud = require('wx-server-sdk') as WxServerSdk;
  cloud.init({ env: envId, serviceUrl: `${serviceUrl}/admin` });
  return cloud;
}

/** The part of the SDK these tests use; its typings declare neither `cloudPay` nor `serviceUrl`. */
type SdkCall = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;
export interface WxServerSdk {
  init(options: { env: string; serviceUrl: string }): void;
  openapi: Record<string, Record<string, SdkCall>>;
  cloudPay: Record<string, SdkCall>;
  uploadFile(params: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(params: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; status: number; errMsg: string; tempFileURL: string; maxAge?: number }>;
  }>;
  downloadFile(params: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number }>;
  deleteFile(params: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>;
}
