import { VirtualClock } from '../../src/clock';
import { decodeOpenApiResponse, encodeOpenApiRequest } from '../../src/services/openapi-codec';
import { createOpenApiService, NO_PERMISSION_ERROR_CODE, type OpenApiService } from '../../src/services/openapi';
import { parseWxacodeText } from '../../src/services/wxacode';
import { readQrText } from './png-qr';

describe('openapi service', () => {
  let openapi: OpenApiService;

  beforeEach(() => {
    const context = { envId: 'test-env', appId: 'wxAPP', clock: new VirtualClock(), baseUrl: () => '' };
    openapi = createOpenApiService({
      context,
      permissionsOf: (name) => (name === 'share' ? ['wxacode.getUnlimited', 'subscribeMessage.send', 'foo.bar'] : []),
    });
  });

  const call = async (apiName: string, params: Record<string, unknown>, caller = 'share') =>
    decodeOpenApiResponse(await openapi.handle(apiName, encodeOpenApiRequest(params), caller));
  const json = (response: { respData: Buffer }) =>
    JSON.parse(response.respData.toString('utf8')) as Record<string, unknown>;

  describe('wxacode.getUnlimited', () => {
    it('draws a real QR code PNG that opens the page with the scene, and records it', async () => {
      const response = await call('wxacode.getUnlimited', {
        scene: 'id=1&from=2',
        page: 'pages/index/index',
        width: 300,
      });
      expect(response.errorCode).toBe(0);
      expect(response.contentType).toBe('image/png');
      const text = readQrText(response.respData);
      expect(text).toBe('https://mp.weixin.qq.com/a/pages/index/index?scene=id%3D1%26from%3D2');
      expect(parseWxacodeText(text ?? '')).toEqual({
        page: 'pages/index/index',
        scene: 'id=1&from=2',
        query: { scene: 'id%3D1%26from%3D2' },
      });
      expect(openapi.issuedCodes()).toEqual([
        { scene: 'id=1&from=2', page: 'pages/index/index', width: 300, envVersion: 'release', at: expect.any(Number) },
      ]);
    });

    it.each([
      [{ scene: 'x'.repeat(33), page: 'pages/a/a' }, 40169],
      [{ scene: '分销', page: 'pages/a/a' }, 40169],
      [{ scene: '100%', page: 'pages/a/a' }, 40169],
      [{ page: 'pages/a/a' }, 40169],
      [{ scene: 'a=1', page: '/pages/a/a' }, 41030],
      [{ scene: 'a=1', page: 'pages/a/a?x=1' }, 41030],
      [{ scene: 'a=1', page: 'pages/a/a', env_version: 'beta' }, 40097],
    ])('refuses %j with errcode %d as JSON', async (params, errcode) => {
      const response = await call('wxacode.getUnlimited', params);
      expect(response.contentType).toBe('application/json');
      expect(json(response)).toMatchObject({ errcode });
      expect(openapi.issuedCodes()).toEqual([]);
    });

    it('accepts every special character WeChat allows in a 32-character scene', async () => {
      const scene = "!#$&'()*+,/:;=?@-._~0123456789aZ";
      expect(scene).toHaveLength(32);
      const response = await call('wxacode.getUnlimited', { scene, page: 'pages/a/a' });
      expect(parseWxacodeText(readQrText(response.respData) ?? '')?.scene).toBe(scene);
    });
  });

  it('records subscribe messages in the outbox', async () => {
    const data = { thing1: { value: '佣金到账' }, amount2: { value: '¥12.00' } };
    const response = await call('subscribeMessage.send', {
      touser: 'o-shopper',
      template_id: 'TPL1',
      page: 'pages/me/me',
      data,
      miniprogram_state: 'developer',
    });
    expect(json(response)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(openapi.outbox()).toEqual([
      {
        touser: 'o-shopper',
        templateId: 'TPL1',
        page: 'pages/me/me',
        data,
        miniprogramState: 'developer',
        at: expect.any(Number),
      },
    ]);
    expect(json(await call('subscribeMessage.send', { template_id: 'TPL1', data }))).toMatchObject({ errcode: 40003 });
    openapi.reset();
    expect(openapi.outbox()).toEqual([]);
  });

  it('refuses a function whose config.json lacks the API', async () => {
    const response = await call('wxacode.getUnlimited', { scene: 'a', page: '' }, 'other');
    expect(response.errorCode).toBe(NO_PERMISSION_ERROR_CODE);
  });

  it('answers 48001 for an API it does not emulate and 47001 for a body that is not CommApiData', async () => {
    expect(json(await call('foo.bar', {}))).toMatchObject({
      errcode: 48001,
      errmsg: expect.stringContaining('foo.bar'),
    });
    const garbage = decodeOpenApiResponse(
      await openapi.handle('subscribeMessage.send', Buffer.from([0xff, 0xff, 0xff])),
    );
    expect(json(garbage)).toMatchObject({ errcode: 47001 });
  });
});
