import { VirtualClock } from '../../src/clock';
import { decodeOpenApiResponse, encodeOpenApiRequest } from '../../src/services/openapi-codec';
import { createOpenApiService, type OpenApiService } from '../../src/services/openapi';
import { PHONE_CODE_TTL_MS } from '../../src/services/phone-numbers';

describe('phonenumber.getPhoneNumber', () => {
  let openapi: OpenApiService;
  let clock: VirtualClock;

  beforeEach(() => {
    clock = new VirtualClock();
    const context = { envId: 'test-env', appId: 'wxAPP', clock, baseUrl: () => '' };
    openapi = createOpenApiService({
      context,
      permissionsOf: (name) => (name === 'shop' ? ['phonenumber.getPhoneNumber'] : []),
    });
  });

  const exchange = async (params: Record<string, unknown>, caller = 'shop') =>
    JSON.parse(
      decodeOpenApiResponse(
        await openapi.handle('phonenumber.getPhoneNumber', encodeOpenApiRequest(params), caller),
      ).respData.toString('utf8'),
    ) as Record<string, unknown>;

  it('answers phone_info as WeChat documents it, once per code', async () => {
    const { code } = openapi.issuePhoneCode('o-alice', '+86 138-0013-8000');
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    expect(await exchange({ code, openid: 'o-alice' })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: Math.floor(clock.now() / 1000), appid: 'wxAPP' },
      },
    });
    expect(await exchange({ code, openid: 'o-alice' })).toMatchObject({ errcode: 40163 });
  });

  it('refuses an unknown code, an expired one, and one issued to another user (without using it up)', async () => {
    expect(await exchange({ code: 'nope' })).toMatchObject({ errcode: 40029 });
    expect(await exchange({})).toMatchObject({ errcode: 47001 });
    const { code } = openapi.issuePhoneCode('o-alice');
    expect(await exchange({ code, openid: 'o-mallory' })).toMatchObject({ errcode: 40029 });
    expect(await exchange({ code, openid: 'o-alice' })).toMatchObject({ errcode: 0 });
    const late = openapi.issuePhoneCode('o-alice').code;
    await clock.advance(PHONE_CODE_TTL_MS + 1);
    expect(await exchange({ code: late, openid: 'o-alice' })).toMatchObject({ errcode: 40029 });
  });

  it('is refused to a function whose config.json lacks it, and forgets every code on reset', async () => {
    const { code } = openapi.issuePhoneCode('o-alice');
    const refused = decodeOpenApiResponse(
      await openapi.handle('phonenumber.getPhoneNumber', encodeOpenApiRequest({ code }), 'other'),
    );
    expect(refused.errorCode).not.toBe(0);
    openapi.reset();
    expect(await exchange({ code })).toMatchObject({ errcode: 40029 });
  });
});
