/**
 * The emulator's outside contract: the developer API, the wire endpoint's error handling, function calls between
 * functions, timers on the virtual clock, simulated payments, HTTP access and static hosting.
 */
import path from 'node:path';
import { useEmulator, connectSdk } from './support/emulator';

const fixtures = path.join(__dirname, 'fixtures', 'server-functions');
const DAY_MS = 86_400_000;

const emu = useEmulator({
  functionsDir: fixtures,
  cloudbasercPath: path.join(fixtures, 'cloudbaserc.json'),
  schema: {
    collections: {
      ticks: {},
      payments: {},
      notes: { indexes: [{ name: 'slug', unique: true, keys: [{ name: 'slug', direction: '1' }] }] },
    },
  },
});

async function wire(body: string | Buffer, contentType = 'application/json') {
  const response = await fetch(`${emu.url}/admin?env=local-dev`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('developer API', () => {
  test('health answers ok', async () => {
    expect(await emu.request('GET', '/_emulator/health')).toEqual({ status: 200, body: { ok: true } });
  });

  test('a function runs as the mini program user named in the request', async () => {
    const { status, body } = await emu.call('whoami', { a: 1 }, 'o-alice');
    expect(status).toBe(200);
    expect(body.result.context.OPENID).toBe('o-alice');
    expect(body.result.context.SOURCE).toBe('wx_client');
    expect(body.result.event).toEqual({ a: 1, userInfo: { appId: expect.any(String), openId: 'o-alice' } });
    expect(body.result.greeting).toBe('hello');
  });

  test('errors of functions come back with the platform codes', async () => {
    expect(await emu.call('nope')).toEqual({
      status: 500,
      body: { error: { code: 'FUNCTION_NOT_FOUND', message: expect.any(String) } },
    });
    const thrown = await emu.call('boom');
    expect(thrown.status).toBe(500);
    expect(thrown.body.error.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(thrown.body.error.message).toContain('boom at main');
    const slow = await emu.call('slow');
    expect(slow.status).toBe(500);
    expect(slow.body.error.code).toBe('FUNCTIONS_TIME_LIMIT_EXCEEDED');
    // The emulator keeps serving after all of that.
    expect((await emu.call('whoami', {}, 'o-bob')).body.result.context.OPENID).toBe('o-bob');
  });

  test('the clock jumps, and each timer whose schedule passed fires once', async () => {
    const before = (await emu.request('GET', '/_emulator/clock')).body.now as number;
    expect(Math.abs(before - Date.now())).toBeLessThan(1000);
    const jumped = await emu.request('POST', '/_emulator/clock', { advanceMs: 8 * DAY_MS });
    expect(jumped.body.now).toBeGreaterThanOrEqual(before + 8 * DAY_MS);
    const ticks = (await emu.request('GET', '/_emulator/db/ticks')).body.data as Array<{
      event: { Type: string; TriggerName: string };
    }>;
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.event).toMatchObject({ Type: 'Timer', TriggerName: 'hourly' });
    // Function instances see the virtual time too.
    const { body } = await emu.call('whoami');
    expect(body.result.now).toBeGreaterThanOrEqual(before + 8 * DAY_MS);
  });

  test('a timer can be fired by hand, and reset brings the clock back', async () => {
    await emu.request('POST', '/_emulator/clock', { advanceMs: 3 * DAY_MS });
    expect(await emu.request('POST', '/_emulator/timers/tick/hourly')).toEqual({
      status: 200,
      body: { result: { fired: 'hourly' } },
    });
    expect((await emu.request('POST', '/_emulator/timers/tick/never')).status).toBe(404);
    await emu.request('POST', '/_emulator/reset');
    const now = (await emu.request('GET', '/_emulator/clock')).body.now as number;
    expect(Math.abs(now - Date.now())).toBeLessThan(1000);
    expect((await emu.request('GET', '/_emulator/db/ticks')).body.data).toEqual([]);
  });

  test('a clock request without a jump is refused', async () => {
    expect((await emu.request('POST', '/_emulator/clock', { advanceMs: 'soon' })).status).toBe(400);
  });

  test('a simulated payment delivers the callback to the function named at unifiedOrder, as often as asked', async () => {
    const order = await emu.call('paywall', { outTradeNo: 'T20261125001', totalFee: 1999 }, 'o-payer');
    expect(order.status).toBe(200);
    expect(order.body.result.payment.package).toMatch(/^prepay_id=/);
    const paid = await emu.request('POST', '/_emulator/pay/T20261125001', { deliveries: 3, concurrent: true });
    expect(paid.status).toBe(200);
    expect(paid.body.deliveries).toEqual([0, 1, 2].map(() => ({ errcode: 0, errmsg: 'OK' })));
    const payments = (await emu.request('GET', '/_emulator/db/payments')).body.data as Array<Record<string, unknown>>;
    expect(payments).toHaveLength(3);
    expect(payments[0]).toMatchObject({
      outTradeNo: 'T20261125001',
      totalFee: 1999,
      resultCode: 'SUCCESS',
      openid: 'o-payer',
      source: 'wx_paycallback',
    });
    expect((await emu.request('POST', '/_emulator/pay/UNKNOWN', {})).status).toBe(404);
  });

  test('reset with seed loads the demo data', async () => {
    const seeded = await emu.request('POST', '/_emulator/reset', { seed: true });
    expect(seeded.status).toBe(200);
    expect(seeded.body.ok).toBe(true);
  });
});

describe('function to function', () => {
  test('cloud.callFunction goes over the wire and the callee runs as the same user', async () => {
    const { body } = await emu.call('relay', { target: 'whoami', data: { hop: 1 } }, 'o-carol');
    expect(body.result.relayedBy).toBe('o-carol');
    expect(body.result.result.context.OPENID).toBe('o-carol');
    expect(body.result.result.event).toEqual({ hop: 1 });
  });

  test('a failing callee rejects the caller with the platform error', async () => {
    const { status, body } = await emu.call('relay', { target: 'boom', data: {} });
    expect(status).toBe(500);
    expect(body.error.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(body.error.message).toContain('callFunction:fail');
    expect(body.error.message).toContain('boom at main');
  });
});

describe('the wire endpoint refuses bad requests with the platform error shape and stays up', () => {
  test('malformed JSON', async () => {
    const reply = await wire('{"action": ');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ code: 'INVALID_PARAM', requestId: expect.any(String) });
  });

  test('unknown action', async () => {
    expect((await wire(JSON.stringify({ action: 'database.dropEverything' }))).body.code).toBe('INVALID_PARAM');
    expect((await wire(JSON.stringify({ action: 'teleport' }))).body.code).toBe('INVALID_PARAM');
  });

  test('a huge body', async () => {
    const reply = await wire(Buffer.alloc(25 * 1024 * 1024, 0x20));
    expect(reply.body.code).toBe('INVALID_PARAM');
    expect((await emu.request('GET', '/_emulator/health')).body).toEqual({ ok: true });
  });

  test('the real SDK works against it from this process', async () => {
    const cloud = connectSdk(emu.url);
    const db = cloud.database();
    await db.collection('notes').add({ data: { slug: 'a', text: 'first' } });
    await expect(db.collection('notes').add({ data: { slug: 'a', text: 'again' } })).rejects.toThrow(/E11000/);
    await expect(db.collection('missing').get()).rejects.toMatchObject({ errCode: -502005 });
    const { data } = await db.collection('notes').where({ slug: 'a' }).get();
    expect(data.map((note: { text: string }) => note.text)).toEqual(['first']);
  });
});

describe('HTTP access and static hosting', () => {
  test('a gateway route invokes its function with the integration request and maps the response back', async () => {
    const response = await fetch(`${emu.url}/api/hello/items?x=1`, {
      method: 'POST',
      body: '{"n":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      path: '/api/hello/items',
      method: 'POST',
      body: '{"n":1}',
      query: { x: '1' },
    });
    const text = await fetch(`${emu.url}/api/hello/text`);
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(await text.text()).toBe('plain words');
  });

  test('the root serves a page', async () => {
    const response = await fetch(`${emu.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
