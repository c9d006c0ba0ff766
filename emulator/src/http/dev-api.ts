/**
 * `/_emulator/*`: the developer endpoints tests and tools drive the emulator with (reset, clock, timers,
 * simulated payments, direct function calls as a mini program user, collection dumps).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller, InvokeOutcome } from '../types';
import type { EmulatorServices } from '../services-registry';
import { BodyTooLargeError, parseJsonObject, readBody, sendBytes, sendJson } from './io';

/** The identity `POST /_emulator/functions/<name>` uses when the request names none. */
export const LOCAL_TEST_OPENID = 'o-local-shopper';

type Route = (
  match: RegExpExecArray,
  body: Record<string, unknown>,
  services: EmulatorServices,
  res: ServerResponse,
) => Promise<void> | void;

const routes: Array<{ method: string; pattern: RegExp; handle: Route }> = [
  { method: 'GET', pattern: /^\/_emulator\/health$/, handle: (_m, _b, _s, res) => sendJson(res, 200, { ok: true }) },
  {
    method: 'POST',
    pattern: /^\/_emulator\/reset$/,
    handle: async (_m, body, services, res) =>
      sendJson(res, 200, { ok: true, ...(await services.reset({ seed: body.seed === true })) }),
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/functions$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, { functions: services.functions.list() }),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/functions\/([^/]+)$/,
    handle: async (m, body, services, res) => {
      const name = decode(m[1]);
      // `"openid": null` is a client that is not signed in (a web page with no login); absent means the test user.
      const openid =
        body.openid === null
          ? undefined
          : typeof body.openid === 'string' && body.openid !== ''
            ? body.openid
            : LOCAL_TEST_OPENID;
      const caller: Caller = {
        source: 'wx_client',
        openid,
        appid: services.context.appId,
        unionid: typeof body.unionid === 'string' ? body.unionid : undefined,
        clientIp: '127.0.0.1',
      };
      if (!services.functionRules.allows(name, caller)) {
        return sendJson(res, 403, {
          error: {
            code: 'EXCEED_AUTHORITY',
            message: `the function security rules do not allow this client to invoke ${name}`,
          },
        });
      }
      sendOutcome(res, await services.functions.invoke(name, body.data ?? {}, caller));
    },
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/timers\/([^/]+)\/([^/]+)$/,
    handle: async (m, _b, services, res) => {
      const functionName = decode(m[1]);
      const triggerName = decode(m[2]);
      const known = services.functions.get(functionName)?.triggers.some((t) => t.name === triggerName);
      if (!known) {
        return sendJson(res, 404, {
          error: { code: 'TRIGGER_NOT_FOUND', message: `no trigger ${triggerName} on function ${functionName}` },
        });
      }
      sendOutcome(res, await services.timers.fire(functionName, triggerName));
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/clock$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, { now: services.context.clock.now() }),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/clock$/,
    handle: async (_m, body, services, res) => {
      const { clock } = services.context;
      if (isFiniteNumber(body.advanceMs)) return sendJson(res, 200, { now: await clock.advance(body.advanceMs) });
      if (isFiniteNumber(body.now)) return sendJson(res, 200, { now: await clock.set(body.now) });
      sendJson(res, 400, { error: { code: 'INVALID_INPUT', message: 'give {"advanceMs": n} or {"now": epochMs}' } });
    },
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/pay\/([^/]+)$/,
    handle: async (m, body, services, res) => {
      const delivered = await services.pay.simulatePayment(decode(m[1]), {
        deliveries: isFiniteNumber(body.deliveries) ? Math.max(1, Math.floor(body.deliveries)) : 1,
        concurrent: body.concurrent === true,
        result: body.result === 'FAIL' ? 'FAIL' : 'SUCCESS',
      });
      if (!delivered) return sendJson(res, 404, { error: { code: 'TRADE_NOT_FOUND', message: 'unknown outTradeNo' } });
      sendJson(res, 200, delivered);
    },
  },
  {
    // 商家转账: the payee confirms (or the bill fails, or 24 h pass unconfirmed), then the callback is delivered.
    method: 'POST',
    pattern: /^\/_emulator\/transfers\/([A-Za-z0-9]+)\/(confirm|expire|fail|notify|inject-failure)$/,
    handle: async (m, body, services, res) => {
      const outBillNo = decode(m[1]);
      const options = {
        deliveries: isFiniteNumber(body.deliveries) ? Math.max(1, Math.floor(body.deliveries)) : 1,
        concurrent: body.concurrent === true,
      };
      const transfer = services.transfer;
      if (m[2] === 'inject-failure') {
        transfer.injectFailure(outBillNo);
        return sendJson(res, 200, { ok: true });
      }
      const action = m[2] as 'confirm' | 'expire' | 'fail' | 'notify';
      const delivered = await transfer[action](outBillNo, options);
      if (!delivered)
        return sendJson(res, 404, { error: { code: 'BILL_NOT_FOUND', message: 'unknown or already final bill' } });
      sendJson(res, 200, { bill: transfer.bill(outBillNo), deliveries: delivered });
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/transfers$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, { bills: services.transfer.bills() }),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/refunds\/([^/]+)$/,
    handle: async (m, body, services, res) => {
      const delivered = await services.pay.deliverRefund(decode(m[1]), {
        deliveries: isFiniteNumber(body.deliveries) ? Math.max(1, Math.floor(body.deliveries)) : 1,
        concurrent: body.concurrent === true,
      });
      if (!delivered)
        return sendJson(res, 404, { error: { code: 'REFUND_NOT_FOUND', message: 'unknown outRefundNo' } });
      sendJson(res, 200, delivered);
    },
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/faults$/,
    handle: (_m, body, services, res) => {
      if (typeof body.action !== 'string' || body.action === '') {
        return sendJson(res, 400, {
          error: { code: 'INVALID_INPUT', message: 'give {"action", "collection"?, "functionName"?, "times"?}' },
        });
      }
      services.faults.arm({
        action: body.action,
        collection: typeof body.collection === 'string' ? body.collection : undefined,
        functionName: typeof body.functionName === 'string' ? body.functionName : undefined,
        times: isFiniteNumber(body.times) ? Math.max(1, Math.floor(body.times)) : 1,
      });
      sendJson(res, 200, { faults: services.faults.list() });
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/stats$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, services.db.queryStats()),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/stats\/reset$/,
    handle: (_m, _b, services, res) => {
      services.db.resetQueryStats();
      sendJson(res, 200, { ok: true });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/_emulator\/stats$/,
    handle: (_m, _b, services, res) => {
      services.db.resetQueryStats();
      sendJson(res, 200, { ok: true });
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/outbox$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, { messages: services.openapi.outbox() }),
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/shipping-uploads$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, { uploads: services.openapi.shippingUploads() }),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/shipping-uploads\/refuse$/,
    handle: (_m, body, services, res) => {
      const times = isFiniteNumber(body.times) ? Math.max(0, Math.floor(body.times)) : 1;
      services.openapi.refuseShippingUploads(
        times,
        isFiniteNumber(body.errcode) ? body.errcode : undefined,
        typeof body.errmsg === 'string' ? body.errmsg : undefined,
      );
      sendJson(res, 200, { refusing: times });
    },
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/refund-refusals$/,
    handle: (_m, body, services, res) => {
      const times = isFiniteNumber(body.times) ? Math.max(0, Math.floor(body.times)) : 1;
      services.pay.refuseRefunds(times);
      sendJson(res, 200, { refusing: times });
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/wxacodes$/,
    handle: (_m, _b, services, res) => sendJson(res, 200, { codes: services.openapi.issuedCodes() }),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/phone-codes$/,
    handle: (_m, body, services, res) => {
      if (typeof body.openid !== 'string' || body.openid === '') {
        return sendJson(res, 400, { error: { code: 'INVALID_INPUT', message: 'give {"openid", "phoneNumber"?}' } });
      }
      const phoneNumber = typeof body.phoneNumber === 'string' ? body.phoneNumber : undefined;
      sendJson(res, 200, services.openapi.issuePhoneCode(body.openid, phoneNumber));
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/db\/([^/]+)$/,
    handle: async (m, _b, services, res) => sendJson(res, 200, { data: await services.db.dump(decode(m[1])) }),
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/db\/([^/]+)$/,
    handle: async (m, body, services, res) => {
      if (
        !Array.isArray(body.documents) ||
        !body.documents.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d))
      ) {
        return sendJson(res, 400, { error: { code: 'INVALID_INPUT', message: 'give {"documents": [{...}, ...]}' } });
      }
      await services.db.seed(decode(m[1]), body.documents as Record<string, unknown>[]);
      sendJson(res, 200, { inserted: body.documents.length });
    },
  },
  {
    method: 'GET',
    pattern: /^\/_emulator\/storage\/files\/(.+)$/,
    handle: (m, _b, services, res) => {
      const bytes = services.storage.get(decode(m[1]));
      if (!bytes) return sendJson(res, 404, { error: { code: 'STORAGE_FILE_NONEXIST', message: 'no such file' } });
      sendBytes(res, 200, bytes, 'application/octet-stream');
    },
  },
];

export async function handleDevApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  services: EmulatorServices,
): Promise<boolean> {
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, { error: { code: 'INVALID_INPUT', message: error.message } });
      return true;
    }
    const body = parseJsonObject(raw);
    if (!body) {
      sendJson(res, 400, { error: { code: 'INVALID_INPUT', message: 'body must be a JSON object' } });
      return true;
    }
    await route.handle(match, body, services, res);
    return true;
  }
  return false;
}

function sendOutcome(res: ServerResponse, outcome: InvokeOutcome): void {
  if (outcome.ok) return sendJson(res, 200, { result: outcome.result });
  sendJson(res, 500, { error: { code: outcome.code, message: outcome.message } });
}

function decode(segment: string | undefined): string {
  return decodeURIComponent(segment ?? '');
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
