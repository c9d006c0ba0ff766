import { startRunner, resultOf, type Harness } from './runner-harness';

interface WhoamiResult {
  wxContext: Record<string, unknown>;
  event: Record<string, unknown>;
  context: Record<string, unknown>;
  env: Record<string, string | undefined>;
}

let harness: Harness;

beforeAll(async () => {
  process.env.FIXTURE_GREETING_NAME = 'world';
  process.env.FIXTURE_HOST_SECRET = 'must-not-leak';
  harness = await startRunner();
});
afterAll(() => harness.close());

describe('discovery', () => {
  it('lists folders with an index file, skipping shared and config-only folders', () => {
    expect(
      harness.runner
        .list()
        .map((fn) => fn.name)
        .sort(),
    ).toEqual(['caller', 'clock', 'counter', 'crasher', 'hog', 'slow', 'thrower', 'whoami']);
  });

  it('merges config.json (triggers, openapi) with cloudbaserc.json (timeout, env) and defaults to 3 s', () => {
    expect(harness.runner.get('whoami')).toEqual({
      name: 'whoami',
      timeoutMs: 5000,
      triggers: [{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }],
      openapiPermissions: ['wxacode.getUnlimited', 'subscribeMessage.send'],
      envVariables: { GREETING: 'hello world', MISSING: '' },
    });
    expect(harness.runner.get('slow')?.timeoutMs).toBe(1000);
    expect(harness.runner.get('thrower')?.timeoutMs).toBe(3000);
    expect(harness.runner.get('caller')?.triggers).toEqual([
      { name: 'hourly', type: 'timer', config: '0 0 * * * * *' },
    ]);
    expect(harness.logs.some((line) => line.includes('ignoring trigger') && line.includes('broken'))).toBe(true);
  });

  it('answers FUNCTION_NOT_FOUND for an unknown name', async () => {
    const outcome = await harness.runner.invoke('nope', {}, { source: 'wx_client', openid: 'o' });
    expect(outcome).toMatchObject({ ok: false, code: 'FUNCTION_NOT_FOUND' });
  });
});

describe('identity', () => {
  it('gives each of 20 concurrent callers its own OPENID and userInfo', async () => {
    const openids = Array.from({ length: 20 }, (_, index) => `openid-${index}`);
    const results = await Promise.all(
      openids.map((openid) =>
        harness.runner.invoke('whoami', { delayMs: Math.floor(Math.random() * 40) }, { source: 'wx_client', openid }),
      ),
    );
    results.forEach((outcome, index) => {
      const result = resultOf<WhoamiResult>(outcome);
      expect(result.wxContext).toEqual({
        OPENID: openids[index],
        APPID: 'wx-test-app',
        ENV: 'test-env',
        SOURCE: 'wx_client',
      });
      expect(result.event.userInfo).toEqual({ appId: 'wx-test-app', openId: openids[index] });
    });
  });

  it('overwrites a forged event.userInfo on client calls and leaves other sources untouched', async () => {
    const forged = { delayMs: 0, userInfo: { openId: 'admin', appId: 'evil' } };
    const fromClient = resultOf<WhoamiResult>(
      await harness.runner.invoke('whoami', forged, { source: 'wx_client', openid: 'o-real', unionid: 'u-1' }),
    );
    expect(fromClient.event.userInfo).toEqual({ appId: 'wx-test-app', openId: 'o-real' });
    expect(fromClient.wxContext).toMatchObject({ OPENID: 'o-real', UNIONID: 'u-1' });
    expect(forged.userInfo.openId).toBe('admin');

    const fromFunction = resultOf<WhoamiResult>(await harness.runner.invoke('whoami', forged, { source: 'scf' }));
    expect(fromFunction.event).toEqual(forged);
    expect(fromFunction.wxContext).toEqual({ APPID: 'wx-test-app', ENV: 'test-env', SOURCE: 'scf' });
  });

  it('passes the SCF context argument and environment, without leaking the host environment', async () => {
    const outcome = await harness.runner.invoke('whoami', {}, { source: 'wx_client', openid: 'o-ctx' });
    const { context, env } = resultOf<WhoamiResult>(outcome);
    expect(context).toMatchObject({
      request_id: outcome.requestId,
      requestId: outcome.requestId,
      function_name: 'whoami',
      function_version: '$LATEST',
      namespace: 'test-env',
      memory_limit_in_mb: 128,
      time_limit_in_ms: 5000,
      environ: '',
    });
    expect(JSON.parse(context.environment as string)).toMatchObject({ WX_OPENID: 'o-ctx', SCF_NAMESPACE: 'test-env' });
    expect(env).toEqual({
      GREETING: 'hello world',
      MISSING: '',
      SCF_FUNCTIONNAME: 'whoami',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://127.0.0.1:9/admin' }),
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_RUNENV: 'SCF',
    });
  });
});

describe('results and failures', () => {
  it('returns the JSON round trip of the value', async () => {
    expect(await harness.runner.invoke('thrower', { mode: 'undefined' }, { source: 'scf' })).toMatchObject({
      ok: true,
      result: null,
    });
    expect(await harness.runner.invoke('thrower', { mode: 'date' }, { source: 'scf' })).toMatchObject({
      ok: true,
      result: { at: '2024-01-02T00:00:00.000Z' },
    });
    const unserialisable = await harness.runner.invoke('thrower', { mode: 'unserialisable' }, { source: 'scf' });
    expect(unserialisable).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL' });
  });

  it('reports a thrown error with its name, message and a stack pointing at the TypeScript source', async () => {
    const outcome = await harness.runner.invoke('thrower', { mode: 'throw' }, { source: 'scf' });
    expect(outcome).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL' });
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^OrderNotFoundError: order o-1 does not exist\n/);
    expect(outcome.message).toMatch(/thrower[/\\]index\.ts:6:\d+/);
  });

  it('reports a rejected promise', async () => {
    const outcome = await harness.runner.invoke('thrower', { mode: 'reject' }, { source: 'scf' });
    expect(outcome).toMatchObject({
      ok: false,
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(/^TypeError: bad input/),
    });
  });

  it('stops a function that outlives its timeout and serves the next call from a fresh instance', async () => {
    await harness.runner.invoke('slow', { ms: 1 }, { source: 'scf' });
    const startedAt = Date.now();
    const outcome = await harness.runner.invoke('slow', { ms: 3000 }, { source: 'scf' });
    expect(outcome).toMatchObject({
      ok: false,
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
      message: 'Invoking task timed out after 1 seconds',
    });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(await harness.runner.invoke('slow', { ms: 10 }, { source: 'scf' })).toMatchObject({
      ok: true,
      result: { slept: 10 },
    });
  });

  it.each([
    ['process.exit', 'exit', /exited with code 3/],
    ['an uncaught exception in a timer', 'timer', /crashed: Error: late boom/],
    ['running out of memory', 'hog', /ERR_WORKER_OUT_OF_MEMORY/],
  ])('survives %s inside a function', async (_label, mode, message) => {
    const name = mode === 'hog' ? 'hog' : 'crasher';
    const outcome = await harness.runner.invoke(name, { mode }, { source: 'scf' });
    expect(outcome).toMatchObject({
      ok: false,
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(message),
    });
    expect(await harness.runner.invoke('crasher', { mode: 'ok' }, { source: 'scf' })).toMatchObject({
      ok: true,
      result: 'alive',
    });
  });
});

describe('logs', () => {
  it('prefixes console output with the function name and request id between START and REPORT', async () => {
    const { requestId } = await harness.runner.invoke('whoami', { delayMs: 1 }, { source: 'scf' });
    const lines = harness.logs.filter((line) => line.includes(requestId));
    expect(lines[0]).toBe(`[whoami] ${requestId} START`);
    expect(lines).toContain(`[whoami] ${requestId} hello from whoami { delayMs: 1 }`);
    expect(lines.at(-2)).toBe(`[whoami] ${requestId} END`);
    expect(lines.at(-1)).toMatch(new RegExp(`^\\[whoami\\] ${requestId} REPORT duration=\\d+(\\.\\d+)?ms$`));
  });

  it('shows no SDK complaint about the SCF environment', () => {
    expect(harness.logs.filter((line) => line.includes('[TCB][ERROR]'))).toEqual([]);
  });
});
