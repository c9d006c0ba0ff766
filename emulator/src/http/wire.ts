/**
 * `POST /admin`: the one endpoint every wx-server-sdk call reaches. JSON bodies name their `action`
 * (database.*, functions.invokeFunction, storage.*); multipart bodies carry `wx.openApi` and `wx.wxPayApi`.
 * Platform errors travel as HTTP 200 `{code, message, requestId}`, which is what the SDK turns into errCode.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller, WireReply } from '../types';
import { BodyTooLargeError, parseJsonObject, readBody, sendBytes, sendJson } from './io';
import { parseMultipart } from '../services/multipart';
import type { EmulatorServices } from '../services-registry';

export async function handleWire(req: IncomingMessage, res: ServerResponse, services: EmulatorServices): Promise<void> {
  const requestId = randomUUID();
  const fail = (code: string, message: string) => sendJson(res, 200, { code, message, requestId });
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return fail('INVALID_PARAM', error.message);
    throw error;
  }
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const fields = await parseMultipart({ headers: req.headers, body: raw }).catch(() => undefined);
    if (!fields) return fail('INVALID_PARAM', 'malformed multipart body');
    return handleMultipart(fields, res, services, fail);
  }
  const body = parseJsonObject(raw);
  if (!body) return fail('INVALID_PARAM', 'request body is not a JSON object');
  const action = typeof body.action === 'string' ? body.action : '';
  const sender = services.callerOfToken(body.wxCloudApiToken);
  if (services.faults.take(action, body.collectionName, sender?.functionName)) {
    services.killSender(
      body.wxCloudApiToken,
      `Function instance killed by an injected fault before ${action} on ${String(body.collectionName)}`,
    );
    // The request never runs: the instance that sent it is gone, as after a crash.
    res.destroy();
    return;
  }
  const reply = await dispatchJsonAction(action, body, services, sender?.functionName);
  sendReply(res, requestId, reply);
}

function sendReply(res: ServerResponse, requestId: string, reply: WireReply): void {
  if ('code' in reply) return sendJson(res, 200, { code: reply.code, message: reply.message, requestId });
  if (reply.transactionId !== undefined) return sendJson(res, 200, { requestId, transactionId: reply.transactionId });
  sendJson(res, 200, { requestId, data: reply.data });
}

async function dispatchJsonAction(
  action: string,
  body: Record<string, unknown>,
  services: EmulatorServices,
  functionName: string | undefined,
): Promise<WireReply> {
  if (action.startsWith('database.')) return services.db.handle(action, body, functionName);
  if (action.startsWith('storage.')) return services.storage.handle(action, body);
  if (action === 'functions.invokeFunction') return invokeFromFunction(body, services);
  return { code: 'INVALID_PARAM', message: `unknown action: ${action || '(none)'}` };
}

/** `cloud.callFunction` from inside a function: the callee runs as the caller's user, as in production. */
async function invokeFromFunction(body: Record<string, unknown>, services: EmulatorServices): Promise<WireReply> {
  const name = body.function_name;
  if (typeof name !== 'string' || name === '') return { code: 'INVALID_PARAM', message: 'function_name is required' };
  let event: unknown = {};
  if (typeof body.request_data === 'string' && body.request_data !== '') {
    try {
      event = JSON.parse(body.request_data);
    } catch {
      return { code: 'INVALID_PARAM', message: 'request_data is not JSON' };
    }
  }
  const origin = services.callerOfToken(body.wxCloudApiToken);
  const caller: Caller = { ...(origin?.caller ?? {}), source: 'scf' };
  const outcome = await services.functions.invoke(name, event, caller);
  if (!outcome.ok) return { code: outcome.code, message: outcome.message };
  return { data: { response_data: JSON.stringify(outcome.result ?? null) } };
}

async function handleMultipart(
  fields: Record<string, Buffer>,
  res: ServerResponse,
  services: EmulatorServices,
  fail: (code: string, message: string) => void,
): Promise<void> {
  const action = fields.action?.toString('utf8');
  const apiName = fields.apiName?.toString('utf8') ?? '';
  const token = fields.wxCloudApiToken?.toString('utf8');
  const origin = services.callerOfToken(token);
  if (action === 'wx.openApi') {
    const reply = await services.openapi.handle(apiName, fields.requestData ?? Buffer.alloc(0), origin?.functionName);
    return sendBytes(res, 200, reply, 'application/octet-stream');
  }
  if (action === 'wx.wxPayApi') {
    let requestData: Record<string, unknown>;
    try {
      requestData = JSON.parse(fields.requestData?.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return fail('INVALID_PARAM', 'requestData is not JSON');
    }
    const reply = await services.pay.handle(apiName, requestData, origin?.caller);
    if (reply.kind === 'error') return fail(reply.code, reply.message);
    // A bill is text, not JSON: the SDK hands it to the function as `{data: string}`.
    if (reply.kind === 'text') return sendBytes(res, 200, Buffer.from(reply.text, 'utf8'), 'text/plain; charset=utf-8');
    // Exactly `application/json; charset=utf-8` would make node-sdk pre-parse the body and then reject it.
    return sendBytes(res, 200, Buffer.from(JSON.stringify(reply.body)), 'application/json');
  }
  fail('INVALID_PARAM', `unknown action: ${action ?? '(none)'}`);
}
