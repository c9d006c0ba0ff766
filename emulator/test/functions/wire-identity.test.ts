/**
 * What the real wx-server-sdk inside an instance sends over the wire: a stand-in platform records each request
 * and resolves its wxCloudApiToken through the runner while the request is in flight.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenOwner } from '../../src/functions';
import { startRunner, resultOf, type Harness } from './runner-harness';

interface RecordedRequest {
  url: string;
  source: string | undefined;
  body: Record<string, unknown>;
  owner: TokenOwner | undefined;
}

let harness: Harness;
let platform: http.Server;
const recorded: RecordedRequest[] = [];

beforeAll(async () => {
  platform = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      const token = String(body.wxCloudApiToken);
      recorded.push({
        url: req.url ?? '',
        source: req.headers['x-tcb-source'] as string,
        body,
        owner: harness.runner.callerForApiToken(token),
      });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          requestId: 'platform-1',
          data: { response_data: JSON.stringify({ echoed: body.request_data }) },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  const { port } = platform.address() as AddressInfo;
  harness = await startRunner({ baseUrl: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await harness.close();
  await new Promise((resolve) => platform.close(resolve));
});
beforeEach(() => {
  recorded.length = 0;
});

interface CallerResult {
  result: unknown;
  wxContext: Record<string, unknown>;
}

it('attributes a callFunction request to the calling function and its user, until the invocation ends', async () => {
  const caller = { source: 'wx_client', openid: 'o-buyer', clientIp: '10.0.0.7' } as const;
  const outcome = await harness.runner.invoke('caller', { callee: 'whoami' }, caller);
  expect(resultOf<CallerResult>(outcome).result).toEqual({ echoed: '{"from":"caller"}' });

  expect(recorded).toHaveLength(1);
  const [request] = recorded;
  expect(request?.url).toMatch(/^\/admin\?env=test-env&seqId=/);
  expect(request?.source).toBe('wx_client,scf');
  expect(request?.body).toMatchObject({
    action: 'functions.invokeFunction',
    function_name: 'whoami',
    envName: 'test-env',
  });
  expect(request?.owner).toEqual({ functionName: 'caller', caller, requestId: expect.any(String) });
  expect(harness.runner.callerForApiToken(String(request?.body.wxCloudApiToken))).toBeUndefined();
});

it('sends the trigger token for a timer run, which has no user', async () => {
  const caller = { source: 'wx_trigger' } as const;
  const outcome = await harness.runner.invoke('caller', { callee: 'whoami' }, caller);
  expect(resultOf<CallerResult>(outcome).wxContext).toEqual({
    APPID: 'wx-test-app',
    ENV: 'test-env',
    SOURCE: 'wx_trigger',
  });
  expect(recorded[0]?.owner).toEqual({ functionName: 'caller', caller, requestId: expect.any(String) });
  expect(recorded[0]?.source).toBe('wx_trigger,scf');
});

it('issues a different token to every invocation', async () => {
  await Promise.all(
    ['o-1', 'o-2', 'o-3'].map((openid) =>
      harness.runner.invoke('caller', { callee: 'whoami' }, { source: 'wx_client', openid }),
    ),
  );
  const tokens = new Set(recorded.map((request) => request.body.wxCloudApiToken));
  expect(tokens.size).toBe(3);
  expect(recorded.map((request) => request.owner?.caller.openid).sort()).toEqual(['o-1', 'o-2', 'o-3']);
});

it('leaves the SDK without complaints about its environment', () => {
  expect(harness.logs.filter((line) => /\[TCB\]\[(ERROR|WARN)\]/.test(line))).toEqual([]);
});
